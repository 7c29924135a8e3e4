"""Benchmark: a module page as a logged-in learner, next to a bare Django view.

Prints, for the player's page view:
  * database queries per view, for the starter module and for a generated 60-page
    module (the count must not grow with the module's length), and
  * requests per second of the page and of a bare view (``/bench/bare``), both served
    by gunicorn (gthread workers, as in production) in the same run.

Usage:  .venv/bin/python bench/module_page.py [--seconds 10] [--rounds 3] [--concurrency 8]
Uses ``wrk`` when it is installed (apt-get install wrk), else a Python load generator.
With DATABASE_URL set it runs on that database (tables are created in it).
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

from common import bench_environment, free_port, start_gunicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = bench_environment(
    "bench-var-", BENCHMARK_VIEWS="1", ALLOWED_HOSTS="127.0.0.1,localhost,testserver"
)


def make_long_module(target: Path, pages: int) -> None:
    """A copy of the content tree plus a generated module with ``pages`` pages."""
    shutil.copytree(ROOT / "modules" / "content", target)
    folder = target / "bench-long-module"
    (folder / "pages").mkdir(parents=True)
    keys = [f"p{i}" for i in range(1, pages + 1)]
    (folder / "module.yaml").write_text(
        'slug: bench-long-module\nversion: "1.0"\nlanguages: [nb, en]\n'
        "roles: [leader, safety_rep, union_rep]\nindustries: all\nminutes: 60\n"
        "title: {nb: Lang modul, en: Long module}\nsummary: {nb: Test, en: Test}\n"
        "outcomes: {nb: [Test], en: [Test]}\n"
        f"pages: [{', '.join(keys)}]\n"
    )
    body = "\n\n".join(
        f"Avsnitt {n} med **litt tekst** og [en lenke](https://example.org)." for n in range(8)
    )
    for key in keys:
        for lang in ("nb", "en"):
            (folder / "pages" / f"{key}.{lang}.md").write_text(f"# Side {key}\n\n{body}\n")


def setup():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from modules.actions import enrol_learner, import_content
    from modules.models import Industry, ModuleVersion
    from modules.sources.loader import load_content

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    content = VAR / "content"
    make_long_module(content, 60)
    tree, problems = load_content(content)
    assert not problems, problems.sorted()
    import_content(tree)
    user, _ = User.objects.get_or_create(
        email="bench@example.test", defaults={"roles": ["union_rep"]}
    )
    industry = Industry.objects.get(slug="barnehage")
    enrolments = {
        slug: enrol_learner(
            user,
            ModuleVersion.objects.get(module__slug=slug, is_current=True),
            industry,
            "union_rep",
        )
        for slug in ("arbeidsmiljo-handler-om-arbeidet", "bench-long-module")
    }
    client = Client()
    client.force_login(user)
    counts = {}
    for slug, enrolment in enrolments.items():
        n = enrolment.version.page_count
        client.get(f"/learn/{enrolment.pk}/page/1/")  # warms the version cache, as in service
        with CaptureQueriesContext(connection) as first:  # a page not seen before: one write
            response = client.get(f"/learn/{enrolment.pk}/page/2/")
        assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as again:  # the same page again: reads only
            client.get(f"/learn/{enrolment.pk}/page/2/")
        counts[slug] = (n, len(again.captured_queries), len(first.captured_queries))
    url = f"/learn/{enrolments['arbeidsmiljo-handler-om-arbeidet'].pk}/page/2/"
    return counts, url, client.cookies["sessionid"].value


def _worker(port, path, cookie, deadline, out):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    done = errors = 0
    headers = {"Cookie": f"sessionid={cookie}", "Connection": "keep-alive"}
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
                "-H",
                f"Cookie: sessionid={cookie}",
                f"http://127.0.0.1:{port}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)[1])
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    counts, page_path, cookie = setup()
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"database: {db}")
    print("queries per module page view (page seen before / first view of a page):")
    for slug, (pages, steady, first) in counts.items():
        print(f"  {slug:<34} {pages:>3} pages: {steady} / {first}")

    port = free_port()
    server = start_gunicorn(port, workers=args.workers)
    try:
        load(port, "/bench/bare", cookie, 2, args.concurrency)  # warm up both
        load(port, page_path, cookie, 2, args.concurrency)
        # Interleaved rounds, median of each: the machine's other load hits all three alike.
        runs = {"bare": [], "auth": [], "page": []}
        paths = {"bare": "/bench/bare", "auth": "/bench/bare-auth", "page": page_path}
        for _round in range(args.rounds):
            for name, path in paths.items():
                runs[name].append(load(port, path, cookie, args.seconds, args.concurrency))
        (bare, bare_err), (auth, auth_err), (page, page_err) = (
            (statistics.median(r for r, _e in runs[n]), sum(e for _r, e in runs[n]))
            for n in ("bare", "auth", "page")
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(VAR, ignore_errors=True)
    tool = "wrk" if shutil.which("wrk") else "python load generator"
    print(
        f"throughput (gunicorn gthread, {args.workers} workers x 4 threads, "
        f"{args.concurrency} connections, {tool}, median of {args.rounds} x {args.seconds} s):"
    )
    print(f"  bare Django view               {bare:8.1f} req/s  (errors {bare_err})")
    print(f"  bare view + session and user   {auth:8.1f} req/s  (errors {auth_err})")
    print(f"  module page (logged in)        {page:8.1f} req/s  (errors {page_err})")
    print(f"  module page / bare view        {100 * page / bare:8.1f} %")
    print(f"  module page / bare + session   {100 * page / auth:8.1f} %")


if __name__ == "__main__":
    main()
