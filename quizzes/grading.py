"""Grading rules, as plain functions (server side only)."""

from decimal import ROUND_HALF_UP, Decimal

from quizzes.models import QuestionType


def is_correct(question_type: str, correct: set[str], selected: set[str]) -> bool:
    """A multiple-choice answer is right only with exactly the correct choices;
    every other type has one right choice."""
    if question_type == QuestionType.MULTIPLE_CHOICE:
        return selected == correct
    return len(selected) == 1 and selected == correct


def score_percent(correct_count: int, question_count: int) -> Decimal:
    if question_count == 0:
        return Decimal("0.00")
    value = Decimal(correct_count * 100) / Decimal(question_count)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def has_passed(score: Decimal, pass_mark: int) -> bool:
    return score >= pass_mark
