"""Quiz item analysis on the frozen starter module (seven questions, no draw)."""

import pytest

from base.roles import Role
from modules.actions import enrol_learner
from organisations.models import Organisation, OwnerScope
from organisations.selectors import scopes_for
from quizzes.actions import start_attempt, submit_attempt
from quizzes.models import Question
from reporting import selectors
from tests.factories import UserFactory
from tests.reporting.conftest import member

pytestmark = pytest.mark.django_db


def answer(user, starter, industry, strong: bool):
    """q1 everyone gets right, q2 everyone gets wrong, the rest only the strong."""
    enrolment = enrol_learner(user, starter, industry, Role.UNION_REP)
    attempt = start_attempt(enrolment)
    answers = {}
    for question in Question.objects.filter(key__in=attempt.question_keys).prefetch_related(
        "choices"
    ):
        right = [c.key for c in question.choices.all() if c.is_correct]
        wrong = [c.key for c in question.choices.all() if not c.is_correct][:1]
        good = question.order == 1 or (question.order != 2 and strong)
        answers[question.key] = right if good else wrong
    submit_attempt(attempt, answers)


@pytest.fixture
def union(starter):
    org = Organisation.objects.create(name="Forbundet", kind=Organisation.Kind.UNION)
    owner = UserFactory()
    OwnerScope.objects.create(user=owner, organisation=org)
    return org, scopes_for(owner)[0]


def table_rows(table):
    return {
        row.key: {
            c.key: (cell.mark or cell.value)
            for c, cell in zip(table.columns, row.cells, strict=True)
        }
        for row in table.rows
    }


def test_facility_discrimination_and_flags(starter, barnehage, union):
    org, scope = union
    for i in range(6):
        answer(member(org), starter, barnehage, strong=i >= 3)
    answer(UserFactory(), starter, barnehage, strong=False)  # no consent: not counted
    table = selectors.item_analysis(scope, starter.module)
    assert not table.withheld
    rows = table_rows(table)
    assert rows["q1"]["answers"] == 6
    assert rows["q1"]["facility"] == 1.0 and rows["q1"]["discrimination"] is None
    assert rows["q2"]["facility"] == 0.0 and rows["q2"]["flag"] == "De fleste svarer feil"
    assert rows["q3"]["facility"] == 0.5
    assert rows["q3"]["discrimination"] == pytest.approx(1.0)
    assert rows["q3"]["flag"] == ""


def test_a_question_that_does_not_separate_is_flagged(starter, barnehage, union):
    org, scope = union
    # The weak get q3 right and the strong get it wrong: a negative discrimination.
    for i in range(6):
        user = member(org)
        enrolment = enrol_learner(user, starter, barnehage, Role.UNION_REP)
        attempt = start_attempt(enrolment)
        answers = {}
        for q in Question.objects.filter(key__in=attempt.question_keys).prefetch_related("choices"):
            right = [c.key for c in q.choices.all() if c.is_correct]
            wrong = [c.key for c in q.choices.all() if not c.is_correct][:1]
            strong = i >= 3
            good = (not strong) if q.key == "q3" else strong
            answers[q.key] = right if good else wrong
        submit_attempt(attempt, answers)
    rows = table_rows(selectors.item_analysis(scope, starter.module))
    assert rows["q3"]["discrimination"] < 0
    assert "Skiller ikke sterkere fra svakere deltakere" in rows["q3"]["flag"]


def test_the_whole_table_is_withheld_below_five_people(starter, barnehage, union):
    org, scope = union
    for i in range(4):
        answer(member(org), starter, barnehage, strong=i >= 2)
    table = selectors.item_analysis(scope, starter.module)
    assert table.withheld and table.rows == []
