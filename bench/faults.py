"""Faults: kill the Celery worker mid-batch, stop Redis, stop the external LRS (Ralph),
stop SMTP, and start each again, while statements, e-mails and reminders are made and
the site is asked for pages. Prints one row per fault: whether anything was lost or sent
twice, and how the site answered during the fault.

Everything runs on 127.0.0.1 and is started here: gunicorn, a Celery worker, a Redis of
its own (a free port, no persistence), Ralph (`make ralph-venv`), and an SMTP sink
(bench/smtp_sink.py). The database is PostgreSQL, a database of its own made from
DATABASE_URL's server (--db, dropped and created afresh, dropped at the end).

Bounded: each phase waits at most --settle seconds for the outboxes to drain. Two things
are shortened so that a run takes minutes, not hours: the outboxes' claim lease (5 min
in production; --lease, default 8 s, set in the worker only) and beat's sweeps (every
60 s in production), which this script sends every 2 s instead of running beat.

Usage:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
            .venv/bin/python bench/faults.py [--db faults_bench]
"""

import argparse
import collections
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from common import free_port, start_gunicorn  # noqa: E402

RALPH_PYTHON = os.environ.get("RALPH_PYTHON", str(ROOT / "var" / "ralph-venv" / "bin" / "python"))
LRS_USER, LRS_PASSWORD = "bench", "bench-password"
STATEMENTS, EMAILS, REMINDERS = 400, 30, 20  # made in each phase


class BenchKind:
    """A reminder kind whose due items the script sets (registered in the worker too)."""

    name = "faults_bench"
    label = "Fault benchmark"

    def __init__(self):
        self.due = []

    def find_due(self, now):
        return list(self.due)

    def still_wanted(self, reminder) -> bool:
        return True

    def part(self, reminder):
        from reminders.kinds import Part

        return Part(subject=f"Bench {reminder.subject_key}", text=".", action="Open", path="/")


KIND = BenchKind()


def run_worker(lease: float) -> None:
    """The Celery worker, as `make run` starts it, with the outboxes' lease shortened."""
    import django

    django.setup()
    from mail import sender
    from reminders import kinds
    from tracking import forwarding

    forwarding.LEASE = sender.LEASE = timedelta(seconds=lease)
    kinds.register(KIND)
    from lms.celery import app

    app.worker_main(["worker", "--pool=solo", "--loglevel=WARNING", "--without-mingle"])


class Service:
    """A process this script starts, stops (SIGTERM, or SIGKILL for a crash) and restarts."""

    def __init__(self, name: str, argv: list[str], log: Path, ready=None):
        self.name, self.argv, self.log, self.ready = name, argv, log, ready
        self.process = None

    def start(self) -> None:
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own argv
                self.argv, stdout=log, stderr=log, start_new_session=True, cwd=ROOT
            )
        deadline = time.monotonic() + 60
        while self.ready and not self.ready():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"{self.name} did not start (see {self.log})")
            time.sleep(0.2)

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None


def answers(url: str, timeout: float = 2) -> str:
    """Empty when the page answered 200; otherwise what it answered (a status or an error)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return "" if response.status == 200 else str(response.status)
    except urllib.error.HTTPError as exc:
        return str(exc.code)
    except OSError as exc:
        return type(getattr(exc, "reason", exc)).__name__


class Prober(threading.Thread):
    """Asks the site for pages every 0.25 s and counts the answers, per phase; a probe
    that failed is kept as "answer path" (e.g. "500 /modules/", "timeout /healthz")."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base = base
        self.paths = ["/modules/", "/accounts/login/", "/healthz"]
        self.counts = collections.Counter()
        self.failures = collections.Counter()
        self.stopping = threading.Event()

    def warm_up(self) -> None:
        """Each page a few times before counting: a fresh server process's first request
        loads views, templates, content and a database connection, which on a busy
        machine took longer than the probe's 2 s (the one failed probe of a "no fault"
        phase: a time-out, not an error)."""
        for _ in range(8):
            for path in self.paths:
                answers(self.base + path, timeout=30)

    def run(self) -> None:
        while not self.stopping.wait(0.25):
            for path in self.paths:
                answer = answers(self.base + path)
                self.counts["failed" if answer else "ok"] += 1
                if answer:
                    self.failures[f"{answer} {path}"] += 1

    def take(self) -> tuple[int, int, dict]:
        ok, failed, failures = self.counts["ok"], self.counts["failed"], dict(self.failures)
        self.counts.clear()
        self.failures.clear()
        return ok, failed, failures


