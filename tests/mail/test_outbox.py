"""The outbox: single-line headers by construction, back-off, at least once, .eml files."""

import email
import email.policy
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from mail import sender
from mail.actions import queue_email
from mail.backends import EmlFileBackend
from mail.models import Email
from mail.sender import send_pending
from tests.mail.down import SMTP_DOWN


def test_line_breaks_in_subject_and_headers_cannot_inject_headers(db):
    queue_email(
        "person@example.test",
        "Hello\r\nBcc: victim@example.test",
        "Body",
        headers={"List-Unsubscribe": "<https://x.test/u>\nBcc: victim@example.test"},
    )
    send_pending()
    [message] = mail.outbox
    assert message.subject == "Hello Bcc: victim@example.test"
    assert message.bcc == []
    raw = message.message().as_string()
    assert "\nBcc:" not in raw
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://x.test/u> Bcc")


@pytest.mark.parametrize("name", ["Bcc", "To", "X-Bad Name", "X:Y", "Subject"])
def test_reserved_or_malformed_header_names_are_refused(db, name):
    with pytest.raises(ValueError):
        queue_email("person@example.test", "Hi", "Body", headers={name: "v"})
    assert not Email.objects.exists()


def test_a_recipient_must_be_one_address(db):
    for bad in ("a@example.test\nBcc: b@example.test", "a@example.test, b@example.test", ""):
        with pytest.raises(ValidationError):
            queue_email(bad, "Hi", "Body")


def test_a_dedupe_key_queues_once(db):
    assert queue_email("a@example.test", "Hi", "Body", dedupe_key="k1") is not None
    assert queue_email("a@example.test", "Hi", "Body", dedupe_key="k1") is None
    assert Email.objects.count() == 1


def test_smtp_down_the_email_waits_with_back_off_and_is_sent_once_after(db, settings):
    queue_email("a@example.test", "Hi", "Body")
    settings.EMAIL_BACKEND = SMTP_DOWN
    report = send_pending()
    assert (report.sent, report.retry) == (0, 1)
    row = Email.objects.get()
    assert row.status == "pending" and row.attempts == 1 and row.send_after > timezone.now()
    assert "ConnectionRefusedError" in row.last_error
    assert send_pending().retry == 0  # not yet due again: the server is left alone

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert send_pending().sent == 1
        assert send_pending().sent == 0
    assert len(mail.outbox) == 1
    assert Email.objects.get().status == "sent"


def test_a_worker_killed_between_send_and_settle_sends_again_after_the_lease(db, monkeypatch):
    """At least once: the SMTP server took the message, then the worker died before
    noting it. The lease keeps other workers off; after it, the message goes again, with
    the same Message-ID. Nothing is lost."""
    queue_email("a@example.test", "Hi", "Body")

    def killed(row, token):
        raise KeyboardInterrupt  # the process dies here

    monkeypatch.setattr(sender, "settle_sent", killed)
    with pytest.raises(KeyboardInterrupt):
        send_pending()
    monkeypatch.undo()
    assert len(mail.outbox) == 1
    assert send_pending().sent == 0  # another worker meanwhile: the lease holds
    with time_machine.travel(timezone.now() + sender.LEASE + timedelta(seconds=1)):
        assert send_pending().sent == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[0].extra_headers["Message-ID"] == mail.outbox[1].extra_headers["Message-ID"]
    assert send_pending().sent == 0


def test_the_embedded_default_writes_one_eml_file_per_message(db, tmp_path):
    queue_email(
        "a@example.test",
        "Påminnelse",
        "Hei på deg",
        html="<p>Hei på deg</p>",
        attachments=[
            {"filename": "e.ics", "content": "BEGIN:VCALENDAR", "mimetype": "text/calendar"}
        ],
    )
    with override_settings(EMAIL_BACKEND="mail.backends.EmlFileBackend", EMAIL_FILE_PATH=tmp_path):
        assert send_pending().sent == 1
    [path] = list(tmp_path.glob("*.eml"))
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Påminnelse"
    assert message["To"] == "a@example.test"
    kinds = [part.get_content_type() for part in message.walk()]
    assert {"text/plain", "text/html", "text/calendar"} <= set(kinds)
    assert isinstance(EmlFileBackend(file_path=tmp_path), EmlFileBackend)


def test_sent_email_is_deleted_after_a_month_and_pending_email_never(db, settings):
    from mail.actions import purge_sent

    queue_email("a@example.test", "Sent", "Body")
    send_pending()
    settings.EMAIL_BACKEND = SMTP_DOWN
    queue_email("b@example.test", "Waiting", "Body")
    send_pending()
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert purge_sent() == 0
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert purge_sent() == 1
    assert list(Email.objects.values_list("subject", flat=True)) == ["Waiting"]
