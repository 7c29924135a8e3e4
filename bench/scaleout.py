"""Scale-out, simulated on one machine: two web servers behind a load balancer.

Starts two gunicorn processes on two ports and HAProxy in front (round robin, no
stickiness), all sharing one PostgreSQL database and one Redis cache, and checks that
nothing depends on which server answers:

  * sessions: log in through one server, use the site through the other (and through the
    balancer, whichever server answers);
  * login rate limits: wrong passwords through both servers add up (the cache is shared);
  * uploads: a statement with an attachment posted to one server is served, with its
    attachment, by the other;
  * the LRS's ``more`` links: a page from one server continues on the other.

Then it puts load on the balancer (a logged-in learner's module page, LRS batches, LRS
queries) and measures the CPU time per request of the web processes and of PostgreSQL's
backends serving them, and works out how many web processes one PostgreSQL core keeps up
with. Prints a pass/fail line per check and the figures.

Usage:  DATABASE_URL=postgres://…/h_db CACHE_URL=redis://127.0.0.1:6379/N \\
            .venv/bin/python bench/scaleout.py [--seconds 10] [--concurrency 8]

Skips (exit 0, with the reason) without HAProxy (apt-get install haproxy) or without a
PostgreSQL DATABASE_URL and a Redis CACHE_URL: the point is what the servers share.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from base64 import b64encode
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_environment, free_port, start_gunicorn, stop  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "Scale-out bench 2026!"  # noqa: S105 - a throw-away account in a bench database
BOUNDARY = "scaleout-boundary-7d1f"
CLOCK = os.sysconf("SC_CLK_TCK")


def skip_reason() -> str:
    if not shutil.which("haproxy"):
        return "HAProxy is not installed (apt-get install -y haproxy)"
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return "DATABASE_URL must name a PostgreSQL database the two servers share"
    if not os.environ.get("CACHE_URL", "").startswith("redis"):
        return "CACHE_URL must name a Redis database the two servers share"
    return ""


def setup() -> dict:
    """Tables, content, a learner with an enrolment, and an LRS client."""
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.core.cache import cache
    from django.core.management import call_command

    from accounts.models import User
    from modules.actions import enrol_learner, import_content
    from modules.models import Industry, ModuleVersion
    from modules.sources.loader import load_content
    from tracking.actions import create_lrs_client

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    cache.clear()
    tree, problems = load_content(ROOT / "modules" / "content")
    assert not problems, problems.sorted()
    import_content(tree)
    users = {}
    for name in ("session", "limited", "load"):
        email = f"scaleout-{name}-{uuid.uuid4().hex[:6]}@example.test"
        user = User.objects.create_user(email=email, password=PASSWORD, roles=["union_rep"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        users[name] = user
    version = ModuleVersion.objects.filter(is_current=True).order_by("module__slug").first()
    enrolment = enrol_learner(
        users["load"], version, Industry.objects.order_by("slug").first(), "union_rep"
    )
    client, secret = create_lrs_client(f"scaleout-{uuid.uuid4().hex[:6]}")
    return {
        "emails": {name: user.email for name, user in users.items()},
        "page": f"/learn/{enrolment.pk}/page/2/",
        "lrs": {
            "Authorization": "Basic " + b64encode(f"{client.key}:{secret}".encode()).decode(),
            "X-Experience-API-Version": "1.0.3",
        },
    }


HAPROXY = """global
    maxconn 512
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    option forwardfor
frontend web
    bind 127.0.0.1:{front}
    default_backend servers
backend servers
    balance roundrobin
    http-response set-header X-Served-By %s
    server a 127.0.0.1:{a} check inter 2s
    server b 127.0.0.1:{b} check inter 2s
