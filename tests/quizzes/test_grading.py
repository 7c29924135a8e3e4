"""Grading on the server: ``start_attempt`` / ``submit_attempt`` on the real starter quiz.

Right answers are read from ``Choice.is_correct`` (imported from quiz.yaml), not hard-coded.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext

from modules.actions import record_page_view
from modules.models import Page
from quizzes import actions, grading
from quizzes.actions import start_attempt, submit_attempt
from quizzes.models import Answer, Attempt, QuestionType, Quiz

# --- helpers ---------------------------------------------------------------------------


def questions_of(enrolment):
    quiz = Quiz.objects.get(version_id=enrolment.version_id)
    return list(quiz.questions.prefetch_related("choices"))


def right(question) -> list[str]:
    return sorted(c.key for c in question.choices.all() if c.is_correct)


def wrong(question) -> list[str]:
    return [next(c.key for c in question.choices.all() if not c.is_correct)]


def all_right(enrolment) -> dict[str, list[str]]:
    return {q.key: right(q) for q in questions_of(enrolment)}


def all_wrong(enrolment) -> dict[str, list[str]]:
    return {q.key: wrong(q) for q in questions_of(enrolment)}


def first_of_type(enrolment, qtype: str):
    return next(q for q in questions_of(enrolment) if q.type == qtype)


def answers_by_key(attempt) -> dict[str, Answer]:
    return {a.question.key: a for a in attempt.answers.select_related("question")}


def fail_once(enrolment) -> Attempt:
    attempt, graded = submit_attempt(start_attempt(enrolment), all_wrong(enrolment))
    assert graded and not attempt.passed
    return attempt


# --- the quiz as imported ---------------------------------------------------------------


def test_starter_quiz_has_every_question_type(enrolment):
    quiz = Quiz.objects.get(version=enrolment.version)
    assert quiz.pass_mark == 70
    assert quiz.max_attempts == 3
    types = {q.type for q in questions_of(enrolment)}
    assert types == set(QuestionType.values)
    for question in questions_of(enrolment):
        assert right(question), question.key
        if question.type != QuestionType.MULTIPLE_CHOICE:
            assert len(right(question)) == 1, question.key


# --- one question at a time ------------------------------------------------------------


def _grade_one(enrolment, question, selected: list[str]) -> tuple[Attempt, Answer]:
    answers = all_right(enrolment)
    answers[question.key] = selected
    attempt, graded = submit_attempt(start_attempt(enrolment), answers)
    assert graded
    return attempt, answers_by_key(attempt)[question.key]


@pytest.mark.parametrize(
    "qtype",
    [QuestionType.SINGLE_CHOICE, QuestionType.SCENARIO, QuestionType.TRUE_FALSE],
)
def test_one_answer_question_right(enrolment, qtype):
    question = first_of_type(enrolment, qtype)
    attempt, answer = _grade_one(enrolment, question, right(question))
    assert answer.is_correct is True
    assert answer.selected == right(question)
    assert attempt.correct_count == attempt.question_count == 7


@pytest.mark.parametrize(
    "qtype",
    [QuestionType.SINGLE_CHOICE, QuestionType.SCENARIO, QuestionType.TRUE_FALSE],
)
def test_one_answer_question_wrong(enrolment, qtype):
    question = first_of_type(enrolment, qtype)
    attempt, answer = _grade_one(enrolment, question, wrong(question))
    assert answer.is_correct is False
    assert answer.selected == wrong(question)
    assert attempt.correct_count == 6


def test_true_false_both_ways(enrolment):
    for question in (q for q in questions_of(enrolment) if q.type == QuestionType.TRUE_FALSE):
        assert {c.key for c in question.choices.all()} == {"true", "false"}
    q4, q7 = (q for q in questions_of(enrolment) if q.type == QuestionType.TRUE_FALSE)
    answers = all_right(enrolment)
    assert answers[q4.key] != answers[q7.key]  # one true, one false statement
    answers[q4.key], answers[q7.key] = answers[q7.key], answers[q4.key]
    attempt, _graded = submit_attempt(start_attempt(enrolment), answers)
    by_key = answers_by_key(attempt)
    assert by_key[q4.key].is_correct is False
    assert by_key[q7.key].is_correct is False
    assert attempt.correct_count == 5


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("exact", True),
        ("subset", False),
        ("superset", False),
        ("only_wrong", False),
        ("everything", False),
        ("one_right", False),
    ],
)
def test_multiple_choice_needs_exactly_the_right_set(enrolment, how, expected):
    question = first_of_type(enrolment, QuestionType.MULTIPLE_CHOICE)
    correct = right(question)
    incorrect = sorted(c.key for c in question.choices.all() if not c.is_correct)
    assert len(correct) >= 2 and incorrect  # the starter quiz allows every case below
    selected = {
        "exact": correct,
        "subset": correct[:-1],
        "superset": [*correct, incorrect[0]],
        "only_wrong": incorrect,
        "everything": [*correct, *incorrect],
        "one_right": correct[:1],
    }[how]
    _attempt, answer = _grade_one(enrolment, question, selected)
    assert answer.is_correct is expected
    assert answer.selected == sorted(selected)


def test_multiple_choice_order_of_selection_does_not_matter(enrolment):
    question = first_of_type(enrolment, QuestionType.MULTIPLE_CHOICE)
    _attempt, answer = _grade_one(enrolment, question, list(reversed(right(question))))
    assert answer.is_correct is True


# --- score and pass mark -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("n_right", "score", "passed"),
    [
        (7, Decimal("100.00"), True),
        (6, Decimal("85.71"), True),
        (5, Decimal("71.43"), True),
        (4, Decimal("57.14"), False),
        (1, Decimal("14.29"), False),
        (0, Decimal("0.00"), False),
    ],
)
def test_score_and_pass(enrolment, n_right, score, passed):
    questions = questions_of(enrolment)
    answers = {q.key: right(q) if i < n_right else wrong(q) for i, q in enumerate(questions)}
    attempt, graded = submit_attempt(start_attempt(enrolment), answers)
    assert graded
    attempt.refresh_from_db()
    assert attempt.correct_count == n_right
    assert attempt.question_count == 7
    assert attempt.score == score
    assert attempt.passed is passed
    enrolment.refresh_from_db()
    assert (enrolment.quiz_passed_at is not None) is passed


@pytest.mark.parametrize(("pass_mark", "passed"), [(71, True), (72, False), (100, False)])
def test_pass_mark_comes_from_the_quiz(enrolment, pass_mark, passed):
    Quiz.objects.filter(version=enrolment.version).update(pass_mark=pass_mark)
    questions = questions_of(enrolment)
    answers = {q.key: right(q) if i < 5 else wrong(q) for i, q in enumerate(questions)}
    attempt, _graded = submit_attempt(start_attempt(enrolment), answers)
    assert attempt.score == Decimal("71.43")
    assert attempt.passed is passed


def test_grading_functions():
    assert grading.score_percent(2, 3) == Decimal("66.67")
    assert grading.score_percent(1, 3) == Decimal("33.33")
    assert grading.score_percent(1, 8) == Decimal("12.50")
    assert grading.score_percent(0, 0) == Decimal("0.00")
    assert grading.has_passed(Decimal("70.00"), 70) is True
    assert grading.has_passed(Decimal("69.99"), 70) is False
    assert grading.is_correct(QuestionType.SINGLE_CHOICE, {"a"}, {"a"}) is True
    assert grading.is_correct(QuestionType.SINGLE_CHOICE, {"a"}, {"a", "b"}) is False
    assert grading.is_correct(QuestionType.MULTIPLE_CHOICE, {"a", "b"}, {"a", "b"}) is True
    assert grading.is_correct(QuestionType.MULTIPLE_CHOICE, {"a", "b"}, {"a"}) is False
    assert grading.is_correct(QuestionType.TRUE_FALSE, {"true"}, {"false"}) is False


# --- what is stored ----------------------------------------------------------------------


def test_duration_is_stored(enrolment):
    with time_machine.travel(datetime(2025, 3, 4, 9, 0, tzinfo=UTC), tick=False) as traveller:
        attempt = start_attempt(enrolment)
        traveller.shift(timedelta(minutes=4, seconds=30))
        attempt, _graded = submit_attempt(attempt, all_right(enrolment))
    attempt.refresh_from_db()
    assert attempt.started_at == datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    assert attempt.submitted_at == datetime(2025, 3, 4, 9, 4, 30, tzinfo=UTC)
    assert attempt.duration == timedelta(minutes=4, seconds=30)


def test_answers_are_stored_per_question(enrolment):
    answers = all_wrong(enrolment)
    multiple = first_of_type(enrolment, QuestionType.MULTIPLE_CHOICE)
    answers[multiple.key] = right(multiple)
    attempt, _graded = submit_attempt(start_attempt(enrolment), answers)
    stored = answers_by_key(attempt)
    assert set(stored) == {q.key for q in questions_of(enrolment)}
    assert Answer.objects.filter(attempt=attempt).count() == 7
    for key, answer in stored.items():
        assert answer.selected == sorted(answers[key])
        assert answer.is_correct is (key == multiple.key)
    assert attempt.correct_count == 1


def _invalid_cases():
    return [
        ("unanswered", lambda a, e: a.pop("q3"), "q3", "Choose an answer."),
        ("empty", lambda a, e: a.update(q1=[]), "q1", "Choose an answer."),
        (
            "unknown_key",
            lambda a, e: a.update(q1=["z"]),
            "q1",
            "That answer is not one of the choices.",
        ),
        (
            "unknown_in_multiple",
            lambda a, e: a.update(q2=[*a["q2"], "z"]),
            "q2",
            "That answer is not one of the choices.",
        ),
        ("two_for_single", lambda a, e: a.update(q1=["a", "b"]), "q1", "Choose one answer."),
        ("two_for_scenario", lambda a, e: a.update(q3=["a", "b"]), "q3", "Choose one answer."),
        (
            "two_for_true_false",
            lambda a, e: a.update(q4=["true", "false"]),
            "q4",
            "Choose one answer.",
        ),
    ]


@pytest.mark.parametrize(
    ("breaker", "key", "message"),
    [pytest.param(b, k, m, id=name) for name, b, k, m in _invalid_cases()],
)
def test_invalid_answers_raise_and_store_nothing(enrolment, breaker, key, message):
    attempt = start_attempt(enrolment)
    answers = all_right(enrolment)
    breaker(answers, enrolment)
    with pytest.raises(ValidationError) as exc:
        submit_attempt(attempt, answers)
    assert set(exc.value.message_dict) == {key}
    assert exc.value.message_dict[key] == [gettext(message)]
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert attempt.score is None and attempt.passed is None and attempt.duration is None
    assert not Answer.objects.exists()
    enrolment.refresh_from_db()
    assert enrolment.quiz_passed_at is None
    # the attempt is still open and can be submitted properly
    assert start_attempt(enrolment).pk == attempt.pk
    attempt, graded = submit_attempt(attempt, all_right(enrolment))
    assert graded and attempt.passed


def test_every_invalid_question_is_reported_at_once(enrolment):
    attempt = start_attempt(enrolment)
    answers = all_right(enrolment)
    answers.pop("q1")
    answers["q2"] = ["z"]
    answers["q4"] = ["true", "false"]
    with pytest.raises(ValidationError) as exc:
        submit_attempt(attempt, answers)
    assert set(exc.value.message_dict) == {"q1", "q2", "q4"}
    assert not Answer.objects.exists()


def test_a_submitted_attempt_is_graded_once(enrolment):
    attempt = start_attempt(enrolment)
    first, graded = submit_attempt(attempt, all_wrong(enrolment))
    assert graded
    again, graded_again = submit_attempt(attempt, all_right(enrolment))
    assert graded_again is False
    assert again.pk == first.pk
    assert again.passed is False and again.score == Decimal("0.00")
    assert again.submitted_at == first.submitted_at
    assert Answer.objects.filter(attempt=attempt).count() == 7
    assert all(not a.is_correct for a in Answer.objects.filter(attempt=attempt))


# --- attempts ----------------------------------------------------------------------------


def test_start_returns_the_open_attempt(enrolment):
    first = start_attempt(enrolment)
    assert start_attempt(enrolment).pk == first.pk
    assert Attempt.objects.count() == 1
    assert first.number == 1


def test_choice_order_is_recorded_with_the_same_keys(enrolment):
    attempt = start_attempt(enrolment)
    questions = questions_of(enrolment)
    assert set(attempt.choice_order) == {q.key for q in questions}
    for question in questions:
        keys = [c.key for c in question.choices.all()]
        order = attempt.choice_order[question.key]
        assert sorted(order) == sorted(keys)
        assert len(order) == len(keys)
        if question.type == QuestionType.TRUE_FALSE:
            assert order == keys == ["true", "false"]
    attempt.refresh_from_db()
    assert set(attempt.choice_order) == {q.key for q in questions}


class _RotatingShuffler:
    """Deterministic stand-in for SystemRandom: rotates by a growing step."""

    def __init__(self):
        self.calls = 0

    def shuffle(self, items: list) -> None:
        self.calls += 1
        step = self.calls % len(items) or 1
        items[:] = items[step:] + items[:step]


def test_choices_are_shuffled_per_attempt_except_true_false(enrolment, monkeypatch):
    shuffler = _RotatingShuffler()
    monkeypatch.setattr(actions, "_shuffler", shuffler)
    questions = questions_of(enrolment)
    shuffled = [q for q in questions if q.type != QuestionType.TRUE_FALSE]

    first = start_attempt(enrolment)
    assert shuffler.calls == len(shuffled)  # true_false questions are not shuffled
    submit_attempt(first, all_wrong(enrolment))
    second = start_attempt(enrolment)
    assert shuffler.calls == 2 * len(shuffled)

    for question in questions:
        keys = [c.key for c in question.choices.all()]
        for attempt in (first, second):
            assert sorted(attempt.choice_order[question.key]) == sorted(keys)
        if question.type == QuestionType.TRUE_FALSE:
            assert first.choice_order[question.key] == second.choice_order[question.key] == keys
        else:
            assert first.choice_order[question.key] != keys
    assert any(
        first.choice_order[q.key] != second.choice_order[q.key] for q in shuffled
    )  # each attempt has its own order
    first.refresh_from_db()
    assert first.choice_order[shuffled[0].key] != [c.key for c in shuffled[0].choices.all()]


def test_max_attempts_is_enforced(enrolment):
    for number in (1, 2, 3):
        assert fail_once(enrolment).number == number
    with pytest.raises(ValidationError) as exc:
        start_attempt(enrolment)
    assert exc.value.code == "limit"
    expected = ngettext(
        "You have used your %(count)d attempt at this quiz.",
        "You have used all %(count)d attempts at this quiz.",
        3,
    ) % {"count": 3}
    assert exc.value.messages == [expected]
    assert "3" in expected
    assert Attempt.objects.filter(enrolment=enrolment).count() == 3


def test_no_limit_when_max_attempts_is_zero(enrolment):
    Quiz.objects.filter(version=enrolment.version).update(max_attempts=0)
    for _ in range(4):
        fail_once(enrolment)
    assert start_attempt(enrolment).number == 5


def test_passing_sets_quiz_passed_at(enrolment):
    assert enrolment.quiz_passed_at is None
    attempt, _graded = submit_attempt(start_attempt(enrolment), all_right(enrolment))
    assert attempt.passed
    enrolment.refresh_from_db()
    assert enrolment.quiz_passed_at is not None
    assert enrolment.completed_at is None  # no page has been seen yet


def test_passing_on_the_last_attempt(enrolment):
    fail_once(enrolment)
    fail_once(enrolment)
    attempt, _graded = submit_attempt(start_attempt(enrolment), all_right(enrolment))
    assert attempt.number == 3 and attempt.passed
    enrolment.refresh_from_db()
    assert enrolment.quiz_passed_at is not None


def test_start_after_passing_raises(enrolment):
    submit_attempt(start_attempt(enrolment), all_right(enrolment))
    with pytest.raises(ValidationError) as exc:
        start_attempt(enrolment)
    assert exc.value.code == "passed"
    assert Attempt.objects.filter(enrolment=enrolment).count() == 1


def test_passing_after_seeing_every_page_completes_the_module(enrolment):
    pages = Page.objects.filter(version_id=enrolment.version_id).order_by("order")
    for page in pages:
        record_page_view(enrolment, page, "nb")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # the quiz is still to pass
    fail_once(enrolment)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    submit_attempt(start_attempt(enrolment), all_right(enrolment))
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.completed_at == enrolment.quiz_passed_at
