"""Benchmark: the embedded LRS as its store grows, ingesting and answering queries.

At 100,000 statements and at ``--fill`` (a million by default) it POSTs ``--statements``
statements in batches of 100 to /xapi/statements on gunicorn (``--clients`` at once),
in turns with the same into a second, new store on its own gunicorn (emptied before each
turn), and prints the statements per second of both and the slowdown: on a machine shared
with other work only figures measured side by side compare. Then it times filtered
``GET /xapi/statements`` (by agent, by activity, by registration, each with ``limit`` and
following the ``more`` link) one request at a time and prints p50 and p95. Every figure
is printed next to its target. The store is filled by INSERT … SELECT in the database,
not through HTTP (the fill is the state under test, not the test); a filled row is
checked against the row the LRS itself makes of the same statement.

Runs on SQLite by default, on PostgreSQL with DATABASE_URL set (its statements are
emptied; the new store is the database DATABASE_URL names with "_new", made and dropped).

Usage:  .venv/bin/python bench/lrs_ingest.py [--fill 1000000] [--statements 10000]
            [--clients 4] [--queries 60] [--rounds 3] [--explain]

--explain prints the database's plan of each filtered query at the largest size
(EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite).
"""

import argparse
import base64
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_environment, free_port, start_gunicorn, stop  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Importing this module (faults.py and forwarding.py take statement() from it) must not
# change the environment: a worker started afterwards would inherit it (the faults bench
# restarted its killed worker without XAPI_LRS_ENDPOINT, so nothing was forwarded).

# A union's campaign: 50,000 learners, 20 modules of 7 pages, a registration per learner
# and module (100,000), so at a million statements a learner has 20 and a registration 10.
LEARNERS, MODULES, PAGES, REGISTRATIONS = 50_000, 20, 7, 100_000
INGEST_TARGET = 3000  # statements/s at every size
SLOWDOWN_TARGET = 15  # % from an empty store to the largest
P95_TARGET_MS = 50


