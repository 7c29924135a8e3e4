"""Benchmark: logged-in learners on gunicorn + a Celery worker + PostgreSQL, and how many
of them a GB of memory carries.

Learners are made beforehand, in workplace trios (three learners to a team, each
enrolled in the starter module), and logged in in bulk (their sessions written
directly, as a login would). Each learner (a thread with its own HTTP client and
cookies) then, until the time is up: reads the module's pages in order, and on some
turns opens the quiz, starts an attempt and submits answers, or opens the team page,
waiting a think time (exponential, mean ``--think``) between requests.

Prints requests/s, p50/p95/p99 and errors per kind of request and in all; the memory of
the web processes (gunicorn), the worker (celery) and PostgreSQL (the postmaster, its
helpers and the connections to this database), each as RSS and PSS (from /proc); and
the concurrent learners per GB at a 30 s think time: the requests per second served,
times the 30 s each learner waits between requests (Little's law), over that memory.
Targets: 0 errors, p95 < 300 ms, >= 10,000 learners per GB.

Usage:  DATABASE_URL=postgres://... CELERY_BROKER_URL=redis://.../N CACHE_URL=redis://.../M \\
        .venv/bin/python bench/load.py [--learners 60] [--seconds 60] [--think 0.5] [--rounds 3]
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from common import bench_environment, free_port, memory_kib, process_tree, start_gunicorn, stop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = bench_environment("bench-load-", ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE_RE = re.compile(r'name="(q-[^"]+)" value="([^"]+)"')
THINK_FOR_CAPACITY = 30.0  # seconds between a real learner's requests


def setup(learners: int) -> list[dict]:
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.management import call_command
    from pagedata import STARTER, import_bench_content

    from accounts.models import User
    from modules.models import Enrolment, Industry, ModuleVersion
    from teams.actions import accept_invitation, create_team, invite
    from teams.models import Workplace

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    import_bench_content(VAR)
    version = ModuleVersion.objects.get(module__slug=STARTER, is_current=True)
    industry = Industry.objects.get(slug="barnehage")
    password = make_password("en-lang-nok-passordfrase-for-benk")
    roles = ["leader", "safety_rep", "union_rep"]
    users = User.objects.bulk_create(
        [
            User(email=f"l{n}@example.test", password=password, roles=[roles[n % 3]])
            for n in range(learners)
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    teams = {}
    for start in range(0, learners, 3):
        trio = users[start : start + 3]
        workplace = Workplace(
            name=f"Last barnehage {start}", org_number="975312461", industry=industry, employees=18
        )
        team = create_team(workplace, ["leader"], [version], acting_user=trio[0])
        for role, user in zip(roles[1:], trio[1:], strict=False):
            token = invite(team.public_id, role, acting_user=trio[0]).token
            accept_invitation(token, acting_user=user)
        for user in trio:
            teams[user.pk] = team.public_id
    out = []
    for user in users:  # logged in in bulk: the session a login would write
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        enrolment = Enrolment.objects.get(user=user, version=version)
        out.append(
            {
                "session": session.session_key,
                "enrolment": enrolment.pk,
                "pages": version.page_count,
                "team": str(teams[user.pk]),
            }
        )
    return out


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(int)

    def add(self, kind: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if not ok:
                self.errors[kind] += 1


def learner(base, who, deadline, think, record: Recorder, seed: int) -> None:
    rng = random.Random(seed)
    cookies = {"sessionid": who["session"]}
    page = 1

    def call(kind, method, url, **kw):
        started = time.perf_counter()
        try:
            response = client.request(method, url, **kw)
            ok = response.status_code in (200, 302)
        except httpx.HTTPError:
            response, ok = None, False
        record.add(kind, time.perf_counter() - started, ok)
        return response if ok else None

    def pause():
        time.sleep(rng.expovariate(1 / think) if think else 0)

    with httpx.Client(base_url=base, cookies=cookies, timeout=30) as client:
        while time.monotonic() < deadline:
            turn = rng.random()
            learn = f"/learn/{who['enrolment']}"
            if turn < 0.7:
                call("module page", "GET", f"{learn}/page/{page}/")
                page = page % who["pages"] + 1
            elif turn < 0.85:
                call("team page", "GET", f"/teams/{who['team']}/")
            else:
                quiz = call("quiz page", "GET", f"{learn}/quiz/")
                if quiz is None or f"{learn}/quiz/start/" not in quiz.text:
                    pause()  # passed, or no attempts left: only the page
                    continue
                token = TOKEN_RE.search(quiz.text)
                pause()
                headers = {"Referer": f"{base}{learn}/quiz/"}
                data = {"csrfmiddlewaretoken": token[1]}
                started = call(
                    "quiz start", "POST", f"{learn}/quiz/start/", data=data, headers=headers
                )
                if started is None or "location" not in started.headers:
                    pause()
                    continue
                attempt_url = started.headers["location"]
                pause()
                form = call("quiz questions", "GET", attempt_url)
                if form is None:
                    continue
                answers = {}
                for name, value in CHOICE_RE.findall(form.text):
                    answers.setdefault(name, [value])  # the first choice of each question
                token = TOKEN_RE.search(form.text)
                pause()
                if token is not None and answers:
                    body = {"csrfmiddlewaretoken": token[1], **answers}
                    call("quiz submit", "POST", attempt_url, data=body, headers=headers)
            pause()


def memory(server, worker, database: str) -> dict:
    """(RSS, PSS) in KiB of the web processes, the worker and PostgreSQL for this database."""
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"]
    ) as conn:
        pids = [
            row[0]
            for row in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE (datname = %s OR backend_type <> "
                "'client backend') AND pid <> pg_backend_pid()",
                [database],
            )
        ]
        postmaster = int(
            Path(conn.execute("SHOW data_directory").fetchone()[0], "postmaster.pid")
            .read_text()
            .split()[0]
        )
    return {
        "web (gunicorn)": memory_kib(process_tree(server.pid)),
        "worker (celery)": memory_kib(process_tree(worker.pid)),
        "PostgreSQL": memory_kib([postmaster, *pids]),
    }


def quantiles(times: list[float]) -> tuple[float, float, float]:
    if len(times) < 2:
        return (times[0],) * 3 if times else (0.0, 0.0, 0.0)
    q = statistics.quantiles(times, n=100)
    return q[49], q[94], q[98]


def one_round(port, who, seconds, think) -> tuple[Recorder, float]:
    record = Recorder()
    base = f"http://127.0.0.1:{port}"
    start = time.monotonic()
    deadline = start + seconds
    threads = [
        threading.Thread(target=learner, args=(base, w, deadline, think, record, n))
        for n, w in enumerate(who)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return record, time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=60)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench/load.py runs on PostgreSQL: set DATABASE_URL (and CELERY_BROKER_URL).")

    who = setup(args.learners)
    from django.conf import settings

    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "lms",
            "worker",
            "--loglevel",
            "WARNING",
            "--concurrency",
            "2",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    port = free_port()
    server = start_gunicorn(port, workers=args.workers)
    rounds = []
    try:
        one_round(port, who[:6], 5, args.think)  # warm up
        for _ in range(args.rounds):
            record, took = one_round(port, who, args.seconds, args.think)
            mem = memory(server, worker, settings.DATABASES["default"]["NAME"])
            rounds.append((record, took, mem))
    finally:
        stop(server)
        worker.terminate()
        worker.wait(timeout=30)
        shutil.rmtree(VAR, ignore_errors=True)

    def total_rps(r):
        record, took, _mem = r
        return sum(len(t) for t in record.times.values()) / took

    record, took, mem = sorted(rounds, key=total_rps)[len(rounds) // 2]  # the median round
    print(
        f"{args.learners} learners, think time {args.think} s (exponential), gunicorn "
        f"{args.workers} workers x 4 threads, celery worker x 2, PostgreSQL; "
        f"median of {args.rounds} x {args.seconds} s by requests/s "
        f"(all rounds: {', '.join(f'{total_rps(r):.1f}' for r in rounds)} req/s)"
    )
    print(f"  {'request':<16} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} errors")
    everything = []
    for kind, times in sorted(record.times.items()):
        everything += times
        p50, p95, p99 = quantiles(times)
        print(
            f"  {kind:<16} {len(times) / took:7.1f} {1000 * p50:7.0f} {1000 * p95:7.0f} "
            f"{1000 * p99:7.0f} {record.errors[kind]}"
        )
    p50, p95, p99 = quantiles(everything)
    errors = sum(record.errors.values())
    rps = len(everything) / took
    print(
        f"  {'all':<16} {rps:7.1f} {1000 * p50:7.0f} {1000 * p95:7.0f} {1000 * p99:7.0f} {errors}"
    )
    rss = sum(r for r, _p in mem.values())
    pss = sum(p for _r, p in mem.values())
    print("memory at the end of the round (KiB summed over processes):")
    for name, (r, p) in mem.items():
        print(f"  {name:<18} RSS {r / 1024:7.1f} MiB   PSS {p / 1024:7.1f} MiB")
    print(f"  {'together':<18} RSS {rss / 1024:7.1f} MiB   PSS {pss / 1024:7.1f} MiB")
    learners = rps * THINK_FOR_CAPACITY
    per_gb_rss = learners / (rss / 1024 / 1024)
    per_gb_pss = learners / (pss / 1024 / 1024)
    met = errors == 0 and p95 < 0.3 and per_gb_rss >= 10_000
    print(
        f"concurrent learners at a {THINK_FOR_CAPACITY:.0f} s think time: {rps:.1f} req/s x "
        f"{THINK_FOR_CAPACITY:.0f} s = {learners:.0f}; per GB: {per_gb_rss:.0f} (RSS), "
        f"{per_gb_pss:.0f} (PSS)"
    )
    print(
        f"targets: errors 0 ({errors}), p95 < 300 ms ({1000 * p95:.0f}), >= 10,000 learners "
        f"per GB of RSS ({per_gb_rss:.0f}), ~333 req/s on 2 cores ({rps:.1f}): "
        f"{'met' if met else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
