"""Writes for teams: the workplace trio from creation to the last check-in.

Every action that acts on a team takes the person acting as the keyword-only
``acting_user`` and first calls ``access_team(acting_user, team_id, lock=True)``: a
caller that is not a member gets the same 404 as the pages, and seats, the plan and its
confirmations are decided one request at a time per team. Each records its xAPI
statement and the team's history in the same transaction.
"""

from teams.actions.common import TeamError, add_months
from teams.actions.follow_up import answer_check_in, complete_check_in
from teams.actions.mail import forget_expired_invitations, send_invitation_email
from teams.actions.plan import (
    MAX_FACTORS,
    MAX_PLAN_ACTIONS,
    confirm_plan,
    map_factors,
    record_baseline,
    save_plan,
)
from teams.actions.seats import (
    INVITATION_DAYS,
    accept_invitation,
    create_team,
    declare_seat_empty,
    invite,
    reopen_seat,
    resend_invitation,
    revoke_invitation,
    vacate_seat,
)

__all__ = [
    "INVITATION_DAYS",
    "MAX_FACTORS",
    "MAX_PLAN_ACTIONS",
    "TeamError",
    "accept_invitation",
    "add_months",
    "answer_check_in",
    "complete_check_in",
    "confirm_plan",
    "create_team",
    "declare_seat_empty",
    "forget_expired_invitations",
    "invite",
    "map_factors",
    "record_baseline",
    "reopen_seat",
    "resend_invitation",
    "revoke_invitation",
    "save_plan",
    "send_invitation_email",
    "vacate_seat",
]
