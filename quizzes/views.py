from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from modules.permissions import access_enrolment
from modules.selectors import content_language
from quizzes import actions, selectors


@login_required
def quiz(request, enrolment_id):
    enrolment = access_enrolment(request.user, enrolment_id)
    state = selectors.quiz_state(enrolment)
    return render(request, "quizzes/quiz.html", {"enrolment": enrolment, "state": state})


@login_required
@require_POST
def start(request, enrolment_id):
    enrolment = access_enrolment(request.user, enrolment_id)
    selectors.quiz_of(enrolment)
    try:
        attempt = actions.start_attempt(enrolment)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("quiz", enrolment_id=enrolment.pk)
    return redirect("attempt", enrolment_id=enrolment.pk, attempt_id=attempt.pk)


def _answers_from(post, attempt) -> dict[str, list[str]]:
    return {key: post.getlist(f"q-{key}") for key in attempt.choice_order}


@login_required
def attempt(request, enrolment_id, attempt_id):
    enrolment = access_enrolment(request.user, enrolment_id)
    attempt = selectors.access_attempt(enrolment, attempt_id)
    context = {
        "enrolment": enrolment,
        "attempt": attempt,
        "content_language": content_language(enrolment),
    }
    if request.method == "POST":
        answers = _answers_from(request.POST, attempt)
        try:
            attempt, graded_now = actions.submit_attempt(attempt, answers)
        except ValidationError as exc:
            context["questions"] = selectors.shown_questions(attempt, answers, exc.message_dict)
            context["has_errors"] = True
            return render(request, "quizzes/attempt.html", context, status=400)
        if not graded_now:
            messages.info(
                request, _("This attempt was already submitted. Your first answers count.")
            )
        return redirect("attempt", enrolment_id=enrolment.pk, attempt_id=attempt.pk)
    context["questions"] = selectors.shown_questions(attempt)
    if attempt.submitted_at is not None:
        enrolment.refresh_from_db(fields=["completed_at", "quiz_passed_at"])
        context["state"] = selectors.quiz_state(enrolment)
    return render(request, "quizzes/attempt.html", context)
