"""Reads for teams: the team page, the joint session and the follow-up."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Avg
from django.utils import timezone

from base.i18n import pick
from base.roles import Role
from certificates.selectors import latest_by_holder
from modules.selectors import EnrolmentSummary, member_progress
from modules.sources.meta import DEFAULT_FOLLOW_UP_MONTHS
from teams import rules
from teams.indicators import QUESTIONS, SHORT
from teams.models import (
    ActionStatus,
    CheckIn,
    Invitation,
    PlanVersion,
    Seat,
    Team,
    TeamEvent,
    Workplace,
)
from teams.permissions import teams_visible_to


def follow_up_months(team: Team) -> list[int]:
    """Check-in intervals from the team's first module that has a joint session."""
    for version in team.versions.order_by("module__slug"):
        if version.joint and version.joint.get("follow_up_months"):
            return list(version.joint["follow_up_months"])
    return list(DEFAULT_FOLLOW_UP_MONTHS)  # a module without a joint session


def joint_prompts(team: Team) -> list[str]:
    """The discussion prompts of the team's modules, then those of the workplace's
    industry, in the user's language (sanitised HTML)."""
    out: list[str] = []
    for version in team.versions.order_by("module__slug"):
        if version.joint:
            out += pick(version.joint.get("prompts")) or []
    return out + (pick(team.workplace.industry.joint.get("prompts")) or [])


def plan_examples(team: Team) -> list[str]:
    """Example plan items for the workplace's industry, in the user's language (HTML)."""
    return pick(team.workplace.industry.joint.get("plan_examples")) or []


def industry_factors(team: Team) -> list[dict]:
    """The workplace industry's factors as {"key", "name"} in the user's language."""
    return [{"key": f["key"], "name": pick(f["name"])} for f in team.workplace.industry.factors]


def team_factors(team: Team) -> list[dict]:
    names = {f["key"]: f["name"] for f in industry_factors(team)}
    return [
        {"rank": f.rank, "key": f.key, "name": names.get(f.key, f.key) if f.key else f.custom}
        for f in team.factors.all()
    ]


def user_teams(user) -> list[Team]:
    return list(
        teams_visible_to(user).select_related("workplace__industry").order_by("-created_at")
    )


def teams_with_module(user, module_id) -> list[Team]:
    """The teams ``user`` holds a seat in that take the module ``module_id``."""
    return list(
        teams_visible_to(user)
        .filter(versions__module_id=module_id)
        .select_related("workplace")
        .distinct()
        .order_by("-created_at")
    )


def user_workplaces(user):
    """Workplaces the user has a team for, to start another team for one of them."""
    return Workplace.objects.filter(teams__in=teams_visible_to(user)).distinct()


@dataclass
class SeatView:
    seat: Seat
    progress: list[EnrolmentSummary | None] = field(default_factory=list)
    also_holds: list[str] = field(default_factory=list)
    invitation: Invitation | None = None
    # The member's newest certificate for each of the team's modules (or None).
    certificates: list = field(default_factory=list)

    @property
    def individual_done(self) -> bool:
        return bool(self.progress) and all(
            p is not None and p.enrolment.completed_at is not None for p in self.progress
        )


def seats(team: Team) -> list[SeatView]:
    """The three seats with the member's progress in each of the team's modules (pages
    seen, quiz passed, completed) — never their quiz answers."""
    rows = sorted(team.seats.select_related("user"), key=lambda s: s.order)
    versions = list(team.versions.select_related("module").order_by("module__slug"))
    users = {s.user_id for s in rows if s.user_id}
    progress = member_progress(users, [v.module_id for v in versions], team.workplace.industry_id)
    held = latest_by_holder(users, [v.module_id for v in versions])
    open_invitations = {
        i.role: i
        for i in team.invitations.filter(
            used_at=None, revoked_at=None, expires_at__gt=timezone.now()
        )
    }
    out = []
    for seat in rows:
        view = SeatView(seat, invitation=open_invitations.get(seat.role))
        if seat.user_id:
            view.progress = [progress.get((seat.user_id, v.module_id)) for v in versions]
            view.certificates = [held.get((seat.user_id, v.module_id)) for v in versions]
            view.also_holds = [
                s.role_label for s in rows if s.user_id == seat.user_id and s.pk != seat.pk
            ]
        out.append(view)
    return out


def latest_plan(team: Team) -> PlanVersion | None:
    return (
        team.plan_versions.prefetch_related("actions", "confirmations").order_by("-number").first()
    )


def agreed_plan(team: Team, latest: PlanVersion | None = None) -> PlanVersion | None:
    """The newest agreed version of the plan; ``latest`` (from ``latest_plan``) when it
    is agreed, read no more."""
    if latest is not None and latest.agreed_at is not None:
        return latest
    return (
        team.plan_versions.filter(agreed_at__isnull=False)
        .prefetch_related("actions")
        .order_by("-number")
        .first()
    )


