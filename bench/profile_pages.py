"""Profile the learner pages in process (Django's test client through the whole middleware
stack, production settings): where a request's time goes, per page.

Prints, for the module page, the quiz page, the open attempt's questions and the team
page: the time per request (wall clock and this process's CPU) and the functions with the most
CPU time of their own and in all (cProfile; the profiler slows everything down alike).

Usage:  .venv/bin/python bench/profile_pages.py [--requests 300] [--top 25] [--page team]
        [--tree]  (a call tree instead, from pyinstrument if it is installed)
With DATABASE_URL (and CACHE_URL) set it runs on that database and cache.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

from common import bench_environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = bench_environment("bench-profile-", ALLOWED_HOSTS="127.0.0.1,localhost,testserver")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--page", choices=["page", "quiz", "attempt", "team"], action="append")
    parser.add_argument("--dump", help="also write the profiles to DUMP-<page>.pstats")
    parser.add_argument(
        "--tree", action="store_true", help="a call tree from pyinstrument (pip install it)"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from pagedata import import_bench_content, learner_pages

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    import_bench_content(VAR)
    learner = learner_pages()
    client = Client()
    client.force_login(learner.user)
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"database: {db}, cache: {os.environ.get('CACHE_URL') or 'files under var/'}")
    for name in args.page or ["page", "quiz", "attempt", "team"]:
        url = getattr(learner, name)
        for _ in range(20):  # warm caches and connections as in service
            assert client.get(url).status_code == 200
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.requests):
            client.get(url)
        plain = (time.perf_counter() - started) / args.requests
        cpu = (time.process_time() - cpu) / args.requests
        # CPU time of this process: waiting for the database is not counted, its work is
        # the database's (on the same cores in production, so it is counted apart).
        if args.tree:
            print(f"\n=== {name} {url}: {1000 * plain:.2f} ms, {1000 * cpu:.2f} ms CPU")
            print(_tree(client, url, args.requests))
            continue
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.requests):
            client.get(url)
        profiler.disable()
        if args.dump:
            profiler.dump_stats(f"{args.dump}-{name}.pstats")
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs()
        print(
            f"\n=== {name} {url}: {1000 * plain:.2f} ms per request, {1000 * cpu:.2f} ms "
            "of it this process's CPU (without the profiler)"
        )
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top)
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


def _tree(client, url, requests) -> str:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0002)
    with profiler:
        for _ in range(requests):
            client.get(url)
    return profiler.output_text(unicode=False, color=False, show_all=False)


if __name__ == "__main__":
    main()
