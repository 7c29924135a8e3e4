"""Run Django in a child process with a given environment: settings are read once per
process, so guard rails on them are tested from outside."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3Jx9-vQ2mZ8rT5wL1yB7nH4dF6gS0aP_eU3iO9cX2vN8bM5qW1zR7tY4uK6jG0h"
PRODUCTION = {
    "DATABASE_URL": "postgres://lms@db.invalid:5432/lms",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "lms.example.no",
    "SITE_URL": "https://lms.example.no",
    "XAPI_ACTOR_HOMEPAGE": "https://lms.example.no",
}
# Variables of the parent's run that would change what the child sees.
CLEARED = (
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "XAPI_ACTOR_HOMEPAGE",
    "ACCOUNT_EMAIL_VERIFICATION",
    "CACHE_URL",
    "DEMO_DATA",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' fixtures in this process
)


def run_django(code: str, env: dict, *, var_dir: Path, args=()) -> subprocess.CompletedProcess:
    """``code`` runs after ``django.setup()``; ``env`` replaces the settings variables."""
    child_env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    child_env.update(env, VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="lms.settings")
    script = "import django\ndjango.setup()\n" + code
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
