"""Reads for quizzes: what a learner is shown before and after submitting."""

from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext

from modules.models import Enrolment
from quizzes.models import Attempt, Question, QuestionType, Quiz


def quiz_of(enrolment: Enrolment) -> Quiz:
    quiz = Quiz.objects.filter(version_id=enrolment.version_id).first()
    if quiz is None:
        raise Http404
    return quiz


def attempts_of(enrolment: Enrolment) -> list[Attempt]:
    return list(enrolment.attempts.order_by("number"))


def access_attempt(enrolment: Enrolment, attempt_id) -> Attempt:
    """An attempt of this (already access-checked) enrolment, or 404."""
    attempt = enrolment.attempts.select_related("quiz").filter(pk=attempt_id).first()
    if attempt is None:
        raise Http404
    return attempt


@dataclass
class ShownChoice:
    key: str
    text_html: str
    selected: bool = False
    # Only filled in after submission, so nothing about correctness reaches the page before.
    is_correct: bool | None = None
    feedback_html: str = ""


@dataclass
class ShownQuestion:
    key: str
    number: int
    type: str
    prompt_html: str
    case_html: str
    choices: list[ShownChoice] = field(default_factory=list)
    answered_correctly: bool | None = None
    error: str = ""

    @property
    def multiple(self) -> bool:
        return self.type == QuestionType.MULTIPLE_CHOICE


def shown_questions(
    attempt: Attempt, selected: dict[str, list[str]] | None = None, errors: dict | None = None
) -> list[ShownQuestion]:
    """The attempt's questions with choices in the attempt's shuffled order.

    Before submission they carry only texts (and the learner's own selections when a
    form is shown again); after submission, correctness and feedback for every choice.
    """
    submitted = attempt.submitted_at is not None
    answers = {a.question_id: a for a in attempt.answers.all()} if submitted else {}
    selected = selected or {}
    errors = errors or {}
    out = []
    questions = Question.objects.filter(
        quiz_id=attempt.quiz_id, key__in=attempt.question_keys
    ).prefetch_related("choices")
    for number, question in enumerate(questions, start=1):
        by_key = {c.key: c for c in question.choices.all()}
        order = attempt.choice_order.get(question.key) or list(by_key)
        answer = answers.get(question.pk)
        chosen = set(answer.selected if answer else selected.get(question.key, []))
        shown = ShownQuestion(
            key=question.key,
            number=number,
            type=question.type,
            prompt_html=question.prompt_html,
            case_html=question.case_html,
            answered_correctly=answer.is_correct if answer else None,
            error=" ".join(errors.get(question.key, [])),
        )
        for key in order:
            choice = by_key[key]
            text = choice.text_html or _true_false_label(key)
            shown.choices.append(
                ShownChoice(
                    key=key,
                    text_html=text,
                    selected=key in chosen,
                    is_correct=choice.is_correct if submitted else None,
                    feedback_html=choice.feedback_html if submitted else "",
                )
            )
        out.append(shown)
    return out


def _true_false_label(key: str) -> str:
    return gettext("True") if key == "true" else gettext("False") if key == "false" else key


@dataclass
class QuizState:
    quiz: Quiz
    attempts: list[Attempt]
    open_attempt: Attempt | None

    @property
    def used(self) -> int:
        return sum(1 for a in self.attempts if a.submitted_at is not None)

    @property
    def left(self) -> int | None:
        if not self.quiz.max_attempts:
            return None
        return max(self.quiz.max_attempts - self.used, 0)

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.attempts)

    @property
    def can_start(self) -> bool:
        return not self.passed and self.open_attempt is None and self.left != 0


def quiz_state(enrolment: Enrolment) -> QuizState:
    attempts = attempts_of(enrolment)
    return QuizState(
        quiz_of(enrolment),
        attempts,
        next((a for a in attempts if a.submitted_at is None), None),
    )


def personal_data(user) -> dict:
    """The person's quiz attempts with the answers they chose."""
    attempts = (
        Attempt.objects.filter(enrolment__user=user)
        .select_related("enrolment__version__module")
        .prefetch_related("answers__question")
        .order_by("started_at", "number")
    )
    return {
        "attempts": [
            {
                "module": a.enrolment.version.module.slug,
                "version": a.enrolment.version.label,
                "number": a.number,
                "started_at": a.started_at,
                "submitted_at": a.submitted_at,
                "correct_count": a.correct_count,
                "question_count": a.question_count,
                "score": a.score,
                "passed": a.passed,
                "answers": [
                    {"question": x.question.key, "selected": x.selected, "correct": x.is_correct}
                    for x in sorted(a.answers.all(), key=lambda x: x.question.order)
                ],
            }
            for a in attempts
        ]
    }
