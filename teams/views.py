"""Team pages. Thin: access check, form, action, redirect. Every page of a team answers
404 to anyone who does not hold one of its seats; the actions check that again."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from base.roles import Role
from base.submit import token_from
from base.views import post_action, show_errors
from teams import actions, rules, selectors
from teams.forms import AssessmentForm, FactorsForm, InviteForm, PlanForm, TeamCreateForm
from teams.models import Seat
from teams.permissions import access_team
from teams.views_confirm import confirm_revoke, confirm_vacate
from teams.views_session import check_in, session_context

__all__ = ["check_in"]
ROLES = set(Role.values)


def _seat_role(role: str) -> str:
    if role not in ROLES:
        raise Http404
    return role


def _team_url(public_id, anchor: str = "") -> str:
    return reverse("team_detail", args=[public_id]) + (f"#{anchor}" if anchor else "")


def _session_url(public_id, anchor: str = "") -> str:
    return reverse("team_session", args=[public_id]) + (f"#{anchor}" if anchor else "")


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
                form.workplace_instance(),
                form.cleaned_data["roles"],
                list(form.cleaned_data["versions"]),
                acting_user=request.user,
                submit_token=form.cleaned_data["submit_token"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The team is created. Now invite the others."))
            return redirect("team_detail", team.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "teams/create.html", {"form": form}, status=status)


def _qr_svg(link: str) -> str:
    # Drawn on the server: the page needs no script and loads nothing from elsewhere.
    return segno.make(link, error="m").svg_inline(scale=4, border=2, omitsize=True)


@login_required
def team_detail(request, public_id):
    team = access_team(request.user, public_id)
    seat_views = selectors.seats(team)
    for view in seat_views:
        if view.invitation:
            view.link = request.build_absolute_uri(
                reverse("team_join", args=[view.invitation.token])
            )
            view.qr = _qr_svg(view.link)
    indicators, last_check_in = selectors.indicators(team)
    check_ins = selectors.check_ins(team)
    employees = team.workplace.employees
    plan = selectors.latest_plan(team)
    context = {
        "team": team,
        "seats": seat_views,
        "my_roles": selectors.roles_in(seat_views, request.user),
        "status": selectors.status(team, seat_views, check_ins),
        "has_empty_seat": any(v.seat.state == Seat.State.EMPTY for v in seat_views),
        "safety_rep_alternative": rules.safety_rep_alternative_allowed(employees),
        "amu_rule": rules.amu_rule(employees),
        "plan": plan,
        "next": selectors.next_action(team, request.user, seat_views, check_ins, plan),
        "agreed": selectors.agreed_plan(team, plan),
        "check_ins": check_ins,
        "factors": selectors.team_factors(team),
        "indicators": indicators,
        "last_check_in": last_check_in,
        "history": selectors.history(team),
        "invite_form": InviteForm(),
    }
    return render(request, "teams/detail.html", context)


@login_required
@require_POST
def seat_invite(request, public_id, role):
    role = _seat_role(role)
    form = InviteForm(request.POST)
    if not form.is_valid():
        access_team(request.user, public_id)
        show_errors(request, ValidationError(form.errors["email"]), f"seat-{role}")
        return redirect(_team_url(public_id, f"seat-{role}"))

    def said(invitation):
        if invitation.email:
            return _("The invitation is on its way by e-mail.")
        return _("The link is ready. Share it or show the QR code.")

    return post_action(
        request,
        actions.invite,
        public_id,
        role,
        form.cleaned_data["email"],
        success=said,
        to=_team_url(public_id, f"seat-{role}"),
        message_at=f"seat-{role}",
        submit_token=token_from(request),
    )


@login_required
def invitation_revoke(request, public_id, invitation_id):
    if request.method != "POST":
        return confirm_revoke(request, public_id, invitation_id)
    return post_action(
        request,
        actions.revoke_invitation,
        public_id,
        invitation_id,
        success=_("The link is withdrawn and no longer works."),
        to=_team_url(public_id),
    )


@login_required
@require_POST
def invitation_resend(request, public_id, invitation_id):
    return post_action(
        request,
        actions.resend_invitation,
        public_id,
        invitation_id,
        success=_("The invitation is sent again."),
        to=_team_url(public_id),
        submit_token=token_from(request),
    )


@login_required
@require_POST
def seat_empty(request, public_id, role):
    return post_action(
        request,
        actions.declare_seat_empty,
        public_id,
        _seat_role(role),
        # The seat's section always exists; it says what now and links to the guidance.
        to=_team_url(public_id, f"seat-{role}"),
        message_at=f"seat-{role}",
    )


@login_required
@require_POST
def seat_reopen(request, public_id, role):
    return post_action(
        request,
        actions.reopen_seat,
        public_id,
        _seat_role(role),
        to=_team_url(public_id, f"seat-{role}"),
        message_at=f"seat-{role}",
    )


@login_required
def seat_vacate(request, public_id, role):
    role = _seat_role(role)
    if request.method != "POST":
        return confirm_vacate(request, public_id, role)

    def left_the_team(seat) -> bool:
        return seat is not None and not selectors.roles_of(seat.team, request.user)

    return post_action(
        request,
        actions.vacate_seat,
        public_id,
        role,
        success=lambda seat: (
            _("You have left the team.") if left_the_team(seat) else _("The seat is open again.")
        ),
        to=lambda seat: "team_list" if left_the_team(seat) else _team_url(public_id),
    )


def team_join(request, token):
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return render(request, "teams/join.html", {"invalid": True}, status=404)
    error = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            actions.accept_invitation(token, acting_user=request.user)
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


@login_required
def session(request, public_id):
    team = access_team(request.user, public_id)
    return render(request, "teams/session.html", session_context(request, team))


@login_required
def revision(request, public_id):
    """For open session pages: has anything changed? (polled by a small script)"""
    team = access_team(request.user, public_id)
    return JsonResponse({"revision": team.revision})


def _session_form_post(request, public_id, form, action, values, success, anchor, name):
    """A joint-session form: on success back to the session page at ``anchor``; otherwise
    the page again with the form's errors."""
    team = access_team(request.user, public_id)
    if form.is_valid():
        try:
            action(
                public_id,
                values(form),
                acting_user=request.user,
                submit_token=token_from(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, success, extra_tags=f"at-{anchor}")
            return redirect(_session_url(public_id, anchor))
    context = session_context(request, team, **{name: form})
    return render(request, "teams/session.html", context, status=400)


@login_required
@require_POST
def baseline(request, public_id):
    return _session_form_post(
        request,
        public_id,
        AssessmentForm(request.POST),
        actions.record_baseline,
        lambda form: form.answers(),
        _("Your answers are saved."),
        "factors",
        "baseline_form",
    )


@login_required
@require_POST
def factors(request, public_id):
    team = access_team(request.user, public_id)
    return _session_form_post(
        request,
        public_id,
        FactorsForm(request.POST, factors=selectors.industry_factors(team)),
        actions.map_factors,
        lambda form: form.cleaned_data["items"],
        _("The factors are saved."),
        "plan",
        "factors_form",
    )


def _owners(team):
    return [(s.role, s.role_label) for s in selectors.held_seats(team)]


@login_required
def plan_edit(request, public_id):
    team = access_team(request.user, public_id)
    plan = selectors.latest_plan(team)
    status = 200
    if request.method == "POST":
        form = PlanForm(request.POST, owners=_owners(team))
        if form.is_valid():
            try:
                actions.save_plan(
                    public_id,
                    form.cleaned_data["based_on"],
                    form.cleaned_data["plan_actions"],
                    acting_user=request.user,
                    submit_token=token_from(request),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("The plan is saved. Every seat must now confirm it."),
                    extra_tags="at-plan",
                )
                return redirect(_session_url(public_id, "plan"))
        status = 400
    else:
        form = PlanForm(initial=PlanForm.initial_for(plan), owners=_owners(team))
    context = {
        "team": team,
        "form": form,
        "plan": plan,
        "plan_examples": selectors.plan_examples(team),
    }
    return render(request, "teams/plan_form.html", context, status=status)


@login_required
@require_POST
def plan_confirm(request, public_id):
    try:
        number = int(request.POST.get("number", ""))
    except ValueError:
        number = -1
    return post_action(
        request,
        actions.confirm_plan,
        public_id,
        number,
        success=lambda plan: (
            _("Everyone has confirmed: the plan is agreed.")
            if plan.agreed_at
            else _("Your confirmation is saved.")
        ),
        to=_session_url(public_id, "plan"),
        message_at="plan",
        submit_token=token_from(request),
    )