class Ticker(threading.Thread):
    """What beat does every minute (the sweeps), every 2 s; a broker that is down just
    means this tick is lost, as it would be for beat."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stopping = threading.Event()

    def run(self) -> None:
        from lms.celery import app
        from mail.tasks import send_mail_task
        from reminders.tasks import send_reminders_task
        from tracking.tasks import forward_statements_task

        while not self.stopping.wait(2):
            # A fresh connection each tick: a pooled one to a Redis that went away can hang.
            try:
                with app.connection_for_write() as conn:
                    conn.ensure_connection(max_retries=1, timeout=2)
                    for task in (forward_statements_task, send_mail_task, send_reminders_task):
                        task.apply_async(retry=False, connection=conn)
            except Exception:  # noqa: BLE001, S110 - the broker is down: next tick
                pass


def fresh_database(name: str, *, drop_only: bool = False) -> str:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (the benchmark makes its own database).")
    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def make_load(phase: str) -> dict:
    """Statements, e-mails and reminders, each as the apps make them; returns what to find."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone
    from lrs_ingest import statement

    from mail.actions import queue_email
    from reminders import engine
    from reminders.kinds import Due
    from tracking.actions import record_statements

    addresses = [f"{phase}-{i}@mail.example.test" for i in range(EMAILS)]
    for i, address in enumerate(addresses):
        with transaction.atomic():
            queue_email(address, f"Bench {phase} {i}", "text", dedupe_key=f"faults-{phase}-{i}")
    users = [
        get_user_model().objects.create_user(f"{phase}-{i}@people.example.test")
        for i in range(REMINDERS)
    ]
    KIND.due = [Due(f"{phase}-{u.pk}", timezone.localdate(), user=u) for u in users]
    engine.scan()
    KIND.due = []
    ids = []  # last, so that the worker is forwarding them when a fault is made
    for start in range(0, STATEMENTS, 100):
        batch = [statement(n) for n in range(start, start + 100)]
        record_statements(batch)
        ids += [s["id"] for s in batch]
    return {"statements": set(ids), "emails": set(addresses), "reminders": {u.email for u in users}}


def outbox_pending(expected: dict, phase: str) -> dict[str, set]:
    """What is still waiting in the outboxes (not lost: it will be sent)."""
    from mail.models import Email
    from reminders.models import Reminder
    from tracking.models import ForwardStatus, Statement

    statements = Statement.objects.filter(statement_id__in=expected["statements"]).exclude(
        forward_status=ForwardStatus.DELIVERED
    )
    emails = Email.objects.filter(to__in=expected["emails"] | expected["reminders"]).exclude(
        status=Email.Status.SENT
    )
    reminders = Reminder.objects.filter(kind=KIND.name, subject_key__startswith=f"{phase}-")
    return {
        "statements": {str(i) for i in statements.values_list("statement_id", flat=True)},
        "emails": set(emails.values_list("to", flat=True)),
        "reminders": set(
            reminders.exclude(status=Reminder.Status.SENT).values_list("user__email", flat=True)
        ),
    }


def pending(expected: dict, phase: str) -> int:
    return sum(len(v) for v in outbox_pending(expected, phase).values())


def ralph_ids(endpoint: str) -> collections.Counter:
    import httpx

    seen, url = collections.Counter(), f"{endpoint}/statements?limit=1000"
    with httpx.Client(
        auth=(LRS_USER, LRS_PASSWORD), headers={"X-Experience-API-Version": "1.0.3"}, timeout=30
    ) as http:
        while url:
            body = http.get(url).json()
            seen.update(s["id"] for s in body["statements"])
            url = str(httpx.URL(endpoint).join(body["more"])) if body.get("more") else ""
    return seen


def received(log: Path) -> tuple[collections.Counter, collections.Counter]:
    """Per recipient: how many messages, and how many distinct Message-IDs."""
    lines = [line.split() for line in log.read_text().splitlines()] if log.exists() else []
    messages = collections.Counter(to for _mid, to in lines)
    distinct = collections.Counter(to for _mid, to in set(map(tuple, lines)))
    return messages, distinct


