"""The invitation lifecycle: made, sent, accepted once, expired, withdrawn, replaced."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from base.roles import Role
from modules.models import Enrolment
from teams.actions import (
    INVITATION_DAYS,
    TeamError,
    accept_invitation,
    invite,
    resend_invitation,
    revoke_invitation,
)
from teams.models import Invitation, Seat, TeamEvent
from tracking.models import Statement


def seat(team, role):
    return Seat.objects.get(team=team, role=role)


def test_accepting_takes_the_seat_and_enrols_in_the_workplace_industry_and_seat_role(
    team, leader, safety_rep, starter
):
    invitation = invite(team.public_id, Role.SAFETY_REP, acting_user=leader)
    accept_invitation(invitation.token, acting_user=safety_rep)

    taken = seat(team, Role.SAFETY_REP)
    assert (taken.state, taken.user) == ("filled", safety_rep)
    enrolment = Enrolment.objects.get(user=safety_rep)
    assert (enrolment.version, enrolment.industry.slug, enrolment.role) == (
        starter,
        "barnehage",
        Role.SAFETY_REP,
    )
    invitation.refresh_from_db()
    assert invitation.used_by == safety_rep and invitation.used_at is not None


def test_an_invitation_works_once(team, leader, safety_rep, outsider):
    invitation = invite(team.public_id, Role.SAFETY_REP, acting_user=leader)
    accept_invitation(invitation.token, acting_user=safety_rep)
    with pytest.raises(TeamError) as exc:
        accept_invitation(invitation.token, acting_user=outsider)
    assert exc.value.code == "used"
    assert seat(team, Role.SAFETY_REP).user == safety_rep
    assert not Enrolment.objects.filter(user=outsider).exists()


def test_an_expired_invitation_changes_nothing(team, leader, safety_rep):
    invitation = invite(team.public_id, Role.SAFETY_REP, acting_user=leader)
    with time_machine.travel(timezone.now() + timedelta(days=INVITATION_DAYS, minutes=1)):
        with pytest.raises(TeamError) as exc:
            accept_invitation(invitation.token, acting_user=safety_rep)
    assert exc.value.code == "expired"
    assert seat(team, Role.SAFETY_REP).state == "open"
    assert not Enrolment.objects.filter(user=safety_rep).exists()


def test_a_withdrawn_invitation_changes_nothing(team, leader, safety_rep):
    invitation = invite(team.public_id, Role.SAFETY_REP, acting_user=leader)
    revoke_invitation(team.public_id, invitation.pk, acting_user=leader)
    with pytest.raises(TeamError) as exc:
        accept_invitation(invitation.token, acting_user=safety_rep)
    assert exc.value.code == "revoked"
    assert seat(team, Role.SAFETY_REP).state == "open"


def test_a_new_link_replaces_the_old_one(team, leader, safety_rep):
    old = invite(team.public_id, Role.SAFETY_REP, acting_user=leader)
    new = invite(team.public_id, Role.SAFETY_REP, acting_user=leader)
    with pytest.raises(TeamError):
        accept_invitation(old.token, acting_user=safety_rep)
    accept_invitation(new.token, acting_user=safety_rep)
    assert seat(team, Role.SAFETY_REP).user == safety_rep


def test_an_invitation_for_a_seat_someone_took_meanwhile(team, leader, safety_rep, outsider):
    first = invite(team.public_id, Role.SAFETY_REP, acting_user=leader)
    # A second live link for the same seat (made in another tab before the first was used).
    second = Invitation.objects.create(
        team=team, role=Role.SAFETY_REP, created_by=leader, expires_at=first.expires_at
    )
    accept_invitation(first.token, acting_user=safety_rep)
    with pytest.raises(TeamError) as exc:
        accept_invitation(second.token, acting_user=outsider)
    assert exc.value.code == "seat_filled"
    assert seat(team, Role.SAFETY_REP).user == safety_rep
    second.refresh_from_db()
    assert second.used_at is None


def test_no_invitation_for_a_seat_that_is_taken(trio, leader):
    with pytest.raises(TeamError) as exc:
        invite(trio.public_id, Role.SAFETY_REP, acting_user=leader)
    assert exc.value.code == "seat_filled"


def test_an_unknown_token(db, outsider):
    with pytest.raises(TeamError) as exc:
        accept_invitation("not-a-token", acting_user=outsider)
    assert exc.value.code == "unknown"


def test_an_e_mail_invitation_is_sent_after_commit_with_the_link(
    team, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(team.public_id, Role.UNION_REP, "tv@example.test", acting_user=leader)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tv@example.test"]
    assert f"/teams/join/{invitation.token}/" in message.body
    assert "Solstua barnehage" in message.subject
    invitation.refresh_from_db()
    assert invitation.sent_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        resend_invitation(team.public_id, invitation.pk, acting_user=leader)
    assert len(mail.outbox) == 2


def test_a_withdrawn_invitation_is_not_sent_and_forgets_the_address(
    team, leader, django_capture_on_commit_callbacks
):
    invitation = invite(
        team.public_id, Role.UNION_REP, "tv@example.test", acting_user=leader
    )  # not yet committed
    revoke_invitation(team.public_id, invitation.pk, acting_user=leader)
    invitation.refresh_from_db()
    assert invitation.email == ""
    with pytest.raises(TeamError):
        resend_invitation(team.public_id, invitation.pk, acting_user=leader)
    with django_capture_on_commit_callbacks(execute=True):
        pass
    assert mail.outbox == []


def test_one_person_in_two_seats(team, leader, starter):
    """Common in small workplaces: the leader is also the union rep."""
    accept_invitation(
        invite(team.public_id, Role.UNION_REP, acting_user=leader).token, acting_user=leader
    )
    assert set(Seat.objects.filter(team=team, user=leader).values_list("role", flat=True)) == {
        Role.LEADER,
        Role.UNION_REP,
    }
    # One enrolment, in the first seat's variant; one "joined" statement (the creator's
    # "created" says they are in the team already).
    assert Enrolment.objects.filter(user=leader).count() == 1
    assert Enrolment.objects.get(user=leader).role == Role.LEADER
    verbs = list(
        Statement.objects.filter(registration=team.registration).values_list("verb", flat=True)
    )
    assert not any(v.endswith("/join") for v in verbs)
    assert TeamEvent.objects.filter(team=team, kind="joined", user=leader).count() == 1


def test_expired_invitations_forget_their_e_mail_address(team, leader):
    from teams.tasks import forget_expired_invitations_task

    invitation = invite(team.public_id, Role.UNION_REP, "tv@example.test", acting_user=leader)
    assert forget_expired_invitations_task.delay().get() == 0
    with time_machine.travel(timezone.now() + timedelta(days=INVITATION_DAYS + 1)):
        assert forget_expired_invitations_task.delay().get() == 1
    invitation.refresh_from_db()
    assert invitation.email == ""


def test_a_replaced_invitation_forgets_its_e_mail_address(team, leader):
    old = invite(team.public_id, Role.UNION_REP, "tv@example.test", acting_user=leader)
    invite(team.public_id, Role.UNION_REP, acting_user=leader)
    old.refresh_from_db()
    assert old.email == ""


def test_deleting_an_account_reopens_its_seats(trio, union_rep):
    from accounts.actions import delete_account
    from teams.models import TeamEvent

    delete_account(union_rep, acting_user=union_rep)
    seat = Seat.objects.get(team=trio, role=Role.UNION_REP)
    assert (seat.state, seat.user) == ("open", None)
    assert TeamEvent.objects.filter(team=trio, kind="joined", role=Role.UNION_REP).exists()


def test_an_invitation_goes_out_in_the_recipients_own_language(
    team, leader, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    UserFactory(email="pl@example.test", language="pl")  # leader writes in bokmål
    with django_capture_on_commit_callbacks(execute=True):
        invite(team.public_id, Role.UNION_REP, "PL@example.test", acting_user=leader)
    assert mail.outbox[-1].subject == ("Dołącz do zespołu ds. środowiska pracy w Solstua barnehage")


def test_an_invitation_to_a_new_address_goes_out_in_the_inviters_language(
    team, leader, django_capture_on_commit_callbacks
):
    leader.language = "pl"
    leader.save()
    with django_capture_on_commit_callbacks(execute=True):
        invite(team.public_id, Role.UNION_REP, "ny@example.test", acting_user=leader)
    assert "Otwórz ten link, aby dołączyć:" in mail.outbox[-1].body
