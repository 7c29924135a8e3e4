"""Benchmark: forwarding 10,000 pending statements to Ralph on localhost, next to posting
the same batches to Ralph directly (its ceiling), in the same run.

Usage:  .venv/bin/python bench/forwarding.py [--statements 10000]
Needs Ralph's venv: `make ralph-venv` (or RALPH_PYTHON=/path/to/python).
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from common import bench_environment, free_port  # noqa: E402

VAR = bench_environment("bench-fwd-")
RALPH_PYTHON = os.environ.get("RALPH_PYTHON", str(ROOT / "var" / "ralph-venv" / "bin" / "python"))
USER, PASSWORD = "bench", "bench-password"


def start_ralph(folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            RALPH_PYTHON,
            str(ROOT / "bench" / "ralph_lrs.py"),
            "--port",
            str(port),
            "--dir",
            str(folder),
            "--username",
            USER,
            "--password",
            PASSWORD,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/__heartbeat__", timeout=1).is_success:
                return process, f"http://127.0.0.1:{port}/xAPI"
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("Ralph did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=10_000)
    args = parser.parse_args()
    from lrs_ingest import statement

    batches = [[statement(n) for n in range(i, i + 100)] for i in range(0, args.statements, 100)]

    # The ceiling: the same batches straight to Ralph, one connection, one after another.
    ralph, endpoint = start_ralph(VAR / "ralph-direct")
    try:
        with httpx.Client(
            auth=(USER, PASSWORD), headers={"X-Experience-API-Version": "1.0.3"}, timeout=60
        ) as http:
            started = time.perf_counter()
            for batch in batches:
                assert http.post(f"{endpoint}/statements", json=batch).status_code == 200
            direct = args.statements / (time.perf_counter() - started)
    finally:
        ralph.terminate()
        ralph.wait()

    import django

    os.environ["XAPI_LRS_ENDPOINT"] = ""
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from tracking.actions import record_statements
    from tracking.forwarding import forward_pending
    from tracking.models import ForwardStatus, Statement

    call_command("migrate", "--noinput", verbosity=0)
    Statement.objects.all().delete()
    for batch in batches:
        record_statements([{**s, "id": str(uuid.uuid4())} for s in batch])

    ralph, endpoint = start_ralph(VAR / "ralph-forward")
    try:
        settings.XAPI_LRS_ENDPOINT = endpoint
        settings.XAPI_LRS_USERNAME, settings.XAPI_LRS_PASSWORD = USER, PASSWORD
        started = time.perf_counter()
        report = forward_pending()
        forwarded = report.delivered / (time.perf_counter() - started)
    finally:
        ralph.terminate()
        ralph.wait()
        shutil.rmtree(VAR, ignore_errors=True)
    assert report.delivered == args.statements, report
    assert not Statement.objects.exclude(forward_status=ForwardStatus.DELIVERED).exists()
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(
        f"database: {db}; {args.statements} statements in batches of 100 to Ralph 5.1 (fs backend)"
    )
    print(f"  posted straight to Ralph (ceiling):  {direct:8.0f} statements/s")
    print(f"  forwarded from the outbox:           {forwarded:8.0f} statements/s")
    print(f"  forwarding / ceiling:                {100 * forwarded / direct:8.1f} %")


if __name__ == "__main__":
    main()