"""


def start_haproxy(folder: Path, front: int, a: int, b: int) -> subprocess.Popen:
    config = folder / "haproxy.cfg"
    config.write_text(HAPROXY.format(front=front, a=a, b=b))
    proxy = subprocess.Popen(["haproxy", "-db", "-f", str(config)])  # noqa: S607 - from PATH
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{front}/healthz", timeout=1)
            return proxy
        except httpx.HTTPError:
            time.sleep(0.1)
    proxy.terminate()
    raise RuntimeError("haproxy did not start")


def login(http: httpx.Client, base: str, email: str, password: str, via: str = "") -> bool:
    """Log in by the form, as a browser does: the form from ``base``, the POST to ``via``
    (or ``base``). True when the site logged the person in (a redirect away from it)."""
    return _login(http, base, email, password, via).status_code == 302


def _login(http, base, email, password, via=""):
    page = http.get(f"{base}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if token is None:  # already logged in (a redirect), or an error
        return page
    token = token[1]
    return http.post(
        f"{via or base}/accounts/login/",
        data={"login": email, "password": password, "csrfmiddlewaretoken": token},
    )


def logged_in(http: httpx.Client, base: str) -> tuple[bool, str]:
    response = http.get(f"{base}/accounts/profile/")
    return response.status_code == 200, response.headers.get("X-Served-By", "")


def check_sessions(urls: dict, emails: dict) -> tuple[bool, str]:
    """The login form from a, posted to b (CSRF), then the profile page on b, on a and
    four times through the balancer."""
    with httpx.Client(timeout=30) as http:
        entered = login(http, urls["a"], emails["session"], PASSWORD, via=urls["b"])
        direct = [logged_in(http, urls[name])[0] for name in ("b", "a")]
        served = [logged_in(http, urls["lb"]) for _ in range(4)]
    detail = f"logged in {entered}; profile on b, a {direct}; through the balancer {served}"
    return entered and all(direct) and set(served) == {(True, "a"), (True, "b")}, detail


def check_rate_limits(urls: dict, emails: dict) -> tuple[bool, str]:
    """Five wrong passwords for an account, three to a and two to b, then the right one
    to each: refused (allauth allows 5 failures in 5 minutes for a login). Every request
    carries the balancer's Host, as it would behind one: allauth's count is per site
    (the host) and login."""
    host = {"Host": urls["lb"].removeprefix("http://")}
    statuses = []
    for name in ("a", "b", "a", "b", "a"):
        with httpx.Client(timeout=60, headers=host) as http:
            response = _login(http, urls[name], emails["limited"], "wrong password")
            statuses.append(f"{name} {response.status_code}")
    right = []
    for name in ("a", "b", "lb"):
        with httpx.Client(timeout=60, headers=host) as http:
            right.append(_login(http, urls[name], emails["limited"], PASSWORD))
    refused = [r.status_code == 200 and "sessionid" not in r.cookies for r in right]
    detail = (
        f"wrong passwords: {', '.join(statuses)}; the right one then"
        f" {[r.status_code for r in right]} on a, b and the balancer (200: refused)"
    )
    return all(refused) and all(s.endswith("200") for s in statuses), detail


def statement(n: int, **extra) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": "https://scale.test", "name": f"learner{n % 50}"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": f"https://scale.test/pages/{n % 7}"},
        **extra,
    }


def check_uploads(urls: dict, lrs: dict) -> tuple[bool, str]:
    content = os.urandom(4096) + b"\r\n--not-the-boundary\r\n"
    sha2 = hashlib.sha256(content).hexdigest()
    attachment = {
        "usageType": "https://scale.test/attachments/evidence",
        "display": {"en": "Evidence"},
        "contentType": "application/octet-stream",
        "length": len(content),
        "sha2": sha2,
    }
    posted = statement(0, attachments=[attachment])
    dash = b"--" + BOUNDARY.encode()
    first = b"Content-Type: application/json\r\n\r\n" + json.dumps(posted).encode()
    second = (
        b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n"
        b"X-Experience-API-Hash: " + sha2.encode() + b"\r\n\r\n" + content
    )
    body = dash + b"\r\n" + first + b"\r\n" + dash + b"\r\n" + second + b"\r\n" + dash + b"--\r\n"
    headers = {**lrs, "Content-Type": f"multipart/mixed; boundary={BOUNDARY}"}
    stored = httpx.post(f"{urls['a']}/xapi/statements", content=body, headers=headers, timeout=30)
    served = httpx.get(
        f"{urls['b']}/xapi/statements",
        params={"statementId": posted["id"], "attachments": "true"},
        headers=lrs,
        timeout=30,
    )
    detail = (
        f"POST to a {stored.status_code}, GET from b {served.status_code}"
        f" {served.headers.get('Content-Type', '').split(';')[0]}"
    )
    return (
        stored.status_code == 200
        and served.status_code == 200
        and served.headers["Content-Type"].startswith("multipart/mixed")
        and content in served.content
    ), detail


def check_more_links(urls: dict, lrs: dict) -> tuple[bool, str]:
    """30 statements of one learner; pages of 10 from a, then b, then the balancer."""
    actor = {"account": {"homePage": "https://scale.test", "name": f"more-{uuid.uuid4().hex}"}}
    batch = [{**statement(n), "actor": actor} for n in range(30)]
    headers = {**lrs, "Content-Type": "application/json"}
    posted = httpx.post(f"{urls['a']}/xapi/statements", json=batch, headers=headers, timeout=30)
    seen, path, statuses = [], f"/xapi/statements?limit=10&agent={json.dumps(actor)}", []
    for server in ("a", "b", "lb", "a"):
        if not path:
            break
        response = httpx.get(urls[server] + path, headers=lrs, timeout=30)
        statuses.append(response.status_code)
        if response.status_code != 200:
            break
        page = response.json()
        seen += [s["id"] for s in page["statements"]]
        path = page["more"]
    expected = [s["id"] for s in reversed(batch)]
    detail = f"pages from a, b, the balancer: {statuses}, {len(seen)} of 30 statements in order"
    return posted.status_code == 200 and seen == expected and path == "", detail


# --- load and CPU time -----------------------------------------------------------------


def cpu_seconds(pids) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK


def web_pids(servers) -> list[int]:
    pids = []
    for server in servers:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        pids += [server.pid, *map(int, children)]
    return pids


def database_pids() -> list[int]:
    """The PostgreSQL backends connected to our database (the servers', the bench's)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        return [pid for (pid,) in cursor.fetchall()]


