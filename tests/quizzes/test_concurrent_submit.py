"""Two submissions of one attempt at the same moment (double click, two tabs): one counts.

Runs with real transactions and two database connections, on SQLite and PostgreSQL.
"""

import pytest

from base.roles import Role
from modules.actions import enrol_learner
from quizzes.actions import start_attempt, submit_attempt
from quizzes.models import Answer, Attempt, Question
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_submissions_at_once_grade_one_attempt(content, learner, barnehage):
    enrolment = enrol_learner(learner, content, barnehage, Role.UNION_REP)
    attempt = start_attempt(enrolment)
    answers = {
        q.key: [next(c.key for c in q.choices.all() if c.is_correct)]
        for q in Question.objects.filter(quiz=attempt.quiz).prefetch_related("choices")
    }

    def submit():
        return submit_attempt(Attempt.objects.get(pk=attempt.pk), answers)[1]

    results = run_at_once(submit, submit)
    assert sorted(results) == [False, True]
    assert Attempt.objects.filter(enrolment=enrolment).count() == 1
    assert Answer.objects.filter(attempt=attempt).count() == len(answers)
    enrolment.refresh_from_db()
    assert enrolment.quiz_passed_at is not None