def statement(n: int) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": "https://b.test", "name": f"p{n % LEARNERS}"},
        },
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/experienced",
            "display": {"en": "experienced"},
        },
        "object": {
            "objectType": "Activity",
            "id": f"https://b.test/modules/m{n % MODULES}/pages/{n % PAGES}",
            "definition": {"name": {"nb": "Side", "en": "Page"}},
        },
        "context": {
            "registration": str(uuid.UUID(int=n % REGISTRATIONS)),
            "contextActivities": {"parent": [{"id": f"https://b.test/modules/m{n % MODULES}"}]},
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


def database() -> str:
    from django.db import connection

    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"


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
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")


def _fill_sql(vendor: str) -> str:
    """One INSERT … SELECT making the rows of ``statement(n)`` for a range of n, as the
    LRS would store them (``check_fill`` compares a row with one the LRS made), with the
    id ``FILL_ID + n`` so that a row can be found again."""
    if vendor == "postgresql":
        series = """(SELECT n, ('f1110000' || lpad(to_hex(n), 24, '0'))::uuid AS id,
                lpad(to_hex(n %% %(registrations)s), 32, '0')::uuid AS registration,
                'p' || (n %% %(learners)s) AS learner,
                'https://b.test/modules/m' || (n %% %(modules)s) AS module,
                'https://b.test/modules/m' || (n %% %(modules)s) || '/pages/' || (n %% %(pages)s)
                    AS page
            FROM generate_series(%(start)s, %(stop)s - 1) AS n) AS s"""
        obj, arr, before = "jsonb_build_object", "jsonb_build_array", '::text COLLATE "C" <'
        head, source = "", series
    else:
        head = """WITH RECURSIVE numbers(n) AS (
                SELECT %(start)s UNION ALL SELECT n + 1 FROM numbers WHERE n + 1 < %(stop)s),
            s AS (SELECT n, 'f1110000' || printf(%(hex24)s, n) AS id,
                printf(%(hex32)s, n %% %(registrations)s) AS registration,
                'p' || (n %% %(learners)s) AS learner,
                'https://b.test/modules/m' || (n %% %(modules)s) AS module,
                'https://b.test/modules/m' || (n %% %(modules)s) || '/pages/' || (n %% %(pages)s)
                    AS page
            FROM numbers)
        """
        obj, arr, before, source = "json_object", "json_array", "<", "s"

    def dashed(column):
        if vendor == "postgresql":
            return f"s.{column}::text"
        return " || '-' || ".join(
            f"substr(s.{column}, {a}, {b})" for a, b in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
        )

    from tracking.lrs.store import _COLUMNS

    columns = ", ".join(_COLUMNS)
    return f"""{head}INSERT INTO tracking_statement ({columns})
        SELECT s.id,
            {obj}(
                'id', {dashed("id")},
                'actor', {obj}('objectType', 'Agent',
                    'account', {obj}('homePage', 'https://b.test', 'name', s.learner)),
                'verb', {obj}('id', %(verb)s, 'display', {obj}('en', 'experienced')),
                'object', {obj}('objectType', 'Activity', 'id', s.page,
                    'definition', {obj}('name', {obj}('nb', 'Side', 'en', 'Page'))),
                'context', {obj}('registration', {dashed("registration")},
                    'contextActivities', {obj}('parent', {arr}({obj}('id', s.module)))),
                'timestamp', %(timestamp_text)s),
            %(verb)s, s.page, 'account|https://b.test|' || s.learner, s.registration, NULL,
            %(nl)s || s.module || %(nl)s || s.page || %(nl)s,
            CASE WHEN %(authority)s {before} ('account|https://b.test|' || s.learner)
                THEN %(nl)s || %(authority)s || %(nl)s
                    || 'account|https://b.test|' || s.learner || %(nl)s
                ELSE %(nl)s || 'account|https://b.test|' || s.learner || %(nl)s
                    || %(authority)s || %(nl)s
            END,
            %(timestamp)s, %(stored)s, %(false)s, %(client)s, 'pending', 0, ''
        FROM {source} ORDER BY s.n"""


FILL_ID, CHECK_ID = 0xF111 << 112, 0xC4EC << 112


def fill(start: int, stop: int, key: str) -> float:
    """Statements ``start``..``stop`` straight into the store by INSERT … SELECT, 50,000
    rows a statement (a tenth of the time of the LRS's own prepare and insert, which would
    take longer than the measurements); returns rows/s."""
    from django.db import connection, transaction
    from django.utils.timezone import now

    from tracking.identity import agent_key, client_authority
    from tracking.lrs.store import _as_time
    from tracking.models import LRSClient

    client = LRSClient.objects.get(key=key)
    ops = connection.ops
    values = {
        "learners": LEARNERS,
        "modules": MODULES,
        "pages": PAGES,
        "registrations": REGISTRATIONS,
        "hex24": "%024x",
        "hex32": "%032x",
        "verb": "http://adlnet.gov/expapi/verbs/experienced",
        "timestamp_text": "2026-11-26T12:00:00.000Z",
        "timestamp": _as_time(ops, "2026-11-26T12:00:00.000Z"),
        "nl": "\n",
        "authority": agent_key(client_authority(client)),
        "false": False,
        "client": client.pk,
    }
    template = _fill_sql(connection.vendor)
    order = re.findall(r"%\((\w+)\)s", template)
    sql = re.sub(r"%\((\w+)\)s", "%s", template)
    started = time.perf_counter()
    for first in range(start, stop, 50_000):
        last = min(first + 50_000, stop)
        params = {**values, "start": first, "stop": last, "stored": _as_time(ops, now())}
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [params[name] for name in order])
    rate = (stop - start) / (time.perf_counter() - started)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum would do soon after a bulk load: fresh statistics for the
            # planner and the visibility map for index-only scans.
            cursor.execute("VACUUM ANALYZE tracking_statement")
        else:
            cursor.execute("PRAGMA optimize")
    check_fill(start, client)
    return rate


