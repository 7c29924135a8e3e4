"""Broker down, SMTP down: sign-up, password reset, invitations and reminders still work;
the e-mail waits in the outbox and is sent once when the fault is over."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mail.models import Email
from mail.sender import send_pending
from reminders.engine import run
from tests.factories import UserFactory
from tests.mail.down import SMTP_DOWN, broker_down

SIGNUP = {
    "email": "ny@example.test",
    "password1": "et-langt-passord-2026",
    "password2": "et-langt-passord-2026",
}
FAULTS = ["broker", "smtp"]


@pytest.fixture
def fault(request, settings):
    """Run the test's requests with the broker or the mail server down."""

    def down():
        if request.param == "smtp":
            settings.EMAIL_BACKEND = SMTP_DOWN
            return _nothing()
        return broker_down()

    return down


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def sent_once_after(settings, to: str):
    """The fault is over: the sweep sends what waited, once."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        send_pending()
        send_pending()
    assert [m.to for m in mail.outbox] == [[to]]
    assert Email.objects.filter(status="sent").count() == 1
    return mail.outbox[0]


@pytest.mark.parametrize("fault", FAULTS, indirect=True)
def test_sign_up(client, content, settings, fault, django_capture_on_commit_callbacks):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    with fault(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert Email.objects.get().status == "pending"
    message = sent_once_after(settings, "ny@example.test")
    assert "/accounts/confirm-email/" in message.body


@pytest.mark.parametrize("fault", FAULTS, indirect=True)
def test_password_reset(client, db, settings, fault, django_capture_on_commit_callbacks):
    user = UserFactory(email="glemsk@example.test")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    with fault(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    sent_once_after(settings, "glemsk@example.test")


@pytest.mark.parametrize("fault", FAULTS, indirect=True)
def test_invitation(client, leader, team, settings, fault, django_capture_on_commit_callbacks):
    client.force_login(leader)
    with fault(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("seat_invite", args=[team.public_id, "union_rep"]), {"email": "tv@example.test"}
        )
    assert response.status_code == 302
    message = sent_once_after(settings, "tv@example.test")
    assert "/teams/join/" in message.body


@pytest.mark.parametrize("fault", FAULTS, indirect=True)
def test_reminders(db, settings, fault, django_capture_on_commit_callbacks, nudge):
    from tests.reminders.helpers import due

    person = UserFactory(email="påminnet@example.test".replace("å", "a"))
    nudge.due = [due("thing:1", person, timezone.localdate())]
    with fault(), django_capture_on_commit_callbacks(execute=True):
        report = run()
    assert report.emails == 1
    sent_once_after(settings, person.email)


def test_a_line_break_in_a_workplace_name_does_not_stop_invitations(
    client, leader, team, django_capture_on_commit_callbacks
):
    team.workplace.name = "Solstua\r\nBcc: someone@example.test"
    team.workplace.save()
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("seat_invite", args=[team.public_id, "union_rep"]), {"email": "tv@example.test"}
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["tv@example.test"] and message.bcc == []
    assert "Solstua Bcc: someone@example.test" in message.subject
