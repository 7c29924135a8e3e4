"""With the broker down, a page that queues work (an e-mail, statements to forward) does
not wait for it: the outbox row is the truth, the wake-up to the worker is tried once
(no retries for ``broker_connection_timeout``), and not again for a while (base.wake)."""

import socket

import pytest
from django.urls import reverse
from kombu import Connection

from base import wake
from base.roles import Role
from lms.celery import app
from mail.models import Email
from mail.tasks import send_mail_task
from tests.conftest import client_for


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def attempts(settings, monkeypatch):
    """The broker is a Redis on a port where nothing listens; returns the list of
    connection attempts made to it."""
    settings.CELERY_TASK_ALWAYS_EAGER = False  # Celery reads Django's settings as it goes
    broker = f"redis://127.0.0.1:{closed_port()}/0"
    settings.CELERY_BROKER_URL = broker
    monkeypatch.setenv("CELERY_BROKER_URL", broker)  # Celery prefers it to the setting
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    # Pools of connections (and producers) to that broker, for this test only.
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    made = []
    establish = Connection._establish_connection

    def counted(self):
        made.append(self.as_uri())
        return establish(self)

    monkeypatch.setattr(Connection, "_establish_connection", counted)
    wake.resume()
    yield made
    wake.resume()  # (the pool to the closed port holds no connection: nothing to close)


def test_a_wake_up_tries_the_broker_once_then_pauses(attempts, caplog):
    assert wake.wake(send_mail_task) is False
    assert len(attempts) == 1  # not retried for two seconds, as apply_async does
    assert wake.paused()
    assert wake.wake(send_mail_task) is False
    assert wake.wake(send_mail_task) is False
    assert len(attempts) == 1  # not asked again during the pause
    assert "the broker did not take the wake-up" in caplog.text


def test_a_wake_up_tries_again_after_the_pause(attempts, monkeypatch):
    assert wake.wake(send_mail_task) is False
    monkeypatch.setattr(wake, "_paused_until", 0.0)
    assert wake.wake(send_mail_task) is False
    assert len(attempts) == 2


@pytest.mark.django_db
def test_invitations_are_queued_without_waiting_for_the_broker(
    attempts, client, leader, team, django_capture_on_commit_callbacks
):
    client_for(client, leader)
    for role in (Role.SAFETY_REP, Role.UNION_REP):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("seat_invite", args=[team.public_id, role]),
                {"email": f"{role}@example.test"},
            )
        assert response.status_code == 302
    # Both e-mails wait in the outbox for the sweep; the broker was asked once.
    assert Email.objects.filter(status=Email.Status.PENDING).count() == 2
    assert len(attempts) == 1


def test_with_a_broker_the_wake_up_is_sent(settings, monkeypatch):
    """The embedded default's file-system broker takes it (the normal path)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    sent = []
    task = app.tasks[send_mail_task.name]
    monkeypatch.setattr(type(task), "apply_async", lambda self, **kw: sent.append(kw["connection"]))
    wake.resume()
    assert wake.wake(send_mail_task) is True
    assert len(sent) == 1 and sent[0].connected


@pytest.mark.django_db
def test_what_waited_for_the_broker_goes_with_the_next_sweep(
    attempts, client, leader, team, django_capture_on_commit_callbacks
):
    """The wake-up was lost; beat's sweep (send_mail_task every minute, see
    CELERY_BEAT_SCHEDULE) sends the e-mail, once."""
    from django.conf import settings
    from django.core import mail

    client_for(client, leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("seat_invite", args=[team.public_id, Role.SAFETY_REP]),
            {"email": "vo@example.test"},
        )
    assert mail.outbox == []
    sweeps = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values() if e["schedule"] <= 60}
    assert send_mail_task.name in sweeps
    send_mail_task.apply()  # what the worker does when beat's message arrives
    send_mail_task.apply()
    assert [m.to for m in mail.outbox] == [["vo@example.test"]]
    assert Email.objects.get().status == Email.Status.SENT