def drive(url: str, make_request, seconds: float, concurrency: int) -> tuple[int, int]:
    done, errors = [0], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(n):
        with httpx.Client(timeout=30) as http:
            i = 0
            while time.monotonic() < deadline:
                try:
                    ok = make_request(http, url, n * 1_000_000 + i)
                except httpx.HTTPError:
                    ok = False
                i += 1
                with lock:
                    done[0] += ok
                    errors[0] += not ok

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0], errors[0]


def load_kinds(state: dict, cookie: str) -> dict:
    lrs = state["lrs"]

    def page(http, url, n):
        response = http.get(url + state["page"], cookies={"sessionid": cookie})
        return response.status_code == 200

    def post_batch(http, url, n):
        body = [statement(n * 10 + i) for i in range(10)]
        response = http.post(url + "/xapi/statements", json=body, headers=lrs)
        return response.status_code == 200

    def query(http, url, n):
        actor = {"account": {"homePage": "https://scale.test", "name": f"learner{n % 50}"}}
        params = {"agent": json.dumps(actor), "limit": "10"}
        response = http.get(url + "/xapi/statements", params=params, headers=lrs)
        return response.status_code == 200

    return {
        "module page (logged in)": page,
        "LRS POST, batch of 10": post_batch,
        "LRS GET by agent, 10": query,
    }


def measure(urls, servers, state, seconds, concurrency) -> list[tuple]:
    with httpx.Client(timeout=30) as http:
        assert login(http, urls["lb"], state["emails"]["load"], PASSWORD)
        cookie = http.cookies["sessionid"]
    rows = []
    for name, make_request in load_kinds(state, cookie).items():
        drive(urls["lb"], make_request, 2, concurrency)  # every thread has its connection
        web, db = web_pids(servers), database_pids()
        web_before, db_before = cpu_seconds(web), cpu_seconds(db)
        started = time.monotonic()
        done, errors = drive(urls["lb"], make_request, seconds, concurrency)
        elapsed = time.monotonic() - started
        db_now = database_pids()
        web_cpu = cpu_seconds(web) - web_before
        # Backends that connected during the run count whole.
        db_cpu = cpu_seconds(db) - db_before + cpu_seconds(set(db_now) - set(db))
        rows.append((name, done, errors, done / elapsed, web_cpu, db_cpu))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--checks-only", action="store_true", help="skip the load")
    args = parser.parse_args()
    reason = skip_reason()
    if reason:
        print(f"scale-out bench skipped: {reason}")
        return
    var = bench_environment(
        "bench-scaleout-",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        TRUSTED_PROXY_COUNT="1",
        XAPI_LRS_ENDPOINT="",
        XAPI_ACTOR_HOMEPAGE=os.environ.get("XAPI_ACTOR_HOMEPAGE", "http://127.0.0.1:8000"),
    )
    state = setup()
    ports = {"a": free_port(), "b": free_port(), "lb": free_port()}
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    servers, proxy = [], None
    try:
        servers = [start_gunicorn(ports[name], workers=1) for name in ("a", "b")]
        proxy = start_haproxy(Path(tempfile.mkdtemp(dir=var)), ports["lb"], ports["a"], ports["b"])
        print("two gunicorn servers (1 worker x 4 threads each) behind HAProxy, round robin;")
        print("one PostgreSQL database and one Redis cache shared")
        checks = {
            "sessions: log in through one server, use the other": check_sessions(
                urls, state["emails"]
            ),
            "login rate limits add up across servers": check_rate_limits(urls, state["emails"]),
            "an attachment posted to one server is served by the other": check_uploads(
                urls, state["lrs"]
            ),
            "LRS 'more' links continue on another server": check_more_links(urls, state["lrs"]),
        }
        for name, (ok, detail) in checks.items():
            print(f"  {'pass' if ok else 'FAIL'}  {name} ({detail})")
        failed = not all(ok for ok, _detail in checks.values())
        if args.checks_only:
            sys.exit(1 if failed else 0)
        print(
            f"load through the balancer, {args.concurrency} connections,"
            f" {args.seconds:.0f} s per kind; CPU seconds per request:"
        )
        for name, done, errors, rate, web_cpu, db_cpu in measure(
            urls, servers, state, args.seconds, args.concurrency
        ):
            web_ms, db_ms = 1000 * web_cpu / done, 1000 * db_cpu / done
            print(
                f"  {name:<24} {rate:6.1f} req/s, errors {errors}; web {web_ms:5.2f} ms,"
                f" PostgreSQL {db_ms:5.2f} ms; one PostgreSQL core keeps up with"
                f" {web_ms / db_ms:4.1f} busy web processes ({1000 / db_ms:5.0f} req/s)"
            )
        if failed:
            sys.exit(1)
    finally:
        for process in [proxy, *servers] if proxy else servers:
            stop(process)
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