def check_fill(n: int, client) -> None:
    """The filled row of ``statement(n)`` holds what the LRS stores when it is posted
    (compared with a row the LRS's own prepare_rows and insert_rows make, then rolled
    back), but for its id and the time it was stored."""
    from django.db import transaction

    from tracking.lrs.store import _COLUMNS, insert_rows, prepare_rows
    from tracking.models import Statement

    fields = [c for c in _COLUMNS if c not in ("statement_id", "stored")]

    def row(statement_id: uuid.UUID) -> dict:
        found = Statement.objects.filter(statement_id=statement_id).values(*fields).get()
        found["data"] = {k: v for k, v in found["data"].items() if k != "id"}
        return found

    made = row(uuid.UUID(int=FILL_ID + n))
    with transaction.atomic():
        posted = {**statement(n), "id": str(uuid.UUID(int=CHECK_ID + n))}
        insert_rows(prepare_rows([posted], client))
        real = row(uuid.UUID(int=CHECK_ID + n))
        transaction.set_rollback(True)
    assert made == real, f"the fill differs from the LRS:\n{made}\n{real}"


def headers(key: str, secret: str) -> dict:
    return {
        "Authorization": "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode(),
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json",
    }


def ingest(port: int, auth: dict, total: int, clients: int) -> float:
    bodies = [json.dumps([statement(n) for n in range(i, i + 100)]) for i in range(0, total, 100)]

    def send(chunk):
        with httpx.Client(headers=auth, timeout=60) as http:
            for body in chunk:
                try:
                    response = http.post(f"http://127.0.0.1:{port}/xapi/statements", content=body)
                except httpx.RemoteProtocolError:
                    # gunicorn closed the kept-alive connection just as the batch went out
                    # (its keep-alive is 2 s; a starved thread can be that late): again, on
                    # a new connection. The same ids with the same content are taken once.
                    response = http.post(f"http://127.0.0.1:{port}/xapi/statements", content=body)
                assert response.status_code == 200, (response.status_code, response.text[:300])

    chunks = [bodies[i::clients] for i in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(send, chunks))
    return total / (time.perf_counter() - started)


CLOCK = os.sysconf("SC_CLK_TCK")


class Meter:
    """CPU seconds spent by a store's gunicorn processes and, on PostgreSQL, by the
    database's backends: unlike wall time, hardly changed by other work on the machine."""

    def __init__(self, server, database: str = ""):
        self.server, self.database = server, database
        self.start: dict[int, float] = {}

    def pids(self) -> set[int]:
        from django.db import connection

        pid = self.server.pid
        found = {pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())}
        if self.database:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s"
                    " AND pid <> pg_backend_pid()",
                    [self.database],
                )
                found |= {pid for (pid,) in cursor.fetchall()}
        return found

    @staticmethod
    def cpu(pid: int) -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone
            return 0.0
        return (int(fields[11]) + int(fields[12])) / CLOCK  # utime + stime

    def __enter__(self):
        self.start = {pid: self.cpu(pid) for pid in self.pids()}
        return self

    def __exit__(self, *exc):
        now = {pid: self.cpu(pid) or self.start.get(pid, 0.0) for pid in self.pids()}
        self.seconds = sum(cpu - self.start.get(pid, 0.0) for pid, cpu in now.items())


def filters(rng: random.Random) -> dict[str, tuple[str, dict]]:
    """One query of each kind, for a learner, a page and a registration picked at random."""
    agent = {"account": {"homePage": "https://b.test", "name": f"p{rng.randrange(LEARNERS)}"}}
    module, page = rng.randrange(MODULES), rng.randrange(PAGES)
    return {
        "agent": ("limit 10", {"agent": json.dumps(agent), "limit": "10"}),
        "activity": (
            "limit 25",
            {"activity": f"https://b.test/modules/m{module}/pages/{page}", "limit": "25"},
        ),
        "registration": (
            "limit 5",
            {"registration": str(uuid.UUID(int=rng.randrange(REGISTRATIONS))), "limit": "5"},
        ),
    }


def get(http: httpx.Client, url: str) -> httpx.Response:
    try:
        return http.get(url)
    except httpx.RemoteProtocolError:  # a kept-alive connection closed as we sent (see ingest)
        return http.get(url)