def held_seats(team: Team, user=None) -> list[Seat]:
    """The seats someone holds (or ``user`` holds), leader first."""
    seats = team.seats.filter(state=Seat.State.FILLED)
    if user is not None:
        seats = seats.filter(user=user)
    return sorted(seats, key=lambda s: s.order)


def seats_held_by(user) -> list[Seat]:
    """Every seat ``user`` holds, in any team."""
    return list(Seat.objects.filter(user=user, state=Seat.State.FILLED).select_related("team"))


def roles_of(team: Team, user) -> list[str]:
    return [s.role for s in held_seats(team, user)]


@dataclass
class Status:
    individual_done: bool
    plan_agreed: bool
    check_ins_done: int
    check_ins: int

    @property
    def complete(self) -> bool:
        return self.individual_done and self.plan_agreed

    @property
    def follow_up_complete(self) -> bool:
        return self.complete and self.check_ins > 0 and self.check_ins_done == self.check_ins


def status(
    team: Team, seat_views: list[SeatView], check_ins: list[CheckIn] | None = None
) -> Status:
    """The team is complete when every present seat has completed the individual part and
    the plan is agreed; the follow-up is complete when every check-in is done."""
    present = [s for s in seat_views if s.seat.state == Seat.State.FILLED]
    if check_ins is None:
        check_ins = list(team.check_ins.all())
    return Status(
        individual_done=bool(present) and all(s.individual_done for s in present),
        plan_agreed=team.plan_agreed_at is not None,
        check_ins_done=sum(1 for c in check_ins if c.done_at),
        check_ins=len(check_ins),
    )


@dataclass
class NextAction:
    """The team page's primary action for the member viewing it."""

    step: rules.NextStep
    version: object = None  # the module to start
    summary: EnrolmentSummary | None = None  # the course to continue
    check_in: CheckIn | None = None  # due, or the next one


def _own_course(team: Team, seat_views: list[SeatView], user):
    """The member's first team module not completed: (version, summary or None), or None
    when every one is completed. (The versions are read only for a module not started.)"""
    mine = next((v for v in seat_views if v.seat.user_id == user.pk), None)
    progress = mine.progress if mine else []
    for index, summary in enumerate(progress):
        if summary is None:
            versions = list(team.versions.select_related("module").order_by("module__slug"))
            return versions[index], None
        if summary.enrolment.completed_at is None:
            return summary.enrolment.version, summary
    return None


def roles_in(seat_views: list[SeatView], user) -> list[str]:
    """The seats ``user`` holds among ``seat_views``, as ``roles_of`` without a query."""
    return [
        v.seat.role
        for v in seat_views
        if v.seat.user_id == user.pk and v.seat.state == Seat.State.FILLED
    ]


def next_action(team: Team, user, seat_views: list[SeatView], check_ins: list[CheckIn], plan):
    """What the member viewing the team page should do next (``rules.next_step``)."""
    course = _own_course(team, seat_views, user)
    confirmed = [c.role for c in plan.confirmations.all()] if plan else []
    due = due_check_in(team, check_ins)
    ahead = next((c for c in check_ins if c.done_at is None), None)
    step = rules.next_step(
        course_started=bool(course and course[1]),
        course_done=course is None,
        plan_agreed=team.plan_agreed_at is not None,
        must_confirm=plan is not None
        and plan.agreed_at is None
        and rules.may_confirm(plan, roles_in(seat_views, user), confirmed),
        check_in_due=due is not None,
        check_in_ahead=ahead is not None,
    )
    return NextAction(
        step,
        version=course[0] if course else None,
        summary=course[1] if course else None,
        check_in=due or ahead,
    )


def open_check_ins(user) -> list[CheckIn]:
    """The next check-in not done of each team ``user`` holds a seat in (with its team),
    the earliest due first: for the home page."""
    rows = (
        CheckIn.objects.filter(team__in=teams_visible_to(user), done_at=None)
        .select_related("team__workplace")
        .order_by("due_at", "number")
    )
    out: dict[int, CheckIn] = {}
    for c in rows:
        out.setdefault(c.team_id, c)
    return list(out.values())


@dataclass
class Removal:
    event: TeamEvent
    by_role_label: str


def removals_of(user, days: int = 60) -> list[Removal]:
    """The times another member removed ``user`` from a seat in the last ``days`` days, in
    teams the user is no longer in, newest first, with the remover's seat."""
    since = timezone.now() - timedelta(days=days)
    events = (
        TeamEvent.objects.filter(user=user, kind=TeamEvent.Kind.REMOVED, at__gte=since)
        .exclude(team__in=teams_visible_to(user))
        .select_related("team__workplace")
    )
    labels = dict(Role.choices)
    return [Removal(e, str(labels.get(e.detail.get("by_role", ""), ""))) for e in events]


