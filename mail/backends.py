"""The embedded default's e-mail: each message a file under ``var/mail/`` that a mail
program opens (``.eml``), named by time so the newest sorts last."""

import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmlFileBackend(BaseEmailBackend):
    _lock = threading.Lock()

    def __init__(self, *args, file_path=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages) -> int:
        self.directory.mkdir(parents=True, exist_ok=True)
        count = 0
        for message in email_messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
            data = message.message().as_bytes(linesep="\r\n")
            with self._lock:
                (self.directory / name).write_bytes(data)
            count += 1
        return count
