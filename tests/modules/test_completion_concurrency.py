"""Completion is decided in the action, from the database, under the enrolment's lock:
tabs opening the last pages at the same moment still complete the module, once."""

import pytest

from base.roles import Role
from modules.actions import enrol_learner, record_page_view
from modules.models import Enrolment, Page
from quizzes.actions import start_attempt, submit_attempt
from quizzes.models import Question
from tests.concurrency import run_at_once
from tracking.models import Statement

pytestmark = pytest.mark.django_db(transaction=True)


def _pass_quiz(enrolment):
    attempt = start_attempt(enrolment)
    answers = {
        q.key: [c.key for c in q.choices.all() if c.is_correct]
        for q in Question.objects.filter(quiz=attempt.quiz).prefetch_related("choices")
    }
    submit_attempt(attempt, answers)


def _completed_statements(enrolment) -> int:
    return Statement.objects.filter(
        registration=enrolment.registration, verb__endswith="/completed"
    ).count()


@pytest.mark.parametrize("run", range(3))
def test_three_tabs_opening_the_last_three_pages_complete_the_module_once(
    run, content, learner, barnehage
):
    enrolment = enrol_learner(learner, content, barnehage, Role.UNION_REP)
    _pass_quiz(enrolment)  # quiz first: the last page view is what completes
    pages = list(Page.objects.filter(version=content).order_by("order"))
    for page in pages[:-3]:
        record_page_view(enrolment, page, "nb")

    def view(page):
        return lambda: record_page_view(Enrolment.objects.get(pk=enrolment.pk), page, "nb")

    run_at_once(*(view(page) for page in pages[-3:]))
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert _completed_statements(enrolment) == 1


def test_the_same_last_page_in_two_tabs_completes_once(content, learner, barnehage):
    enrolment = enrol_learner(learner, content, barnehage, Role.UNION_REP)
    _pass_quiz(enrolment)
    pages = list(Page.objects.filter(version=content).order_by("order"))
    for page in pages[:-1]:
        record_page_view(enrolment, page, "nb")
    last = pages[-1]
    run_at_once(
        *(lambda: record_page_view(Enrolment.objects.get(pk=enrolment.pk), last, "nb"),) * 2
    )
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert _completed_statements(enrolment) == 1