def query_times(port: int, auth: dict, count: int) -> dict[str, tuple[str, list, list]]:
    """``count`` first pages of each kind of query and, where there is one, the page its
    ``more`` link leads to; milliseconds per request, as the client sees them."""
    rng = random.Random(14)
    times: dict[str, tuple[str, list, list]] = {}
    with httpx.Client(headers=auth, timeout=60) as http:
        base = f"http://127.0.0.1:{port}"
        for _ in range(count):
            for kind, (label, params) in filters(rng).items():
                _, firsts, mores = times.setdefault(kind, (label, [], []))
                url = f"{base}/xapi/statements?" + "&".join(
                    f"{k}={quote(v)}" for k, v in params.items()
                )
                started = time.perf_counter()
                response = get(http, url)
                firsts.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (response.status_code, response.text[:300])
                more = response.json()["more"]
                if more:
                    started = time.perf_counter()
                    response = get(http, base + more)
                    mores.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, response.text[:300]
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def print_queries(times: dict) -> list[float]:
    worst = []
    for kind, (label, firsts, mores) in times.items():
        both = firsts + mores
        worst.append(p95(both))
        print(
            f"    GET by {kind:<12} ({label}, {len(firsts)} first pages + {len(mores)} more):"
            f" p50 {statistics.median(both):5.1f} ms, p95 {p95(both):5.1f} ms"
            f" (target p95 <= {P95_TARGET_MS} ms: {verdict(p95(both) <= P95_TARGET_MS)})"
        )
    return worst


def explain(rng_seed: int = 14) -> None:
    """The plans of the page queries behind each filter, as the database runs them."""
    from dataclasses import replace

    from django.db import connection
    from django.db.models import Max

    from tracking.lrs import query, read
    from tracking.models import Statement

    rng = random.Random(rng_seed)
    analyze = connection.vendor == "postgresql"
    through = Statement.objects.aggregate(m=Max("seq"))["m"]
    for kind, (_, params) in filters(rng).items():
        q = replace(query.parse(params), through_seq=through)
        for n, queryset in enumerate(read.page_querysets(q), start=1):
            print(f"  plan of the {kind} query, part {n}:")
            plan = queryset.explain(analyze=True) if analyze else queryset.explain()
            for line in plan.splitlines():
                print(f"    {line}")


