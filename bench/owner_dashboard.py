"""Benchmark: the course owner's main dashboard and annual report at 10,000 and 100,000
learners, on PostgreSQL.

Builds (bulk inserts) an organisation tree (two confederations with member unions and
local branches), learners who consent to belong to a branch or a union (85 %; the rest
count only in site totals), two enrolments each with page views, completions, quiz
attempts and certificates, and workplace trios with plans, check-ins and
self-assessments. Times the main dashboard (/reports/<org>/) and the annual report
(/reports/<org>/annual/?year=…) through Django's test client as three people see them:
the owner of one member union, the owner of a whole confederation (about two thirds of
all learners) and staff (the whole site). Then adds 90,000 learners and times again.
Each figure is the median of --rounds requests after one warm-up.

Runs in a database of its own, made from DATABASE_URL's server with the name --db
(dropped and created afresh).

Usage:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
            .venv/bin/python bench/owner_dashboard.py [--db h_reporting_bench] [--rounds 7]
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_environment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODULES = 6
QUIZ_MODULES = 3
INDUSTRIES = 5
SMALL, LARGE = 10_000, 100_000
TARGET_RATIO, TARGET_MEDIAN = 3.0, 1.0


def fresh_database(name: str) -> str:
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (the benchmark makes its own database).")
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def setup(db: str) -> None:
    import django

    os.environ["DATABASE_URL"] = fresh_database(db)
    bench_environment("bench-owner-", DATABASE_URL=os.environ["DATABASE_URL"])
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def make_world():
    """Industries, modules (one page each; the first three with a quiz), organisations,
    and the three people whose views are timed."""
    from accounts.models import User
    from modules.models import Industry, Module, ModuleVersion, Page
    from organisations.models import Organisation, OwnerScope
    from quizzes.models import Quiz

    industries = [
        Industry.objects.create(slug=f"bransje-{i}", name_nb=f"Bransje {i}", name_en=f"Ind {i}")
        for i in range(INDUSTRIES)
    ]
    versions, pages, quizzes = [], [], {}
    for i in range(MODULES):
        module = Module.objects.create(slug=f"modul-{i}")
        version = ModuleVersion.objects.create(
            module=module,
            number=1,
            label="1.0",
            content_hash="x",
            title={"nb": f"Modul {i}", "en": f"Module {i}"},
            minutes=30,
            roles=["leader", "safety_rep", "union_rep"],
            all_industries=True,
            page_count=1,
            validity_months=24,
            has_quiz=i < QUIZ_MODULES,
        )
        versions.append(version)
        pages.append(Page.objects.create(version=version, order=1, key="intro"))
        if i < QUIZ_MODULES:
            quizzes[i] = Quiz.objects.create(version=version, pass_mark=70, max_attempts=3)
    kind = Organisation.Kind
    branches, unions = [], []
    confederations = []
    for c, n_unions, n_branches in ((0, 8, 4), (1, 4, 3)):
        conf = Organisation.objects.create(name=f"Hovedorganisasjon {c}", kind=kind.CONFEDERATION)
        confederations.append(conf)
        for u in range(n_unions):
            union = Organisation.objects.create(
                name=f"Forbund {c}.{u}", kind=kind.UNION, parent=conf
            )
            unions.append(union)
            for b in range(n_branches):
                branches.append(
                    Organisation.objects.create(
                        name=f"Lokallag {c}.{u}.{b}", kind=kind.BRANCH, parent=union
                    )
                )
    union_owner = User.objects.create_user("eier-forbund@bench.test", "x")
    conf_owner = User.objects.create_user("eier-hovedorg@bench.test", "x")
    staff = User.objects.create_user("stab@bench.test", "x", is_staff=True)
    OwnerScope.objects.create(user=union_owner, organisation=unions[0])
    OwnerScope.objects.create(user=conf_owner, organisation=confederations[0])
    return {
        "industries": industries,
        "versions": versions,
        "pages": pages,
        "quizzes": quizzes,
        "branches": branches,
        "unions": unions,
        "viewers": [
            ("owner of one union", union_owner, str(unions[0].public_id)),
            ("owner of a confederation", conf_owner, str(confederations[0].public_id)),
            ("staff, the whole site", staff, "site"),
        ],
    }


def add_learners(start: int, count: int, world) -> None:
    """``count`` learners numbered from ``start``, with everything the reports read."""
    import uuid

    from django.utils import timezone

    from accounts.models import User
    from certificates.models import Certificate
    from modules.models import Enrolment, PageView
    from organisations.models import Affiliation
    from quizzes.models import Attempt
    from teams.models import Assessment, CheckIn, Seat, Team, TeamFactor, Workplace

    now = timezone.now()
    roles = ("union_rep", "safety_rep", "leader")
    versions, industries = world["versions"], world["industries"]
    branches, unions = world["branches"], world["unions"]
    batch = 5000
    users = User.objects.bulk_create(
        (User(email=f"p{start + n}@bench.test", password="!") for n in range(count)),
        batch_size=batch,
    )
    affiliations = []
    for n, user in enumerate(users, start):
        share = n % 10 < 3
        if n % 20 < 15:
            org = branches[(n * 7) % len(branches)]
        elif n % 20 < 17:
            org = unions[(n * 3) % len(unions)]
        else:
            continue  # no consent: counts only in site totals
        affiliations.append(
            Affiliation(
                user=user,
                organisation=org,
                consented_at=now,
                share_name=share,
                share_name_at=now if share else None,
            )
        )
    Affiliation.objects.bulk_create(affiliations, batch_size=batch)
    enrolments = []
    for n, user in enumerate(users, start):
        for k in range(2):
            m = (n + k * 2) % MODULES
            enrolled = now - timedelta(days=(n * 13 + k * 101) % 1000)
            done = enrolled + timedelta(days=3) if (n + k) % 5 < 3 else None
            enrolments.append(
                Enrolment(
                    user=user,
                    version=versions[m],
                    industry=industries[(n // 3) % INDUSTRIES],
                    role=roles[n % 3],
                    completed_at=done,
                    last_active_at=done or enrolled,
                )
            )
    Enrolment.objects.bulk_create(enrolments, batch_size=batch)
    # auto_now_add wrote "now" into enrolled_at: spread it back over three years.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE modules_enrolment SET enrolled_at = COALESCE(completed_at, "
            "last_active_at) - interval '3 days' WHERE id >= %s",
            [enrolments[0].pk],
        )
    page_of = {v.pk: p for v, p in zip(versions, world["pages"], strict=True)}
    quiz_of = {versions[i].pk: q for i, q in world["quizzes"].items()}
    views, attempts, certificates = [], [], []
    for e in enrolments:
        if e.completed_at is not None or e.pk % 7 < 4:
            views.append(PageView(enrolment=e, page=page_of[e.version_id]))
        if e.completed_at is None:
            continue
        if e.version_id in quiz_of:
            attempts.append(
                Attempt(
                    id=uuid.uuid4(),
                    enrolment=e,
                    quiz=quiz_of[e.version_id],
                    number=1,
                    started_at=e.completed_at,
                    submitted_at=e.completed_at,
                    correct_count=6,
                    question_count=7,
                    score=86,
                    passed=True,
                )
            )
        issued = e.completed_at.date()
        certificates.append(
            Certificate(
                user_id=e.user_id,
                enrolment=e,
                module_id=e.version.module_id,
                version=e.version,
                industry=e.industry,
                holder_name="",
                language="nb",
                module_title={"nb": "Modul"},
                version_label="1.0",
                industry_names={"nb": "Bransje"},
                minutes=30,
                issued_on=issued,
                expires_on=issued + timedelta(days=730),
            )
        )
    PageView.objects.bulk_create(views, batch_size=batch)
    Attempt.objects.bulk_create(attempts, batch_size=batch)
    Certificate.objects.bulk_create(certificates, batch_size=batch)
    # A trio for every three learners among the first 30 %: seats, plans, check-ins.
    team_users = users[: (count * 3 // 10) // 3 * 3]
    workplaces = Workplace.objects.bulk_create(
        (
            Workplace(
                name=f"Arbeidsplass {start + i}", industry=industries[i % INDUSTRIES], employees=20
            )
            for i in range(len(team_users) // 3)
        ),
        batch_size=batch,
    )
    teams = Team.objects.bulk_create(
        (
            Team(workplace=w, plan_agreed_at=now if i % 2 == 0 else None)
            for i, w in enumerate(workplaces)
        ),
        batch_size=batch,
    )
    seats, factors, check_ins, assessments = [], [], [], []
    for i, team in enumerate(teams):
        members = team_users[i * 3 : i * 3 + 3]
        for role, user in zip(("leader", "safety_rep", "union_rep"), members, strict=True):
            seats.append(Seat(team=team, role=role, state="filled", user=user, joined_at=now))
        if i % 10 < 7:
            factors.append(TeamFactor(team=team, rank=1, key="arbeidsmengde"))
        if i % 2 == 0:
            check_ins.append(CheckIn(team=team, number=1, months=1, due_at=now, done_at=now))
        for user in members:
            assessments.append(
                Assessment(team=team, user=user, attention=2, insight=2, practice=2, cooperation=3)
            )
    Seat.objects.bulk_create(seats, batch_size=batch)
    TeamFactor.objects.bulk_create(factors, batch_size=batch)
    CheckIn.objects.bulk_create(check_ins, batch_size=batch)
    follow_ups = []
    by_team = {c.team_id: c for c in check_ins}
    for a in assessments:
        c = by_team.get(a.team.pk)
        if c is not None:
            follow_ups.append(
                Assessment(
                    team=a.team,
                    user=a.user,
                    check_in=c,
                    attention=3,
                    insight=3,
                    practice=2,
                    cooperation=4,
                )
            )
    Assessment.objects.bulk_create(assessments + follow_ups, batch_size=batch)


def time_views(world, rounds: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    year = timezone.localdate().year
    out = {}
    for label, user, key in world["viewers"]:
        client = Client()
        client.force_login(user)
        for page, url in (
            ("dashboard", f"/reports/{key}/"),
            ("annual report", f"/reports/{key}/annual/?year={year}"),
        ):
            times = []
            for _ in range(rounds + 1):
                began = time.perf_counter()
                response = client.get(url, HTTP_HOST="127.0.0.1")
                times.append(time.perf_counter() - began)
                assert response.status_code == 200, (url, response.status_code)
            out[(label, page)] = statistics.median(times[1:])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="h_reporting_bench")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    setup(args.db)
    world = make_world()
    began = time.perf_counter()
    add_learners(0, SMALL, world)
    print(f"built {SMALL:,} learners in {time.perf_counter() - began:.0f} s", flush=True)
    small = time_views(world, args.rounds)
    began = time.perf_counter()
    add_learners(SMALL, LARGE - SMALL, world)
    print(f"built {LARGE:,} learners in {time.perf_counter() - began:.0f} s", flush=True)
    large = time_views(world, args.rounds)
    print()
    print(
        f"median of {args.rounds} requests (PostgreSQL); targets: at {LARGE:,} <= "
        f"{TARGET_MEDIAN:.1f} s, {LARGE:,} / {SMALL:,} ratio <= {TARGET_RATIO:.0f}"
    )
    print(f"{'viewer':28} {'page':14} {'10,000':>9} {'100,000':>9} {'ratio':>6}  verdict")
    for (label, page), t_small in small.items():
        t_large = large[(label, page)]
        ratio = t_large / t_small
        ok = t_large <= TARGET_MEDIAN and ratio <= TARGET_RATIO
        print(
            f"{label:28} {page:14} {t_small * 1000:7.0f}ms {t_large * 1000:7.0f}ms "
            f"{ratio:6.2f}  {'meets both' if ok else 'MISSES a target'}"
        )


if __name__ == "__main__":
    main()
