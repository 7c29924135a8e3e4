"""Benchmark: what logging in costs with the password hasher the site ships.

Prints
  * the CPU time of one password check with each hasher in question (this process,
    median of several): Django's PBKDF2 (1,000,000 iterations, what the site shipped
    before), the Argon2id the site ships, and Django's own Argon2 defaults;
  * logins per second through gunicorn (gthread, as in production): the log-in form
    posted by ``--concurrency`` clients at once for ``--seconds``, median of ``--rounds``,
    and that per core (the machine's cores, all of them busy);
  * a login storm: ``--storm`` learners (500) each opening the log-in page and logging
    in, spread evenly over ``--storm-seconds`` (60), every one from an address of its own
    (the rate limits count per address, as behind the proxy): p50/p95/p99 of the whole
    login, errors, and the server's CPU seconds for it.
With ``--old-hashes`` the learners' passwords are PBKDF2 hashes, as on the first day
after the upgrade: every login also redoes its hash with Argon2id.

Usage:  .venv/bin/python bench/logins.py [--seconds 10] [--rounds 3] [--concurrency 8]
        [--storm 500] [--storm-seconds 60] [--old-hashes]
With DATABASE_URL set it runs on that database (tables are created in it).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from common import bench_environment, free_port, process_cpu_seconds, start_gunicorn, stop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = bench_environment(
    "bench-logins-",
    ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    TRUSTED_CLIENT_IP_HEADER="X-Real-IP",
)
PASSWORD = "en-lang-nok-passordfrase-for-benk"  # noqa: S105 - a benchmark's made-up users
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def hasher_cpu(repeat: int = 5) -> list[tuple[str, float]]:
    from django.contrib.auth.hashers import (
        Argon2PasswordHasher,
        PBKDF2PasswordHasher,
        get_hasher,
    )

    out = []
    for name, hasher in (
        (f"PBKDF2-SHA256, {PBKDF2PasswordHasher.iterations:,} iterations", PBKDF2PasswordHasher()),
        ("Argon2id as shipped (19 MiB, 3 passes, 1 lane)", get_hasher("default")),
        ("Argon2id, Django's defaults (100 MiB, 2 passes, 8 lanes)", Argon2PasswordHasher()),
    ):
        encoded = hasher.encode(PASSWORD, hasher.salt())
        times = []
        for _ in range(repeat):
            started = time.process_time()
            assert hasher.verify(PASSWORD, encoded)
            times.append(time.process_time() - started)
        out.append((name, statistics.median(times)))
    return out


def setup(users: int, old_hashes: bool) -> list[str]:
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
    from django.core.management import call_command

    from accounts.models import User

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    # One hash for all (made once: a million PBKDF2 iterations each would take minutes).
    if old_hashes:
        hasher = PBKDF2PasswordHasher()
        encoded = hasher.encode(PASSWORD, hasher.salt())
    else:
        encoded = make_password(PASSWORD)
    emails = [f"learner{n}@example.test" for n in range(users)]
    made = User.objects.bulk_create(
        [User(email=e, password=encoded, roles=["union_rep"]) for e in emails]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in made]
    )
    return emails


def login(base: str, email: str, address: str) -> tuple[bool, float]:
    """Open the log-in page, post the form: (logged in, seconds)."""
    started = time.perf_counter()
    headers = {"X-Real-IP": address}
    try:
        with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
            page = client.get("/accounts/login/")
            token = TOKEN_RE.search(page.text)[1]
            response = client.post(
                "/accounts/login/",
                data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
                headers={"Referer": f"{base}/accounts/login/"},
            )
            ok = response.status_code == 302 and "sessionid" in client.cookies
    except (httpx.HTTPError, TypeError):
        ok = False
    return ok, time.perf_counter() - started


def address(n: int) -> str:
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255 or 1}"


def post_logins(port: int, email: str, seconds: int, concurrency: int) -> tuple[float, int]:
    """Logins per second with wrk, and how many failed: the same learner, each post from
    another address."""
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        page = client.get("/accounts/login/")
        token = TOKEN_RE.search(page.text)[1]
        csrf = client.cookies["csrftoken"]
    body = f"login={email}&password={PASSWORD}&csrfmiddlewaretoken={token}"
    script = Path(tempfile.mkdtemp(prefix="bench-wrk-")) / "login.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {body!r}\n"
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = "csrftoken={csrf}"\n'
        f'wrk.headers["Referer"] = "http://127.0.0.1:{port}/accounts/login/"\n'
        "local threads = {}\n"
        "setup = function(thread) table.insert(threads, thread) end\n"
        "init = function(args) failed = 0 end\n"
        "request = function()\n"
        '  wrk.headers["X-Real-IP"] = "10." .. math.random(0, 255) .. "." ..\n'
        '    math.random(0, 255) .. "." .. math.random(1, 254)\n'
        "  return wrk.format()\n"
        "end\n"
        # A login answers 302; the form shown again (200) is a failed one.
        "response = function(status, headers, body)\n"
        "  if status ~= 302 then failed = failed + 1 end\n"
        "end\n"
        "done = function(summary, latency, requests)\n"
        "  local total = 0\n"
        '  for _, t in ipairs(threads) do total = total + t:get("failed") end\n'
        '  io.write("failed " .. total .. "\\n")\n'
        "end\n"
    )
    result = subprocess.run(
        [
            shutil.which("wrk"),
            "-t2",
            f"-c{concurrency}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}/accounts/login/",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    shutil.rmtree(script.parent, ignore_errors=True)
    failed = int(re.search(r"failed (\d+)", result.stdout)[1])
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)[1]), failed


def storm(port: int, emails: list[str], seconds: float, server) -> dict:
    base = f"http://127.0.0.1:{port}"
    results: list[tuple[bool, float]] = []
    lock = threading.Lock()
    start = time.monotonic() + 0.5
    cpu_before = process_cpu_seconds(server.pid)

    def one(n: int, email: str) -> None:
        delay = start + n * seconds / len(emails) - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        outcome = login(base, email, address(n + 1))
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=one, args=(n, e)) for n, e in enumerate(emails)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - start
    cpu = process_cpu_seconds(server.pid) - cpu_before
    times = sorted(t for _ok, t in results)
    q = statistics.quantiles(times, n=100)
    return {
        "ok": sum(1 for ok, _t in results if ok),
        "errors": sum(1 for ok, _t in results if not ok),
        "p50": q[49],
        "p95": q[94],
        "p99": q[98],
        "max": times[-1],
        "took": took,
        "cpu": cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--storm", type=int, default=500)
    parser.add_argument("--storm-seconds", type=float, default=60)
    parser.add_argument("--old-hashes", action="store_true")
    args = parser.parse_args()

    emails = setup(args.storm + 1, args.old_hashes)
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    cores = os.cpu_count()
    print(f"database: {db}, {cores} cores")
    print("CPU per password check (this process, median of 5):")
    for name, cpu in hasher_cpu():
        print(f"  {name:<58} {1000 * cpu:7.1f} ms  ({1 / cpu:5.1f} per core-second)")

    port = free_port()
    server = start_gunicorn(port, workers=args.workers)
    try:
        post_logins(port, emails[-1], 2, args.concurrency)  # warm up (and upgrade its hash)
        runs, cpu_per_login = [], []
        for _ in range(args.rounds):
            cpu = process_cpu_seconds(server.pid)
            rate, failed = post_logins(port, emails[-1], args.seconds, args.concurrency)
            cpu = process_cpu_seconds(server.pid) - cpu
            runs.append((rate, failed))
            cpu_per_login.append(cpu / (rate * args.seconds))
        rate = statistics.median(r for r, _f in runs)
        failed = sum(f for _r, f in runs)
        cpu_login = statistics.median(cpu_per_login)
        result = storm(port, emails[:-1], args.storm_seconds, server)
    finally:
        stop(server)
        shutil.rmtree(VAR, ignore_errors=True)
    print(
        f"logins through gunicorn ({args.workers} workers x 4 threads, {args.concurrency} "
        f"connections, wrk, median of {args.rounds} x {args.seconds} s):"
    )
    print(f"  measured: {rate:.1f} logins/s, {rate / cores:.1f} per core, failed {failed}")
    # The machine may be shared: the server's own CPU per login says what the cores can do.
    capacity = cores / cpu_login
    print(
        f"  server CPU per login {1000 * cpu_login:.0f} ms: {1 / cpu_login:.1f} logins/s per "
        f"core, {capacity:.1f} on {cores} cores "
        f"(target >= 15 on 2 cores: {'met' if capacity >= 15 and not failed else 'MISSED'})"
    )
    hashes = "PBKDF2 hashes, redone with Argon2id" if args.old_hashes else "Argon2id hashes"
    print(
        f"login storm: {args.storm} learners ({hashes}), each GET + POST of the log-in form, "
        f"spread over {args.storm_seconds:.0f} s:"
    )
    print(
        f"  logged in {result['ok']}, errors {result['errors']}, "
        f"p50 {1000 * result['p50']:.0f} ms, p95 {1000 * result['p95']:.0f} ms, "
        f"p99 {1000 * result['p99']:.0f} ms, max {1000 * result['max']:.0f} ms, "
        f"done in {result['took']:.1f} s"
    )
    print(
        f"  server CPU {result['cpu']:.1f} s = {1000 * result['cpu'] / args.storm:.0f} ms per "
        f"login, {100 * result['cpu'] / (result['took'] * cores):.0f} % of {cores} cores "
        "over the storm"
    )


if __name__ == "__main__":
    main()
