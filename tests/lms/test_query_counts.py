"""The query counts the player promises (docs/decisions/0002), the quiz and the team page
keep, pinned: a change that adds a query per request fails here, not in production.

The session and the user are two of them on every logged-in page (the session none when
a cache is configured: it is read from there)."""

import pytest
from django.test import Client
from django.urls import reverse

from quizzes.actions import start_attempt
from tests.reporting.conftest import populated, world  # noqa: F401 (fixtures)
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


# The course owners' dashboard: grouped queries whatever the number of learners (session,
# user, the scope and its modules, the hierarchy, the modules' titles, the figures).
REPORT_OVERVIEW = 9
REPORT_OVERVIEW_BY_ORGANISATION = 13
REPORT_ANNUAL = 13


def test_the_report_pages_read_the_same_number_of_queries_for_more_learners(request):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tests.reporting.conftest import member, take

    w = request.getfixturevalue("populated")
    client = Client()
    client.force_login(w.owner_a)
    key = str(w.union_a.public_id)
    pages = (
        (reverse("report_overview", args=[key]), {}, REPORT_OVERVIEW),
        (
            reverse("report_overview", args=[key]),
            {"by": "organisation"},
            REPORT_OVERVIEW_BY_ORGANISATION,
        ),
        (reverse("report_annual", args=[key]), {"year": timezone.localdate().year}, REPORT_ANNUAL),
    )

    def counts():
        # At most the pinned number (one fewer when the session comes from the cache), and
        # exactly as many however many learners.
        out = []
        for url, params, count in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url, params).status_code == 200
            assert len(queries) <= count, (url, params, len(queries))
            out.append(len(queries))
        return out

    before = counts()
    for _ in range(3):
        take(member(w.branch_a2), w.basics, w.cleaning)
    assert counts() == before


ORGANISATIONS_PAGE = 4  # session, user, the person's affiliations, the organisations to choose


def test_the_organisations_page_does_not_grow_with_affiliations(
    learner_client, learner, django_assert_max_num_queries
):
    from organisations.actions import join_organisation
    from organisations.models import Organisation

    top = Organisation.objects.create(name="Hovedorganisasjonen", kind="confederation")
    for i in range(4):
        union = Organisation.objects.create(name=f"Forbund {i}", kind="union", parent=top)
        join_organisation(learner, union, consent=True, share_name=i % 2 == 0)
    with django_assert_max_num_queries(ORGANISATIONS_PAGE):
        assert learner_client.get(reverse("profile_organisations")).status_code == 200
