"""The log format: plain lines, with any e-mail address or API token blotted out.

Our own log lines never carry an address (``lms.request`` logs no person); this catches
what libraries put in messages and tracebacks, e.g. a mail server refusing a recipient.
"""

import logging
import re

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The course owners' API tokens (reporting.tokens): a token pasted where it doesn't
# belong, e.g. into a URL, is blotted out too.
API_TOKEN_RE = re.compile(r"lmsapi_[A-Za-z0-9_-]*")


def redact(text: str) -> str:
    return API_TOKEN_RE.sub("[token]", EMAIL_RE.sub("[e-mail]", text))


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def logging_config(level: str) -> dict:
    """The site's LOGGING: one plain format with e-mail addresses blotted out."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {
                "()": "lms.logformat.RedactingFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # lms.request logs every request (paths with secrets masked); django.request would
            # repeat 4xx paths as typed, invitation tokens included. Errors still go through.
            "django.request": {"level": "ERROR"},
        },
    }
