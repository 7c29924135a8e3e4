"""Benchmark: how long ``seed_demo`` takes on a fresh database with the shipped content
(the demo's generated learners and teams are most of it), and the second, idempotent run.

Prints the seconds of each run (wall clock and this process's CPU: on a shared machine
the first depends on the load, printed too) and the number of people and statements
made. The target is under 20 s for the first run (``make run`` waits for it). Most of
the second run is checking the five demo passwords (PBKDF2).

Usage:  .venv/bin/python bench/seed_demo.py          (SQLite in a throw-away folder)
With DATABASE_URL set it runs on that database (it must be empty: tables are created).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_environment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    import django

    bench_environment("bench-seed-demo-")
    django.setup()
    from django.core.management import call_command

    from accounts.models import User
    from tracking.models import Statement

    call_command("migrate", verbosity=0)
    call_command("import_content", verbosity=0)
    for run in ("first", "second"):
        started, cpu = time.perf_counter(), time.process_time()
        call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"seed_demo {run} run: {took:.1f} s (this process's CPU: {cpu:.1f} s)")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"people: {User.objects.count()}, statements: {Statement.objects.count()}")


if __name__ == "__main__":
    main()
