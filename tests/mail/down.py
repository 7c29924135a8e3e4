"""An SMTP server that is down, and a broker that is down, for the fault tests."""

from contextlib import contextmanager
from unittest import mock

from django.core.mail.backends.base import BaseEmailBackend
from kombu.exceptions import OperationalError


class DownBackend(BaseEmailBackend):
    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


SMTP_DOWN = "tests.mail.down.DownBackend"


@contextmanager
def broker_down():
    """Every task sent to the broker fails, as with Redis stopped."""
    from celery.app.task import Task

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with mock.patch.object(Task, "apply_async", refuse), mock.patch.object(Task, "delay", refuse):
        yield