def check_ins(team: Team) -> list[CheckIn]:
    return list(team.check_ins.all())


def due_check_in(team: Team, check_ins: list[CheckIn] | None = None) -> CheckIn | None:
    """The first check-in that is due and not done."""
    now = timezone.now()
    if check_ins is None:
        check_ins = list(team.check_ins.all())
    return next((c for c in check_ins if rules.is_check_in_due(c, now)), None)


def last_statuses(team: Team, before: int) -> dict[int, ActionStatus]:
    """Each action's status at the latest check-in done before check-in ``before``, by
    action id: the starting point for the next check-in."""
    previous = (
        team.check_ins.filter(number__lt=before, done_at__isnull=False).order_by("-number").first()
    )
    if previous is None:
        return {}
    return {s.action_id: s for s in previous.statuses.all()}


@dataclass
class Indicator:
    key: str
    label: str
    question: str
    baseline: float | None
    latest: float | None

    @property
    def change(self) -> float | None:
        if self.baseline is None or self.latest is None:
            return None
        return round(self.latest - self.baseline, 1)


def indicators(team: Team) -> tuple[list[Indicator], CheckIn | None]:
    """The four answers' team average at the joint session and at the latest check-in with
    answers, and that check-in."""
    base = team.assessments.filter(check_in=None).aggregate(**{k: Avg(k) for k in QUESTIONS})
    last = (
        team.check_ins.filter(done_at__isnull=False, assessments__isnull=False)
        .order_by("-number")
        .first()
    )
    latest = last.assessments.aggregate(**{k: Avg(k) for k in QUESTIONS}) if last else {}
    out = []
    for key in QUESTIONS:
        b, l_ = base.get(key), latest.get(key)
        out.append(
            Indicator(
                key,
                str(SHORT[key]),
                str(QUESTIONS[key]),
                round(b, 1) if b is not None else None,
                round(l_, 1) if l_ is not None else None,
            )
        )
    return out, last


def history(team: Team, limit: int = 50) -> list[TeamEvent]:
    return list(team.events.select_related("user")[:limit])


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("team__workplace__industry").filter(token=token).first()
    )


def personal_data(user) -> dict:
    """The person's seats and the teams they sit in (plans and check-ins), and what they
    did in any team (confirmations, answers to the self-assessment, history)."""
    from teams.models import Assessment, PlanConfirmation

    seats = (
        Seat.objects.filter(user=user)
        .select_related("team__workplace")
        .prefetch_related("team__plan_versions__actions", "team__check_ins")
        .order_by("team__created_at", "role")
    )
    teams = {}
    for seat in seats:
        team = seat.team
        entry = teams.setdefault(
            team.pk,
            {
                "workplace": team.workplace.name,
                "created_at": team.created_at,
                "plan_agreed_at": team.plan_agreed_at,
                "seats": [],
                "plan_versions": [
                    {
                        "number": p.number,
                        "created_at": p.created_at,
                        "agreed_at": p.agreed_at,
                        "actions": [
                            {
                                "text": a.text,
                                "owner": a.owner_role,
                                "due_date": a.due_date,
                                "done_means": a.done_means,
                            }
                            for a in p.actions.all()
                        ],
                    }
                    for p in sorted(team.plan_versions.all(), key=lambda p: p.number)
                ],
                "check_ins": [
                    {
                        "months": c.months,
                        "due_at": c.due_at,
                        "done_at": c.done_at,
                        "done_by_you": c.done_by_id == user.pk,
                    }
                    for c in team.check_ins.all()
                ],
            },
        )
        entry["seats"].append({"role": seat.role, "joined_at": seat.joined_at})
    assessments = (
        Assessment.objects.filter(user=user)
        .select_related("team__workplace", "check_in")
        .order_by("at", "pk")
    )
    confirmations = (
        PlanConfirmation.objects.filter(user=user)
        .select_related("plan__team__workplace")
        .order_by("at", "pk")
    )
    events = TeamEvent.objects.filter(user=user).select_related("team__workplace")
    return {
        "teams": list(teams.values()),
        "assessments": [
            {
                "workplace": a.team.workplace.name,
                "when": f"check-in after {a.check_in.months} months" if a.check_in else "baseline",
                "attention": a.attention,
                "insight": a.insight,
                "practice": a.practice,
                "cooperation": a.cooperation,
                "at": a.at,
            }
            for a in assessments
        ],
        "plan_confirmations": [
            {
                "workplace": c.plan.team.workplace.name,
                "plan_version": c.plan.number,
                "role": c.role,
                "at": c.at,
            }
            for c in confirmations
        ],
        "team_history": [
            {"workplace": e.team.workplace.name, "event": e.kind, "role": e.role, "at": e.at}
            for e in events.order_by("at", "pk")
        ],
    }
