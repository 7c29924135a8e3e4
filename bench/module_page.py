"""Benchmark: a module page as a logged-in learner, next to a bare Django view.

Prints, for a logged-in learner (bench/pagedata.py):
  * database queries per module page view, for the starter module and for a generated
    60-page module (the count must not grow with the module's length), and per view of
    the quiz page, an open attempt's questions and the team page;
  * requests per second of each of those pages and of two bare views (``/bench/bare``,
    and ``/bench/bare-auth``, which loads the session and the user), all served by the
    same gunicorn (gthread workers, as in production) in interleaved rounds, each page as
    a share of the bare views, next to its target (module page >= 70 % of the
    session-aware bare view, quiz pages and team page >= 50 %).

Usage:  .venv/bin/python bench/module_page.py [--seconds 10] [--rounds 3] [--concurrency 8]
Uses ``wrk`` when it is installed (apt-get install wrk), else a Python load generator.
With DATABASE_URL set it runs on that database (tables are created in it), with
CACHE_URL on that cache (sessions then cached_db, as in production).
"""

import argparse
import http.client
import multiprocessing as mp
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import bench_environment, free_port, start_gunicorn, stop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = bench_environment(
    "bench-var-", BENCHMARK_VIEWS="1", ALLOWED_HOSTS="127.0.0.1,localhost,testserver"
)


def setup():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pagedata import import_bench_content, learner_pages

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    import_bench_content(VAR)
    learner = learner_pages()
    client = Client()
    client.force_login(learner.user)
    counts = {}
    for slug, enrolment in learner.enrolments.items():
        n = enrolment.version.page_count
        client.get(f"/learn/{enrolment.pk}/page/1/")  # warms the version cache, as in service
        with CaptureQueriesContext(connection) as first:  # a page not seen before: one write
            response = client.get(f"/learn/{enrolment.pk}/page/3/")
        assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as again:  # the same page again: reads only
            client.get(f"/learn/{enrolment.pk}/page/3/")
        counts[slug] = (n, len(again.captured_queries), len(first.captured_queries))
    for name in ("quiz", "attempt", "team"):
        client.get(getattr(learner, name))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(getattr(learner, name)).status_code == 200
        counts[name] = len(queries.captured_queries)
    # A browser keeps the CSRF cookie the first page set; so does the load generator.
    jar = client.cookies
    cookie = f"sessionid={jar['sessionid'].value}; csrftoken={jar['csrftoken'].value}"
    return counts, learner, cookie


def _worker(port, path, cookie, deadline, out):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    done = errors = 0
    headers = {"Cookie": cookie, "Connection": "keep-alive"}
    while time.monotonic() < deadline:
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    out.put((done, errors))


def load(port, path, cookie, seconds, concurrency) -> tuple[float, int]:
    wrk = shutil.which("wrk")
    if wrk:
        result = subprocess.run(
            [
                wrk,
                "-t2",
                f"-c{concurrency}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-H",
                f"Cookie: {cookie}",
                f"http://127.0.0.1:{port}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)[1])
        if not rps:
            print(f"{path}: no request answered in {seconds} s\n{result.stdout}", file=sys.stderr)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
        return rps, int(errors[1]) if errors else 0
    out = mp.Queue()
    deadline = time.monotonic() + seconds
    procs = [
        mp.Process(target=_worker, args=(port, path, cookie, deadline, out))
        for _ in range(concurrency)
    ]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    return sum(r[0] for r in results) / seconds, sum(r[1] for r in results)


# What each page must reach, as a share of the bare view that loads session and user.
TARGETS = {"page": 0.70, "quiz": 0.50, "attempt": 0.50, "team": 0.50}
LABELS = {
    "bare": "bare Django view",
    "auth": "bare view + session and user",
    "page": "module page",
    "quiz": "quiz page (attempts, start)",
    "attempt": "quiz questions (open attempt)",
    "team": "team page (trio with a plan)",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    counts, learner, cookie = setup()
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    cache = "Redis, sessions cached_db" if os.environ.get("CACHE_URL") else "files, sessions db"
    print(f"database: {db}, cache: {cache}")
    print("queries per module page view (page seen before / first view of a page):")
    for slug in learner.enrolments:
        pages, steady, first = counts[slug]
        print(f"  {slug:<34} {pages:>3} pages: {steady} / {first}")
    print("queries per page: " + ", ".join(f"{n} {counts[n]}" for n in ("quiz", "attempt", "team")))

    paths = {
        "bare": "/bench/bare",
        "auth": "/bench/bare-auth",
        "page": learner.page,
        "quiz": learner.quiz,
        "attempt": learner.attempt,
        "team": learner.team,
    }
    port = free_port()
    server = start_gunicorn(port, workers=args.workers)
    try:
        for path in paths.values():  # warm up every page
            load(port, path, cookie, 1, args.concurrency)
        # Interleaved rounds, median of each: the machine's other load hits all alike.
        runs = {name: [] for name in paths}
        for _round in range(args.rounds):
            for name, path in paths.items():
                runs[name].append(load(port, path, cookie, args.seconds, args.concurrency))
        rps = {n: statistics.median(r for r, _e in runs[n]) for n in paths}
        errors = {n: sum(e for _r, e in runs[n]) for n in paths}
    finally:
        stop(server)
        shutil.rmtree(VAR, ignore_errors=True)
    tool = "wrk" if shutil.which("wrk") else "python load generator"
    print(
        f"throughput (gunicorn gthread, {args.workers} workers x 4 threads, "
        f"{args.concurrency} connections, {tool}, median of {args.rounds} x {args.seconds} s):"
    )
    print(f"  {'':<32} {'req/s':>8}  {'of bare':>7}  {'of bare+session':>15}  target")
    for name in paths:
        share = rps[name] / rps["auth"]
        target = TARGETS.get(name)
        met = target and share >= target and not errors[name]
        verdict = f">= {100 * target:.0f} %: {'met' if met else 'MISSED'}" if target else ""
        print(
            f"  {LABELS[name]:<32} {rps[name]:8.1f}  {100 * rps[name] / rps['bare']:6.1f} %"
            f"  {100 * share:14.1f} %  {verdict}"
            + (f"  (errors {errors[name]})" if errors[name] else "")
        )


if __name__ == "__main__":
    main()
