"""The query counts the player promises (docs/decisions/0002), the quiz and the team page
keep, pinned: a change that adds a query per request fails here, not in production.

The session and the user are two of them on every logged-in page (the session none when
a cache is configured: it is read from there)."""

import pytest
from django.urls import reverse

from quizzes.actions import start_attempt
from tests.teams.helpers import plan_actions

# session, user, and one query for the enrolment with its version, industry and pages seen
MODULE_PAGE_AGAIN = 3
# + the page view, its statement, and completion decided under the enrolment's lock
MODULE_PAGE_FIRST = 8
QUIZ_PAGE = 8
ATTEMPT_PAGE = 6
TEAM_PAGE = 17  # the seats' certificates one query for all; the member's roles from the seats
SESSION_PAGE = 12


def test_a_module_page_seen_before_reads_only(
    learner_client, enrolment, django_assert_max_num_queries
):
    url = reverse("learn_page", args=[enrolment.pk, 2])
    learner_client.get(reverse("learn_page", args=[enrolment.pk, 1]))  # warms the version cache
    learner_client.get(url)
    with django_assert_max_num_queries(MODULE_PAGE_AGAIN):
        assert learner_client.get(url).status_code == 200


def test_a_module_page_seen_the_first_time(
    learner_client, enrolment, django_assert_max_num_queries
):
    learner_client.get(reverse("learn_page", args=[enrolment.pk, 1]))
    with django_assert_max_num_queries(MODULE_PAGE_FIRST):
        assert learner_client.get(reverse("learn_page", args=[enrolment.pk, 2])).status_code == 200


def test_the_quiz_pages(learner_client, enrolment, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUIZ_PAGE):
        assert learner_client.get(reverse("quiz", args=[enrolment.pk])).status_code == 200
    attempt = start_attempt(enrolment)
    url = reverse("attempt", args=[enrolment.pk, attempt.pk])
    with django_assert_max_num_queries(ATTEMPT_PAGE):
        assert learner_client.get(url).status_code == 200


@pytest.fixture
def planned_trio(trio, leader):
    from teams.actions import save_plan

    save_plan(trio.public_id, 0, plan_actions("leader", "union_rep"), acting_user=leader)
    return trio


def test_the_team_pages(client, planned_trio, leader, django_assert_max_num_queries):
    client.force_login(leader)
    with django_assert_max_num_queries(TEAM_PAGE):
        assert client.get(reverse("team_detail", args=[planned_trio.public_id])).status_code == 200
    with django_assert_max_num_queries(SESSION_PAGE):
        assert client.get(reverse("team_session", args=[planned_trio.public_id])).status_code == 200
