"""Workplaces and their trios: seats, invitations, the joint session, the action plan
and the follow-up check-ins (the vocabulary is in ``DESIGN.md``)."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from base.roles import Role
from teams.orgnumber import validate_org_number

SEAT_ROLES = (Role.LEADER, Role.SAFETY_REP, Role.UNION_REP)


class Workplace(models.Model):
    """A workplace (virksomhet). The organisation number is optional: not every unit has one."""

    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[validate_org_number]
    )
    industry = models.ForeignKey(
        "modules.Industry", verbose_name=_("industry"), on_delete=models.PROTECT, related_name="+"
    )
    employees = models.PositiveIntegerField(_("number of employees"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A workplace's leader, safety rep and union rep taking modules together (one run)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # One xAPI registration per team run.
    registration = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workplace = models.ForeignKey(
        Workplace, verbose_name=_("workplace"), on_delete=models.PROTECT, related_name="teams"
    )
    versions = models.ManyToManyField(
        "modules.ModuleVersion", verbose_name=_("modules"), related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped by every change the joint session shows, so open pages can tell they are stale.
    revision = models.PositiveIntegerField(default=0)
    plan_agreed_at = models.DateTimeField(null=True, blank=True)
    # The token of the "new team" form that created it: a second submit of the same form
    # (a double click, a resent POST) finds this team instead of making another.
    submit_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "submit_token"], name="team_one_per_submit_token"
            )
        ]

    def __str__(self) -> str:
        return f"{self.workplace} ({self.created_at:%Y-%m-%d})"


class Seat(models.Model):
    """One of a team's three seats. Open, held by a member, or declared "we have none"."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        EMPTY = "empty", _("We have none")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="seats")
    role = models.CharField(max_length=20, choices=Role.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="team_seats",
    )
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["team", "role"]
        constraints = [
            models.UniqueConstraint(fields=["team", "role"], name="one_seat_per_role"),
            models.CheckConstraint(
                condition=Q(state="filled", user__isnull=False)
                | (~Q(state="filled") & Q(user__isnull=True)),
                name="filled_seat_has_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team_id}:{self.role}"

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def order(self) -> int:
        return [r.value for r in SEAT_ROLES].index(self.role)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A single-use, expiring, revocable link to take one seat."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=20, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Only when sent by e-mail; kept so it can be re-sent, removed once the seat is taken.
    email = models.EmailField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [  # the open-invitation reminder reads open invitations by age
            models.Index(
                fields=["created_at"],
                condition=Q(used_at__isnull=True, revoked_at__isnull=True),
                name="invitation_open_created",
            )
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.role})"

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now


class TeamEvent(models.Model):
    """The team's history, as its members see it. Kept when members leave."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Team created")
        JOINED = "joined", _("Joined")
        LEFT = "left", _("Left the team")
        REMOVED = "removed", _("Removed from the team")
        SEAT_EMPTY = "seat_empty", _("Seat declared empty")
        SEAT_REOPENED = "seat_reopened", _("Seat reopened")
        INVITED = "invited", _("Invitation made")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
        FACTORS = "factors", _("Factors mapped")
        PLAN_DRAFTED = "plan_drafted", _("Action plan drafted")
        PLAN_CONFIRMED = "plan_confirmed", _("Action plan confirmed")
        PLAN_AGREED = "plan_agreed", _("Action plan agreed")
        BASELINE = "baseline", _("Self-assessment answered")
        CHECK_IN = "check_in", _("Check-in done")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    role = models.CharField(max_length=20, blank=True, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]


class TeamFactor(models.Model):
    """A factor the team ranked among its workplace's most important (1 = most)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="factors")
    rank = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=80, blank=True)  # from the industry's list
    custom = models.CharField(max_length=200, blank=True)  # or the team's own words

    class Meta:
        ordering = ["team", "rank"]
        constraints = [models.UniqueConstraint(fields=["team", "rank"], name="factor_rank")]


class PlanVersion(models.Model):
    """One draft of the action plan. Never changed: an edit makes the next version."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    agreed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["team", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["team", "number"], name="plan_version_number")
        ]


class PlanAction(models.Model):
    """An action (tiltak) in a plan version: who owns it, by when, and what "done" means."""

    plan = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveSmallIntegerField()
    text = models.CharField(_("action"), max_length=300)
    owner_role = models.CharField(_("owner"), max_length=20, choices=Role.choices)
    due_date = models.DateField(_("due date"))
    done_means = models.CharField(_("done when"), max_length=300)

    class Meta:
        ordering = ["plan", "order"]

    @property
    def owner_label(self) -> str:
        return Role(self.owner_role).label


class PlanConfirmation(models.Model):
    """A seat confirming one plan version."""

    plan = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="confirmations")
    role = models.CharField(max_length=20, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "role"], name="one_confirmation_per_seat")
        ]


class CheckIn(models.Model):
    """A follow-up check-in, scheduled when the plan is agreed (due dates for reminders)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="check_ins")
    number = models.PositiveSmallIntegerField()
    months = models.PositiveSmallIntegerField()
    due_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan = models.ForeignKey(PlanVersion, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["team", "number"]
        constraints = [models.UniqueConstraint(fields=["team", "number"], name="check_in_number")]
        indexes = [  # the check-in reminder reads check-ins not done by due time
            models.Index(
                fields=["due_at"], condition=Q(done_at__isnull=True), name="check_in_open_due"
            )
        ]


class ActionStatus(models.Model):
    """What became of one action, as told at a check-in."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="statuses")
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(max_length=20, choices=Status.choices)
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["check_in", "action"], name="one_status_per_action")
        ]


class Assessment(models.Model):
    """A member's answers to the four self-assessment questions: at the joint session
    (baseline, ``check_in`` empty) or at a check-in. Scale 1-4."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="assessments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    check_in = models.ForeignKey(
        CheckIn, null=True, blank=True, on_delete=models.CASCADE, related_name="assessments"
    )
    attention = models.PositiveSmallIntegerField()
    insight = models.PositiveSmallIntegerField()
    practice = models.PositiveSmallIntegerField()
    cooperation = models.PositiveSmallIntegerField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user"],
                condition=Q(check_in__isnull=True),
                name="one_baseline_per_member",
            ),
            models.UniqueConstraint(
                fields=["check_in", "user"],
                condition=Q(check_in__isnull=False),
                name="one_answer_per_check_in",
            ),
        ]
