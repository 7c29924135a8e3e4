"""Team pages. Thin: access check, form, action, redirect. Every page of a team answers
404 to anyone who does not hold one of its seats."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role
from teams import actions, selectors
from teams.forms import (
    AssessmentForm,
    CheckInForm,
    FactorsForm,
    InviteForm,
    PlanForm,
    TeamCreateForm,
)
from teams.models import Seat
from teams.permissions import access_team

ROLES = set(Role.values)


def _seat_role(role: str) -> str:
    if role not in ROLES:
        raise Http404
    return role


def _fail(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def team_list(request):
    return render(request, "teams/list.html", {"teams": selectors.user_teams(request.user)})


@login_required
def team_create(request):
    workplaces = selectors.user_workplaces(request.user)
    form = TeamCreateForm(request.POST or None, user=request.user, workplaces=workplaces)
    if request.method == "POST" and form.is_valid():
        try:
            team = actions.create_team(
                request.user,
                form.workplace_instance(),
                form.cleaned_data["roles"],
                list(form.cleaned_data["versions"]),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The team is created. Now invite the others."))
            return redirect("team_detail", team.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "teams/create.html", {"form": form}, status=status)


def _invitation_link(request, invitation) -> str:
    return request.build_absolute_uri(reverse("team_join", args=[invitation.token]))


def _qr_svg(link: str) -> str:
    # Drawn on the server: the page needs no script and loads nothing from elsewhere.
    return segno.make(link, error="m").svg_inline(scale=4, border=2, omitsize=True)


@login_required
def team_detail(request, team_id):
    team = access_team(request.user, team_id)
    seat_views = selectors.seats(team)
    for view in seat_views:
        if view.invitation:
            view.link = _invitation_link(request, view.invitation)
            view.qr = _qr_svg(view.link)
    indicators, last_check_in = selectors.indicators(team)
    check_ins = selectors.check_ins(team)
    context = {
        "team": team,
        "seats": seat_views,
        "my_roles": selectors.roles_of(team, request.user),
        "status": selectors.status(team, seat_views, check_ins),
        "has_empty_seat": any(v.seat.state == Seat.State.NONE for v in seat_views),
        "plan": selectors.latest_plan(team),
        "agreed": selectors.agreed_plan(team),
        "check_ins": check_ins,
        "due_check_in": selectors.due_check_in(team, check_ins),
        "factors": selectors.team_factors(team),
        "indicators": indicators,
        "last_check_in": last_check_in,
        "history": selectors.history(team),
        "invite_form": InviteForm(),
    }
    return render(request, "teams/detail.html", context)


@login_required
@require_POST
def seat_invite(request, team_id, role):
    team = access_team(request.user, team_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(reverse("team_detail", args=[team.public_id]) + f"#seat-{role}")
    try:
        invitation = actions.invite(
            team, request.user, _seat_role(role), form.cleaned_data["email"]
        )
    except ValidationError as exc:
        _fail(request, exc)
    else:
        if invitation.email:
            messages.success(request, _("The invitation is on its way by e-mail."))
        else:
            messages.success(request, _("The link is ready. Share it or show the QR code."))
    return redirect(reverse("team_detail", args=[team.public_id]) + f"#seat-{role}")


@login_required
@require_POST
def invitation_revoke(request, team_id, invitation_id):
    team = access_team(request.user, team_id)
    try:
        actions.revoke_invitation(team, request.user, invitation_id)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The link is withdrawn and no longer works."))
    return redirect("team_detail", team.public_id)


@login_required
@require_POST
def invitation_resend(request, team_id, invitation_id):
    team = access_team(request.user, team_id)
    try:
        actions.resend_invitation(team, request.user, invitation_id)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The invitation is sent again."))
    return redirect("team_detail", team.public_id)


@login_required
@require_POST
def seat_none(request, team_id, role):
    team = access_team(request.user, team_id)
    try:
        actions.declare_seat_empty(team, request.user, _seat_role(role))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect(reverse("team_detail", args=[team.public_id]) + "#guidance")


@login_required
@require_POST
def seat_reopen(request, team_id, role):
    team = access_team(request.user, team_id)
    actions.reopen_seat(team, request.user, _seat_role(role))
    return redirect(reverse("team_detail", args=[team.public_id]) + f"#seat-{role}")


@login_required
@require_POST
def seat_vacate(request, team_id, role):
    team = access_team(request.user, team_id)
    try:
        seat = team.seats.get(role=_seat_role(role))
        leaving = seat.user_id == request.user.pk
        actions.vacate_seat(team, request.user, role)
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("team_detail", team.public_id)
    if leaving and not selectors.roles_of(team, request.user):
        messages.success(request, _("You have left the team."))
        return redirect("team_list")
    messages.success(request, _("The seat is open again."))
    return redirect("team_detail", team.public_id)


def team_join(request, token):
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return render(request, "teams/join.html", {"invalid": True}, status=404)
    error = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            actions.accept_invitation(token, request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Welcome to the team."))
            return redirect("team_detail", invitation.team.public_id)
    return render(
        request,
        "teams/join.html",
        {"invitation": invitation, "error": error, "usable": invitation.is_usable()},
        status=400 if error else 200,
    )


def _session_context(request, team, **forms):
    plan = selectors.latest_plan(team)
    mine = selectors.roles_of(team, request.user)
    baseline = team.assessments.filter(check_in=None, user=request.user).first()
    factors = selectors.team_factors(team)
    confirmed = {c.role for c in plan.confirmations.all()} if plan else set()
    held = selectors.held_seats(team)
    return {
        "team": team,
        "prompts": selectors.joint_prompts(team),
        "plan_examples": selectors.plan_examples(team),
        "baseline_form": forms.get("baseline_form")
        or AssessmentForm(
            initial={
                k: getattr(baseline, k) for k in ("attention", "insight", "practice", "cooperation")
            }
            if baseline
            else None
        ),
        "has_baseline": baseline is not None,
        "baseline_count": team.assessments.filter(check_in=None).count(),
        "factors": factors,
        "factors_form": forms.get("factors_form")
        or FactorsForm(
            initial=FactorsForm.initial_for(factors), factors=selectors.industry_factors(team)
        ),
        "plan": plan,
        "seat_confirmations": [(seat, seat.role in confirmed) for seat in held],
        "can_confirm": bool(plan) and any(r not in confirmed for r in mine),
        "my_roles": mine,
    }


@login_required
def session(request, team_id):
    team = access_team(request.user, team_id)
    return render(request, "teams/session.html", _session_context(request, team))


@login_required
def revision(request, team_id):
    """For open session pages: has anything changed? (polled by a small script)"""
    team = access_team(request.user, team_id)
    return JsonResponse({"revision": team.revision})


@login_required
@require_POST
def baseline(request, team_id):
    team = access_team(request.user, team_id)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            actions.record_baseline(team, request.user, form.answers())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your answers are saved."))
            return redirect(reverse("team_session", args=[team.public_id]) + "#factors")
    context = _session_context(request, team, baseline_form=form)
    return render(request, "teams/session.html", context, status=400)


@login_required
@require_POST
def factors(request, team_id):
    team = access_team(request.user, team_id)
    form = FactorsForm(request.POST, factors=selectors.industry_factors(team))
    if form.is_valid():
        try:
            actions.map_factors(team, request.user, form.cleaned_data["items"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The factors are saved."))
            return redirect(reverse("team_session", args=[team.public_id]) + "#plan")
    context = _session_context(request, team, factors_form=form)
    return render(request, "teams/session.html", context, status=400)


def _owners(team):
    return [(s.role, s.role_label) for s in selectors.held_seats(team)]


@login_required
def plan_edit(request, team_id):
    team = access_team(request.user, team_id)
    plan = selectors.latest_plan(team)
    if request.method == "POST":
        form = PlanForm(request.POST, owners=_owners(team))
        if form.is_valid():
            try:
                actions.save_plan(
                    team, request.user, form.cleaned_data["based_on"], form.cleaned_data["actions"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The plan is saved. Every seat must now confirm it."))
                return redirect(reverse("team_session", args=[team.public_id]) + "#plan")
        status = 400
    else:
        form = PlanForm(initial=PlanForm.initial_for(plan), owners=_owners(team))
        status = 200
    return render(
        request,
        "teams/plan_form.html",
        {"team": team, "form": form, "plan": plan, "plan_examples": selectors.plan_examples(team)},
        status=status,
    )


@login_required
@require_POST
def plan_confirm(request, team_id):
    team = access_team(request.user, team_id)
    try:
        number = int(request.POST.get("number", ""))
    except ValueError:
        number = -1
    try:
        plan = actions.confirm_plan(team, request.user, number)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        if plan.agreed_at:
            messages.success(request, _("Everyone has confirmed: the plan is agreed."))
        else:
            messages.success(request, _("Your confirmation is saved."))
    return redirect(reverse("team_session", args=[team.public_id]) + "#plan")


@login_required
def check_in(request, team_id, number):
    team = access_team(request.user, team_id)
    item = team.check_ins.filter(number=number).first()
    if item is None:
        raise Http404
    plan = item.plan if item.done_at else selectors.agreed_plan(team)
    actions_ = list(plan.actions.all()) if plan else []
    answered = team.assessments.filter(check_in=item, user=request.user).exists()
    if item.done_at:
        form_class, kwargs = AssessmentForm, {}
    else:
        form_class, kwargs = CheckInForm, {"actions": actions_}
        # Start from where each action stood at the last check-in.
        previous = selectors.last_statuses(team, number)
        kwargs["initial"] = {f"status_{pk}": s.status for pk, s in previous.items()}
        kwargs["previous"] = previous
    form = form_class(request.POST or None, **kwargs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if item.done_at:
                    actions.answer_check_in(team, request.user, number, form.answers())
                else:
                    actions.complete_check_in(
                        team, request.user, number, form.statuses(), form.answers()
                    )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The check-in is saved."))
                return redirect(reverse("team_detail", args=[team.public_id]) + "#follow-up")
        status = 400
    context = {
        "team": team,
        "check_in": item,
        "form": form,
        "statuses": item.statuses.select_related("action") if item.done_at else [],
        "answered": answered,
        "due": item.due_at <= timezone.now(),
    }
    return render(request, "teams/check_in.html", context, status=status)
