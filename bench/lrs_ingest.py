"""Benchmark: the embedded LRS ingesting statements over HTTP.

POSTs 10,000 statements in batches of 100 to /xapi/statements on gunicorn, then fills
the store to 100,000 statements and does it again, and prints statements per second.
Runs on SQLite by default, on PostgreSQL with DATABASE_URL set.

Usage:  .venv/bin/python bench/lrs_ingest.py [--statements 10000] [--fill 100000] [--clients 4]
                                             [--rounds 1]

With --rounds N the whole run (a new store, then a full one) is repeated N times and the
medians are printed too: the machine is noisy.
"""

import argparse
import base64
import json
import os
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_environment, free_port, start_gunicorn  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Importing this module (faults.py and forwarding.py take statement() from it) must not
# change the environment: a worker started afterwards would inherit it (the faults bench
# restarted its killed worker without XAPI_LRS_ENDPOINT, so nothing was forwarded).


def statement(n: int) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": "https://b.test", "name": f"p{n % 500}"},
        },
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/experienced",
            "display": {"en": "experienced"},
        },
        "object": {
            "objectType": "Activity",
            "id": f"https://b.test/modules/m{n % 20}/pages/{n % 7}",
            "definition": {"name": {"nb": "Side", "en": "Page"}},
        },
        "context": {
            "registration": str(uuid.UUID(int=n % 1000)),
            "contextActivities": {"parent": [{"id": f"https://b.test/modules/m{n % 20}"}]},
        },
        "timestamp": "2026-11-26T12:00:00.000Z",
    }


def setup() -> tuple[str, str]:
    import django

    django.setup()
    from django.core.management import call_command

    from tracking.actions import create_lrs_client

    call_command("migrate", "--noinput", verbosity=0)
    client, secret = create_lrs_client(f"bench-{uuid.uuid4().hex[:6]}")
    return client.key, secret


def empty_store() -> None:
    """A new store. On PostgreSQL a DELETE would leave every row and index entry behind
    as dead tuples for autovacuum to clean up while the next round is measured."""
    from django.db import connection

    from tracking.models import Statement

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {Statement._meta.db_table}")  # noqa: S608 - our own name
    else:
        Statement.objects.all().delete()


def fill(count: int) -> None:
    """Put ``count`` statements straight into the store (the state under test, not the test)."""
    from tracking.actions import record_statements

    for start in range(0, count, 1000):
        record_statements([statement(n) for n in range(start, start + 1000)])


def ingest(port: int, key: str, secret: str, total: int, clients: int) -> float:
    auth = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
    headers = {
        "Authorization": auth,
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json",
    }
    bodies = [json.dumps([statement(n) for n in range(i, i + 100)]) for i in range(0, total, 100)]

    def send(chunk):
        with httpx.Client(headers=headers, timeout=60) as http:
            for body in chunk:
                response = http.post(f"http://127.0.0.1:{port}/xapi/statements", content=body)
                assert response.status_code == 200, (response.status_code, response.text[:300])

    chunks = [bodies[i::clients] for i in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(send, chunks))
    return total / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--fill", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    bench_environment("bench-lrs-", XAPI_LRS_ENDPOINT="")
    key, secret = setup()
    port = free_port()
    server = start_gunicorn(port, workers=args.workers)
    try:
        from tracking.models import Statement

        db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
        print(f"database: {db}; {args.clients} clients, batches of 100, gunicorn {args.workers}x4")
        empties, fulls = [], []
        for n in range(1, args.rounds + 1):
            if args.rounds > 1:
                print(f" round {n}")
            empty_store()
            ingest(port, key, secret, 400, args.clients)  # warm up the server processes
            empty = ingest(port, key, secret, args.statements, args.clients)
            print(f"  {args.statements} statements into a new store:     {empty:8.0f} statements/s")
            fill(args.fill)
            stored = Statement.objects.count()
            full = ingest(port, key, secret, args.statements, args.clients)
            print(f"  {args.statements} statements with {stored} stored:  {full:8.0f} statements/s")
            empties.append(empty)
            fulls.append(full)
        if args.rounds > 1:
            print(
                f" median of {args.rounds}: new store {statistics.median(empties):.0f},"
                f" with {stored} stored {statistics.median(fulls):.0f} statements/s"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