def tally(wanted: set, waiting: set, counts: collections.Counter, distinct=None) -> str:
    """ "arrived/made, waiting, lost, doubled": waiting = still in the outbox (sent later),
    lost = neither arrived nor waiting; "resent" when the same message (same Message-ID)
    arrived again: at least once, by design."""
    waiting = waiting & wanted
    lost = sum(1 for key in wanted if counts[key] == 0 and key not in waiting)
    doubled = sum(1 for key in wanted if (distinct or counts)[key] > 1)
    resent = sum(1 for key in wanted if counts[key] > 1) - doubled if distinct else 0
    arrived = sum(1 for key in wanted if counts[key])
    text = f"{arrived}/{len(wanted)}, waiting {len(waiting)}, lost {lost}, doubled {doubled}"
    return text + (f" (resent {resent})" if resent else "")


def environment(args, var: Path, ports: dict) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings",
            "VAR_DIR": str(var),
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
            "SECRET_KEY": os.urandom(32).hex(),
            "DATABASE_URL": fresh_database(args.db),
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{ports['redis']}/0",
            "CACHE_URL": f"redis://127.0.0.1:{ports['redis']}/1",
            "EMAIL_URL": f"smtp://127.0.0.1:{ports['smtp']}",
            "XAPI_LRS_ENDPOINT": f"http://127.0.0.1:{ports['ralph']}/xAPI",
            "XAPI_LRS_USERNAME": LRS_USER,
            "XAPI_LRS_PASSWORD": LRS_PASSWORD,
            "XAPI_FORWARD_TIMEOUT": "3",
            "XAPI_FORWARD_BATCH": "20",  # many small batches: a kill lands mid-batch
            "SITE_URL": f"http://127.0.0.1:{ports['web']}",
            "XAPI_ACTOR_HOMEPAGE": "https://faults.bench.test",
            "SECURE_SSL_REDIRECT": "0",  # loopback, no TLS proxy in front
            "STATIC_MANIFEST": "0",  # no collectstatic for a throw-away var/
        }
    )


def services(var: Path, ports: dict, lease: float) -> dict[str, Service]:
    import httpx

    def ralph_up() -> bool:
        try:
            url = f"http://127.0.0.1:{ports['ralph']}/__heartbeat__"
            return httpx.get(url, timeout=1).is_success
        except httpx.HTTPError:
            return False

    def port_open(port):
        import socket

        def check() -> bool:
            with socket.socket() as s:
                return s.connect_ex(("127.0.0.1", port)) == 0

        return check

    ralph = [RALPH_PYTHON, str(ROOT / "bench" / "ralph_lrs.py"), "--port", str(ports["ralph"])]
    ralph += ["--dir", str(var / "ralph"), "--username", LRS_USER, "--password", LRS_PASSWORD]
    redis = ["redis-server", "--port", str(ports["redis"]), "--bind", "127.0.0.1"]
    redis += ["--save", "", "--appendonly", "no", "--dir", str(var)]
    smtp = [sys.executable, str(ROOT / "bench" / "smtp_sink.py"), "--port", str(ports["smtp"])]
    smtp += ["--log", str(var / "received.log")]
    worker = [sys.executable, str(Path(__file__).resolve()), "--worker", "--lease", str(lease)]
    return {
        "redis": Service("Redis", redis, var / "redis.log", port_open(ports["redis"])),
        "ralph": Service("Ralph", ralph, var / "ralph.log", ralph_up),
        "smtp": Service("SMTP", smtp, var / "smtp.log", port_open(ports["smtp"])),
        "worker": Service("worker", worker, var / "worker.log"),
    }


def kill_worker_mid_batch(svc, expected, hold):
    """SIGKILL the worker (and its children) while it is forwarding this phase's batch."""
    from tracking.models import ForwardStatus, Statement

    deadline = time.monotonic() + 30
    delivered = 0
    while time.monotonic() < deadline:
        mine = Statement.objects.filter(statement_id__in=expected["statements"])
        delivered = mine.filter(forward_status=ForwardStatus.DELIVERED).count()
        if delivered:
            break
        time.sleep(0.02)
    svc["worker"].stop(signal.SIGKILL)
    time.sleep(hold)
    svc["worker"].start()
    return f"killed with {delivered}/{STATEMENTS} statements forwarded"


