"""The joint session's page context and the check-in page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from base.submit import token_from
from teams import actions, rules, selectors
from teams.forms import AssessmentForm, CheckInForm, FactorsForm
from teams.indicators import QUESTIONS
from teams.permissions import access_team


def session_context(request, team, **forms) -> dict:
    plan = selectors.latest_plan(team)
    mine = selectors.roles_of(team, request.user)
    baseline = team.assessments.filter(check_in=None, user=request.user).first()
    factors = selectors.team_factors(team)
    confirmed = {c.role for c in plan.confirmations.all()} if plan else set()
    baseline_form = forms.get("baseline_form") or AssessmentForm(
        initial={k: getattr(baseline, k) for k in QUESTIONS} if baseline else None
    )
    factors_form = forms.get("factors_form") or FactorsForm(
        initial=FactorsForm.initial_for(factors), factors=selectors.industry_factors(team)
    )
    return {
        "team": team,
        "prompts": selectors.joint_prompts(team),
        "plan_examples": selectors.plan_examples(team),
        "baseline_form": baseline_form,
        "has_baseline": baseline is not None,
        "baseline_count": team.assessments.filter(check_in=None).count(),
        "factors": factors,
        "factors_form": factors_form,
        "plan": plan,
        "seat_confirmations": [
            (seat, seat.role in confirmed) for seat in selectors.held_seats(team)
        ],
        "can_confirm": rules.may_confirm(plan, mine, confirmed),
        "my_roles": mine,
    }


def _check_in_form(request, team, item):
    """The members' own answers once the check-in is recorded; before that, each action's
    status (starting from where it stood at the last check-in) and the answers."""
    data = request.POST if request.method == "POST" else None
    if item.done_at:
        return AssessmentForm(data)
    plan = selectors.agreed_plan(team)
    previous = selectors.last_statuses(team, item.number)
    return CheckInForm(
        data,
        plan_actions=list(plan.actions.all()) if plan else [],
        initial={f"status_{pk}": s.status for pk, s in previous.items()},
        previous=previous,
    )


def _save_check_in(request, team, item, form) -> None:
    token = token_from(request)
    if item.done_at:
        actions.answer_check_in(
            team.public_id,
            item.number,
            form.answers(),
            acting_user=request.user,
            submit_token=token,
        )
    else:
        actions.complete_check_in(
            team.public_id,
            item.number,
            form.statuses(),
            form.answers(),
            acting_user=request.user,
            submit_token=token,
        )


@login_required
def check_in(request, public_id, number):
    team = access_team(request.user, public_id)
    item = team.check_ins.filter(number=number).first()
    if item is None:
        raise Http404
    form = _check_in_form(request, team, item)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _save_check_in(request, team, item, form)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The check-in is saved."))
                return redirect(reverse("team_detail", args=[public_id]) + "#follow-up")
    context = {
        "team": team,
        "check_in": item,
        "form": form,
        "statuses": item.statuses.select_related("action") if item.done_at else [],
        "answered": team.assessments.filter(check_in=item, user=request.user).exists(),
        "due": rules.has_come(item),
    }
    return render(request, "teams/check_in.html", context, status=status)
