"""`make run`: prepare the embedded default and run web, worker and scheduler in the foreground.

Migrates, imports ``modules/content/``, creates the demo data (on a loopback host, or
with ``DEMO_DATA=1``), then serves the site with gunicorn on $HOST:$PORT
(127.0.0.1:8000) and runs one Celery worker and the beat scheduler beside it, on
whatever broker is configured (a file-system transport under ``var/`` by default).
``SITE_URL`` follows $HOST and $PORT unless it is given. A child that dies is started
again (``lms.supervise``); Ctrl-C stops all of it.
"""

import os
import socket
import sys
import time
import urllib.request

import django

from lms.bootstrap import prepare_var_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")


def _manage(*args: str, **options) -> None:
    from django.core.management import call_command

    call_command(*args, **options)


def _wait_until_up(url: str, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own URL
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def site_url(host: str, port: str) -> str:
    """The public URL for a bind address: every interface means this machine's name."""
    if host in ("0.0.0.0", "::", ""):  # noqa: S104 - naming it, not binding it
        host = socket.getfqdn()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def commands(host: str, port: str, schedule: str) -> dict[str, list[str]]:
    python = sys.executable
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return {
        # No gunicorn access log: lms.request logs each request, with secrets masked.
        "web": [python, "-m", "gunicorn", "lms.wsgi", "--bind", bind, "--workers", workers,
                "--threads", "4", "--graceful-timeout", "5"],
        "worker": [python, "-m", "celery", "-A", "lms", "worker", "--loglevel", "INFO",
                   "--concurrency", "1"],
        # Beat apart from the worker: when the worker dies, no orphaned scheduler stays.
        "beat": [python, "-m", "celery", "-A", "lms", "beat", "--loglevel", "INFO",
                 "--schedule", schedule],
    }  # fmt: skip


def _prepare() -> bool:
    """Migrate, import, seed. True when the demo accounts exist."""
    from lms.demo import demo_data_refusal

    _manage("migrate", "--noinput", verbosity=0)
    _manage("compile_translations", verbosity=0)
    _manage("collectstatic", "--noinput", verbosity=0)
    _manage("import_content")
    refusal = demo_data_refusal(os.environ.get("HOST", "127.0.0.1"))
    if refusal:
        print(f"No demo data: {refusal}", file=sys.stderr, flush=True)
        return False
    _manage("seed_demo", verbosity=0)
    return True


def main() -> int:
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    os.environ.setdefault("SITE_URL", site_url(host, port))
    prepare_var_dir()
    django.setup()
    from django.conf import settings

    from lms.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
    from lms.supervise import Supervisor

    demo = _prepare()
    probe = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}/healthz"  # noqa: S104

    def announce() -> None:
        if not _wait_until_up(probe):
            print(f"make run: no answer from {probe} in 60 s", file=sys.stderr, flush=True)
            return
        print(f"\nReady: {settings.SITE_URL}/  (Ctrl-C stops web, worker and scheduler)")
        if demo:
            print(f"Demo logins, password for all: {DEMO_PASSWORD}")
            for spec in DEMO_ACCOUNTS:
                print(f"  {spec['email']:<24} {spec['who']}")
        sys.stdout.flush()

    supervisor = Supervisor(commands(host, port, settings.CELERY_BEAT_SCHEDULE_FILENAME))
    return supervisor.run(ready=announce)


if __name__ == "__main__":
    sys.exit(main())
