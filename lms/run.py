"""`make run`: prepare the embedded default and run web, worker and scheduler in the foreground.

Migrates, imports ``modules/content/``, creates the demo data, then serves the site with
gunicorn on 127.0.0.1:$PORT and runs one Celery worker with the beat scheduler embedded,
on whatever broker is configured (a file-system transport under ``var/`` by default).
Ctrl-C stops all of it.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request

import django

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


def default_site_url(environ) -> None:
    """Links in e-mails point where this server answers, unless SITE_URL says otherwise."""
    host, port = environ.get("HOST", "127.0.0.1"), environ.get("PORT", "8000")
    environ.setdefault("SITE_URL", f"http://{host}:{port}")


def main() -> int:
    default_site_url(os.environ)
    django.setup()
    from django.conf import settings

    from lms.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    _manage("migrate", "--noinput", verbosity=0)
    _manage("compile_translations", verbosity=0)
    _manage("collectstatic", "--noinput", verbosity=0)
    _manage("import_content")
    _manage("seed_demo", verbosity=0)

    host = os.environ.get("HOST", "127.0.0.1")
    port = str(settings.PORT)
    python = sys.executable
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    children = [
        subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                python,
                "-m",
                "gunicorn",
                "lms.wsgi",
                "--bind",
                f"{host}:{port}",
                "--workers",
                workers,
                "--threads",
                "4",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "5",
            ]
        ),
        subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                python,
                "-m",
                "celery",
                "-A",
                "lms",
                "worker",
                "--beat",
                "--loglevel",
                "INFO",
                "--concurrency",
                "1",
                "--schedule",
                settings.CELERY_BEAT_SCHEDULE_FILENAME,
            ]
        ),
    ]

    def stop(*_args):
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()

    signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
    url = f"http://{host}:{port}/"
    try:
        if _wait_until_up(url + "healthz"):
            print(f"\nReady: {url}  (Ctrl-C stops web, worker and scheduler)", flush=True)
            print(f"Demo logins, password for all: {DEMO_PASSWORD}", flush=True)
            for spec in DEMO_ACCOUNTS:
                print(f"  {spec['email']:<24} {spec['who']}", flush=True)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        print("A process stopped; stopping the rest.", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
