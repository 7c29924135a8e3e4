"""Writes for quizzes: storing an imported quiz, starting and submitting attempts."""

import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from modules.actions import record_quiz_passed
from modules.models import Enrolment, ModuleVersion
from quizzes import grading
from quizzes.models import Answer, Attempt, Choice, Question, QuestionType, Quiz
from quizzes.pool import DrawRule, draw, pool_of
from quizzes.sources import QuizSource
from tracking import statements
from tracking.actions import record_statements

_shuffler = random.SystemRandom()


def create_quiz(version: ModuleVersion, source: QuizSource) -> Quiz:
    """Store a checked quiz for a new module version (called by the content import)."""
    rule = source.draw
    quiz = Quiz.objects.create(
        version=version,
        pass_mark=source.pass_mark,
        max_attempts=source.max_attempts,
        draw_count=rule.count if rule else None,
        draw_min_scenarios=rule.min_scenarios if rule else 0,
        draw_min_industry=rule.min_industry if rule else 0,
    )
    questions = Question.objects.bulk_create(
        Question(
            quiz=quiz,
            order=i,
            key=q.key,
            type=q.type,
            prompt=q.prompt,
            case=q.case or {},
            industries=q.industries,
            roles=q.roles,
        )
        for i, q in enumerate(source.questions, start=1)
    )
    Choice.objects.bulk_create(
        Choice(
            question=question,
            order=j,
            key=c.key,
            text=c.text,
            feedback=c.feedback,
            is_correct=c.correct,
        )
        for question, q in zip(questions, source.questions, strict=True)
        for j, c in enumerate(q.choices, start=1)
    )
    return quiz


def _shuffled_order(questions: list[Question]) -> dict[str, list[str]]:
    order: dict[str, list[str]] = {}
    for question in questions:
        keys = [c.key for c in question.choices.all()]
        if question.type != QuestionType.TRUE_FALSE:
            _shuffler.shuffle(keys)
        order[question.key] = keys
    return order


def _draw_questions(quiz: Quiz, enrolment: Enrolment, previous: list[str]) -> list[Question]:
    """The learner's pool (their industry and role), or the draw from it; in quiz order."""
    questions = list(quiz.questions.prefetch_related("choices"))
    pool = pool_of(questions, enrolment.industry.slug, enrolment.role)
    if quiz.draw_count is None:
        return pool
    rule = DrawRule(quiz.draw_count, quiz.draw_min_scenarios, quiz.draw_min_industry)
    picked = draw(pool, rule, enrolment.industry.slug, avoid=previous, rng=_shuffler)
    return sorted(picked, key=lambda q: q.order)


@transaction.atomic
def start_attempt(enrolment: Enrolment) -> Attempt:
    """Start an attempt at the enrolment's quiz, or return the one already open.

    The attempt draws its questions now, from the learner's pool (see ``quizzes.pool``),
    preferring questions the previous attempt did not have. Refuses when the quiz is
    passed or the content's attempt limit is used up.
    """
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("industry")
        .get(pk=enrolment.pk)
    )
    quiz = Quiz.objects.get(version_id=enrolment.version_id)
    open_attempt = enrolment.attempts.filter(submitted_at__isnull=True).first()
    if open_attempt is not None:
        return open_attempt
    if enrolment.quiz_passed_at is not None:
        raise ValidationError(_("You have already passed this quiz."), code="passed")
    attempts = list(enrolment.attempts.order_by("number"))
    used = len(attempts)
    if quiz.max_attempts and used >= quiz.max_attempts:
        raise ValidationError(
            ngettext(
                "You have used your %(count)d attempt at this quiz.",
                "You have used all %(count)d attempts at this quiz.",
                quiz.max_attempts,
            )
            % {"count": quiz.max_attempts},
            code="limit",
        )
    questions = _draw_questions(quiz, enrolment, attempts[-1].question_keys if attempts else [])
    return Attempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=used + 1,
        question_keys=[q.key for q in questions],
        choice_order=_shuffled_order(questions),
        started_at=timezone.now(),
    )


def _clean_answers(questions: list[Question], answers: dict[str, list[str]]) -> dict[str, set[str]]:
    errors: dict[str, str] = {}
    cleaned: dict[str, set[str]] = {}
    for question in questions:
        selected = set(answers.get(question.key) or [])
        valid = {c.key for c in question.choices.all()}
        if not selected:
            errors[question.key] = _("Choose an answer.")
        elif not selected <= valid:
            errors[question.key] = _("That answer is not one of the choices.")
        elif question.type != QuestionType.MULTIPLE_CHOICE and len(selected) != 1:
            errors[question.key] = _("Choose one answer.")
        else:
            cleaned[question.key] = selected
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def submit_attempt(attempt: Attempt, answers: dict[str, list[str]]) -> tuple[Attempt, bool]:
    """Grade and store an attempt. Returns ``(attempt, graded_now)``.

    Submitting an attempt that is already graded (double click, second tab, replayed
    POST) changes nothing and returns it with ``graded_now`` False. Invalid answers
    raise ``ValidationError`` (a dict per question key) and store nothing.
    """
    attempt = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
    if attempt.submitted_at is not None:
        return attempt, False
    questions = list(
        attempt.quiz.questions.filter(key__in=attempt.question_keys).prefetch_related("choices")
    )
    cleaned = _clean_answers(questions, answers)
    now = timezone.now()
    rows = []
    for question in questions:
        correct = {c.key for c in question.choices.all() if c.is_correct}
        selected = cleaned[question.key]
        rows.append(
            Answer(
                attempt=attempt,
                question=question,
                selected=sorted(selected),
                is_correct=grading.is_correct(question.type, correct, selected),
            )
        )
    Answer.objects.bulk_create(rows)
    attempt.correct_count = sum(1 for r in rows if r.is_correct)
    attempt.question_count = len(rows)
    attempt.score = grading.score_percent(attempt.correct_count, attempt.question_count)
    attempt.passed = grading.has_passed(attempt.score, attempt.quiz.pass_mark)
    attempt.submitted_at = now
    attempt.duration = now - attempt.started_at
    attempt.save()
    enrolment = Enrolment.objects.select_related("version__module", "industry", "user").get(
        pk=attempt.enrolment_id
    )
    by_question = {q.pk: q for q in questions}
    record_statements(
        [
            statements.answered(
                enrolment, attempt, by_question[r.question_id], r.selected, r.is_correct
            )
            for r in rows
        ]
        + [statements.quiz_result(enrolment, attempt)]
    )
    if attempt.passed:
        record_quiz_passed(enrolment)
    return attempt, True
