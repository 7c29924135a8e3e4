"""Benchmark: the reminder scan's cost follows what is due, not how many enrolments exist.

Builds 10,000 enrolments of which 500 have stalled (due a nudge), times the scan, then
adds 90,000 more enrolments that are not due (completed, active this week, or stalled
long ago) and times it again, and prints both times and their ratio (target <= 1.5).
Each timing is the median of several scans, each starting with no reminder rows.

Runs on PostgreSQL in a database of its own, made from DATABASE_URL's server with the
name given by --db (dropped and created afresh).

Usage:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/x \
            .venv/bin/python bench/reminder_scan.py [--db bench_reminder_scan] [--rounds 7]
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_environment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DUE = 500
VERSIONS = 50  # each person is enrolled in up to 50 module versions


def fresh_database(name: str) -> str:
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (the benchmark makes its own database).")
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def setup(db: str) -> None:
    import django

    os.environ["DATABASE_URL"] = fresh_database(db)
    bench_environment("bench-reminders-", DATABASE_URL=os.environ["DATABASE_URL"])
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_versions():
    from modules.models import Industry, Module, ModuleVersion

    industry = Industry.objects.create(slug="bench", name_nb="Bench", name_en="Bench")
    versions = []
    for i in range(VERSIONS):
        module = Module.objects.create(slug=f"bench-{i}")
        versions.append(
            ModuleVersion.objects.create(
                module=module,
                number=1,
                label="1.0",
                content_hash="x",
                title={"nb": f"Modul {i}", "en": f"Module {i}"},
                minutes=20,
                roles=["leader"],
                all_industries=True,
                page_count=5,
            )
        )
    return industry, versions


def add_enrolments(start: int, count: int, due: int, industry, versions) -> None:
    """``count`` enrolments for people ``start``…; the first ``due`` stalled 8 days ago,
    the rest completed (60 %), active this week (30 %) or stalled long ago (10 %)."""
    from django.utils import timezone

    from accounts.models import User
    from modules.models import Enrolment

    now = timezone.now()
    people = (count + VERSIONS - 1) // VERSIONS
    users = User.objects.bulk_create(
        User(email=f"p{start + n}@bench.test", password="!") for n in range(people)
    )
    rows = []
    for n in range(count):
        user, version = users[n // VERSIONS], versions[n % VERSIONS]
        if n < due:
            last, done = now - timedelta(days=8), None
        elif n % 10 < 6:
            last, done = now - timedelta(days=30 + n % 300), now - timedelta(days=30 + n % 300)
        elif n % 10 < 9:
            last, done = now - timedelta(hours=n % 150), None
        else:
            last, done = now - timedelta(days=40 + n % 300), None
        rows.append(
            Enrolment(
                user=user,
                version=version,
                industry=industry,
                role="leader",
                last_active_at=last,
                completed_at=done,
            )
        )
    Enrolment.objects.bulk_create(rows, batch_size=5000)


def time_scan(rounds: int) -> float:
    from django.db import connection

    from reminders.engine import scan
    from reminders.models import Reminder

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    times = []
    for _ in range(rounds + 1):
        Reminder.objects.all().delete()
        began = time.perf_counter()
        found = scan()
        times.append(time.perf_counter() - began)
        assert found == DUE and Reminder.objects.count() == DUE, (found, DUE)
    return statistics.median(times[1:])  # the first warms the caches


def plan() -> str:
    from datetime import timedelta as td

    from django.utils import timezone

    from modules.models import Enrolment

    upper = timezone.now() - td(days=7)
    query = Enrolment.objects.filter(
        completed_at__isnull=True, last_active_at__lte=upper, last_active_at__gt=upper - td(days=7)
    )
    return query.order_by().explain()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="bench_reminder_scan")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    setup(args.db)
    from modules.models import Enrolment

    industry, versions = make_versions()
    add_enrolments(0, 10_000, DUE, industry, versions)
    small = time_scan(args.rounds)
    print(f"{Enrolment.objects.count():>7,} enrolments, {DUE} due: scan {small * 1000:.1f} ms")
    add_enrolments(10_000, 90_000, 0, industry, versions)
    large = time_scan(args.rounds)
    print(f"{Enrolment.objects.count():>7,} enrolments, {DUE} due: scan {large * 1000:.1f} ms")
    print(f"ratio {large / small:.2f} (target <= 1.5)")
    print("plan of the stalled-enrolment query:\n  " + plan().replace("\n", "\n  "))


if __name__ == "__main__":
    main()