class NewStore:
    """A second store, kept new (emptied before each use), on its own gunicorn: the
    ingest into it and into the filled store are measured in turns, so that the ratio
    compares the two at the same moment of this shared machine's load."""

    CODE = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "from tracking.models import Statement\n"
        "if connection.vendor == 'postgresql':\n"
        "    connection.cursor().execute('TRUNCATE tracking_statement')\n"
        "else:\n"
        "    Statement.objects.all().delete(); connection.cursor().execute('VACUUM')\n"
    )

    def __init__(self, workers: int):
        from django.db import connection

        self.env = {"VAR_DIR": tempfile.mkdtemp(prefix="bench-lrs-new-")}
        if connection.vendor == "postgresql":
            url = urlsplit(os.environ["DATABASE_URL"])
            name = url.path.lstrip("/") + "_new"
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute(f'CREATE DATABASE "{name}"')
            self.env["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{name}"))
            self.database = name
        self.manage("migrate", "--noinput", "-v", "0")
        out = self.manage("create_lrs_client", "bench-new")
        key, secret = (line.split("=", 1)[1] for line in out.splitlines()[:2])
        self.auth = headers(key, secret)
        self.port = free_port()
        self.server = start_gunicorn(self.port, workers=workers, env=self.env)
        self.meter = Meter(self.server, getattr(self, "database", ""))

    def manage(self, *args: str) -> str:
        return self._run([str(ROOT / "manage.py"), *args])

    def _run(self, args: list[str]) -> str:
        env = {**os.environ, **self.env}
        done = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def empty(self) -> None:
        self._run(["-c", self.CODE])

    def close(self) -> None:
        from django.db import connection

        stop(self.server)
        shutil.rmtree(self.env["VAR_DIR"], ignore_errors=True)
        if "DATABASE_URL" in self.env:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def sizes(target: int) -> list[int]:
    return sorted({s for s in (100_000, target) if s <= target})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--fill", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    var = bench_environment("bench-lrs-", XAPI_LRS_ENDPOINT="")
    key, secret = setup()
    auth = headers(key, secret)
    port = free_port()
    server = start_gunicorn(port, workers=args.workers)
    new = None
    try:
        from django.db import connection

        from tracking.models import Statement

        new = NewStore(args.workers)
        meter = Meter(server, database() == "PostgreSQL" and connection.settings_dict["NAME"])
        print(
            f"database: {database()}; {args.clients} clients, batches of 100,"
            f" gunicorn {args.workers}x4 for each store; {args.statements} statements an"
            f" ingest; a new store and the filled one in turns, median of {args.rounds}"
        )
        empty_store()
        ingest(port, auth, 400, args.clients)  # warm up the server processes
        ingest(new.port, new.auth, 400, args.clients)
        empty_store()
        worst: list[float] = []
        filled, slowdown = 0, 0.0
        for size in sizes(args.fill):
            rate = fill(filled, size, key)
            filled = size
            print(f"  (filled to {size} by INSERT … SELECT at {rate:.0f} rows/s)")
            news, fulls, new_cpu, full_cpu = [], [], [], []
            for _ in range(args.rounds):
                new.empty()
                with new.meter as cpu:
                    news.append(ingest(new.port, new.auth, args.statements, args.clients))
                new_cpu.append(cpu.seconds * 1000 / args.statements)
                # The statements of the round are taken out again, so that every round
                # meets the same store and the next size is reached by the fill alone.
                last = Statement.objects.order_by("-seq").values_list("seq", flat=True).first()
                with meter as cpu:
                    fulls.append(ingest(port, auth, args.statements, args.clients))
                full_cpu.append(cpu.seconds * 1000 / args.statements)
                Statement.objects.filter(seq__gt=last).delete()
            empty, full = statistics.median(news), statistics.median(fulls)
            slowdown = (1 - full / empty) * 100
            cpu_new, cpu_full = statistics.median(new_cpu), statistics.median(full_cpu)
            print(
                f"  into a new store:    {empty:6.0f} statements/s"
                f" (target >= {INGEST_TARGET}: {verdict(empty >= INGEST_TARGET)});"
                f" CPU {cpu_new:.2f} ms a statement"
            )
            print(
                f"  with {size:>7} stored: {full:6.0f} statements/s"
                f" (target >= {INGEST_TARGET}: {verdict(full >= INGEST_TARGET)});"
                f" CPU {cpu_full:.2f} ms a statement"
            )
            print(
                f"  slowdown with {size} stored: {slowdown:.1f} %"
                f" (target <= {SLOWDOWN_TARGET} %: {verdict(slowdown <= SLOWDOWN_TARGET)});"
                f" CPU a statement {(cpu_full / cpu_new - 1) * 100:+.1f} %"
            )
            with meter as cpu:
                times = query_times(port, auth, args.queries)
            worst = print_queries(times)
            requests = sum(len(firsts) + len(mores) for _, firsts, mores in times.values())
            print(f"    CPU per GET (server and database): {cpu.seconds * 1000 / requests:.1f} ms")
        print(
            f"  slowdown from a new store to {filled}: {slowdown:.1f} %"
            f" (target <= {SLOWDOWN_TARGET} %: {verdict(slowdown <= SLOWDOWN_TARGET)})"
        )
        print(
            f"  worst filtered GET p95 at {filled}: {max(worst):.1f} ms"
            f" (target <= {P95_TARGET_MS} ms: {verdict(max(worst) <= P95_TARGET_MS)})"
        )
        if args.explain:
            explain()
    finally:
        stop(server)
        if new:
            new.close()
        shutil.rmtree(var, ignore_errors=True)  # on SQLite the store itself, a GB at 1M


if __name__ == "__main__":
    main()
