"""Two submissions of one attempt at the same moment (double click, two tabs): one counts.

Runs with real transactions and two database connections, on SQLite and PostgreSQL.
"""

import threading

import pytest
from django.db import connection

from base.roles import Role
from modules.actions import enrol_learner
from quizzes.actions import start_attempt, submit_attempt
from quizzes.models import Answer, Attempt, Question

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_submissions_at_once_grade_one_attempt(content, learner, barnehage):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.fail("concurrency needs a file database; see DATABASES TEST NAME in settings")
    enrolment = enrol_learner(learner, content, barnehage, Role.UNION_REP)
    attempt = start_attempt(enrolment)
    answers = {
        q.key: [next(c.key for c in q.choices.all() if c.is_correct)]
        for q in Question.objects.filter(quiz=attempt.quiz).prefetch_related("choices")
    }
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(submit_attempt(Attempt.objects.get(pk=attempt.pk), answers)[1])
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert sorted(results) == [False, True]
    assert Attempt.objects.filter(enrolment=enrolment).count() == 1
    assert Answer.objects.filter(attempt=attempt).count() == len(answers)
    enrolment.refresh_from_db()
    assert enrolment.quiz_passed_at is not None
