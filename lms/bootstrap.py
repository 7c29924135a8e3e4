"""What a process of this project prepares under ``VAR_DIR`` before Django starts.

Settings only read; the entry points (``manage.py``, ``lms.run``, ``lms.wsgi``, the
tests) call ``prepare_var_dir()`` first, so importing the settings writes nothing. A Celery
worker or beat started on its own expects ``manage.py migrate`` to have run before.
"""

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def var_dir() -> Path:
    return Path(os.environ.get("VAR_DIR") or BASE_DIR / "var")


def prepare_var_dir() -> None:
    """Create ``VAR_DIR`` with the folders the embedded default uses, and the embedded
    default's secret key unless ``SECRET_KEY`` is given. Idempotent."""
    root = var_dir()
    for sub in ("static", "cache", "celery/queue", "celery/processed", "celery/control"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    path = root / "secret_key"
    if not os.environ.get("SECRET_KEY") and not path.exists():
        # Create it readable by us only, then write: never world-readable for a moment.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