def stop_then_start(name):
    def fault(svc, expected, hold):
        time.sleep(hold)
        svc[name].start()
        return f"{svc[name].name} down {hold:.0f} s, then started"

    return fault


PHASES = [
    ("no fault", None, None),
    ("worker killed mid-batch", None, kill_worker_mid_batch),
    ("Redis stopped", "redis", stop_then_start("redis")),
    ("external LRS stopped", "ralph", stop_then_start("ralph")),
    ("SMTP stopped", "smtp", stop_then_start("smtp")),
]


def run_phase(index, title, stop_first, fault, svc, prober, args) -> dict:
    phase = f"p{index}"
    started = time.monotonic()
    prober.take()
    if stop_first:
        svc[stop_first].stop()
    expected = make_load(phase)  # made while the service is down, as pages would
    note = fault(svc, expected, args.hold) if fault else "-"
    site_ok, site_failed, failures = prober.take()
    while pending(expected, phase) and time.monotonic() - started < args.settle:
        time.sleep(0.5)
    return {
        "title": title,
        "note": note,
        "site": f"{site_ok} ok, {site_failed} failed",
        "expected": expected,
        "left": pending(expected, phase),
        "waiting": outbox_pending(expected, phase),
        "seconds": time.monotonic() - started,
        "failures": failures,
    }


def report(results, ralph_seen, messages, distinct) -> None:
    head = ("fault", "what happened", "site during fault", "statements to the LRS")
    head += ("e-mails", "reminder e-mails", "s")
    rows = [head]
    for r in results:
        e = r["expected"]
        rows.append(
            (
                r["title"],
                r["note"],
                r["site"],
                tally(e["statements"], r["waiting"]["statements"], ralph_seen),
                tally(e["emails"], r["waiting"]["emails"], messages, distinct),
                tally(e["reminders"], r["waiting"]["reminders"], messages, distinct),
                f"{r['seconds']:.0f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    for n, row in enumerate(rows):
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        if n == 0:
            print("-+-".join("-" * w for w in widths))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="faults_bench")
    parser.add_argument("--hold", type=float, default=6.0, help="seconds each fault lasts")
    parser.add_argument("--settle", type=float, default=90.0, help="most seconds to drain")
    parser.add_argument("--lease", type=float, default=8.0)
    parser.add_argument("--keep", action="store_true", help="keep the logs (var/) afterwards")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return run_worker(args.lease)
    var = Path(tempfile_dir())
    ports = {name: free_port() for name in ("redis", "ralph", "smtp", "web")}
    environment(args, var, ports)
    import django

    django.setup()
    from django.core.management import call_command

    from reminders import kinds

    call_command("migrate", verbosity=0)
    kinds.register(KIND)
    svc = services(var, ports, args.lease)
    web = prober = ticker = None
    try:
        for name in ("redis", "ralph", "smtp", "worker"):
            svc[name].start()
        web = start_gunicorn(ports["web"], workers=2)
        prober, ticker = Prober(f"http://127.0.0.1:{ports['web']}"), Ticker()
        prober.warm_up()
        prober.start()
        ticker.start()
        results = [
            run_phase(i, title, stop_first, fault, svc, prober, args)
            for i, (title, stop_first, fault) in enumerate(PHASES)
        ]
        messages, distinct = received(var / "received.log")
        for r in results:
            print(r["title"], r["left"], f"{r['seconds']:.0f}", file=sys.stderr)
            for what, count in sorted(r["failures"].items()):
                print(f"  failed probe: {what} x{count}", file=sys.stderr)
        if any(r["left"] for r in results):
            print((var / "worker.log").read_text()[-3000:], file=sys.stderr)
        report(results, ralph_ids(f"http://127.0.0.1:{ports['ralph']}/xAPI"), messages, distinct)
    finally:
        for thread in (prober, ticker):
            if thread:
                thread.stopping.set()
        if web:
            web.terminate()
            web.wait()
        for service in svc.values():
            service.stop()
        from django.db import connections

        connections.close_all()
        fresh_database(args.db, drop_only=True)
        if args.keep:
            print(f"logs kept in {var}", file=sys.stderr)
        else:
            shutil.rmtree(var, ignore_errors=True)


def tempfile_dir() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="bench-faults-")


if __name__ == "__main__":
    main()
