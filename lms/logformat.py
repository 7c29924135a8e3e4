"""The log format: plain lines, with any e-mail address blotted out.

Our own log lines never carry an address (``lms.request`` logs no person); this catches
what libraries put in messages and tracebacks, e.g. a mail server refusing a recipient.
"""

import logging
import re

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return EMAIL_RE.sub("[e-mail]", super().format(record))
