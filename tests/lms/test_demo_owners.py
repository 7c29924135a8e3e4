"""The course owner's demo data: Demoforbundet, its branches, the owner's scope, and
generated consenting learners and teams that give every report something to show."""

from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from certificates.models import Certificate
from modules.models import Enrolment
from organisations.models import Affiliation, Organisation, OwnerScope
from quizzes.models import Answer, Attempt
from teams.models import Assessment, CheckIn, Seat, Team


def _snapshot():
    return {
        "users": sorted(User.objects.values_list("email", "display_name", "roles")),
        "affiliations": sorted(
            Affiliation.objects.values_list("user__email", "organisation__name", "share_name")
        ),
        "enrolments": Enrolment.objects.count(),
        "attempts": Attempt.objects.count(),
        "certificates": Certificate.objects.count(),
        "teams": Team.objects.count(),
        "check_ins_done": CheckIn.objects.filter(done_at__isnull=False).count(),
        "organisations": sorted(Organisation.objects.values_list("name", "parent__name")),
        "scopes": sorted(OwnerScope.objects.values_list("user__email", "organisation__name")),
    }


# Fast enough, counted in queries rather than seconds (a shared CI machine's seconds vary):
# about 4,700 queries (with savepoints) take a few seconds on SQLite (bench/seed_demo.py prints the
# time); the second run only checks and writes nothing.
MAX_QUERIES_FIRST = 5500
MAX_QUERIES_AGAIN = 60


def test_seed_demo_makes_the_owners_data_once_and_fast_enough(content):
    with CaptureQueriesContext(connection) as first_run:
        call_command("seed_demo")
    assert len(first_run) < MAX_QUERIES_FIRST, len(first_run)
    first = _snapshot()
    with CaptureQueriesContext(connection) as second_run:
        call_command("seed_demo")
    assert len(second_run) < MAX_QUERIES_AGAIN, len(second_run)
    assert _snapshot() == first
    assert ("Demoforbundet Hamar", "Demoforbundet") in first["organisations"]
    assert ("Demoforbundet Drammen", "Demoforbundet") in first["organisations"]
    assert first["scopes"] == [("kurseier@demo.test", "Demoforbundet")]
    tore = Affiliation.objects.get(user__email="tillitsvalgt@demo.test")
    assert tore.organisation.name == "Demoforbundet" and tore.consented_at


def test_every_generated_person_consented_and_cannot_log_in(content):
    call_command("seed_demo")
    generated = User.objects.filter(email__startswith="testperson")
    assert generated.count() >= 60
    for user in generated:
        assert user.email.endswith("@demo.test") and user.display_name.startswith("Testperson ")
        assert not user.has_usable_password()
        assert user.affiliations.filter(consented_at__isnull=False).exists()
    assert not generated.filter(affiliations=None).exists()
    assert generated.filter(affiliations__share_name=True).exists()
    assert generated.filter(affiliations__share_name=False).exists()


def test_the_reports_have_something_everywhere(content):
    from django.utils import timezone

    call_command("seed_demo")
    generated = Enrolment.objects.filter(user__email__startswith="testperson")
    today = timezone.localdate()
    # The funnel: enrolled, started, completed, certified, renewed; over ~18 months.
    assert generated.filter(page_views=None).exists()
    assert generated.filter(completed_at=None).exclude(page_views=None).exists()
    assert generated.filter(completed_at__isnull=False).count() >= 30
    oldest = min(generated.values_list("enrolled_at", flat=True))
    assert (timezone.now() - oldest).days > 540
    assert Certificate.objects.filter(renewed_by__isnull=False).exists()
    assert Certificate.objects.filter(expires_on__lt=today, renewed_by=None).exists()
    assert Certificate.objects.filter(
        expires_on__gte=today, expires_on__lte=today + timezone.timedelta(days=90)
    ).exists()
    # Quiz item analysis: passed and failed attempts, questions answered both ways.
    assert Attempt.objects.filter(passed=True).exists()
    assert Attempt.objects.filter(passed=False).exists()
    mixed = (
        Answer.objects.values("question")
        .annotate(n=Count("pk"))
        .filter(n__gte=5)
        .values_list("question", flat=True)
    )
    assert any(
        Answer.objects.filter(question=q, is_correct=True).exists()
        and Answer.objects.filter(question=q, is_correct=False).exists()
        for q in mixed
    )
    # Teams: formed, a declared-empty seat, joint sessions, agreed plans, check-ins at
    # 1, 3 and 6 months, assessments at baseline and follow-up.
    generated_teams = Team.objects.exclude(workplace__name="Solstua barnehage")
    assert generated_teams.count() >= 6
    assert Seat.objects.filter(state="empty").exists()
    assert generated_teams.filter(plan_agreed_at__isnull=False).count() >= 4
    assert set(CheckIn.objects.filter(done_at__isnull=False).values_list("months", flat=True)) == {
        1,
        3,
        6,
    }
    assert Assessment.objects.filter(check_in=None).exists()
    assert Assessment.objects.filter(check_in__isnull=False).exists()
    # A small group: fewer than 5 people in an industry.
    counts = generated.values("industry__slug").annotate(n=Count("user", distinct=True))
    assert any(row["n"] < 5 for row in counts)
    # The demo trio stays not yet started.
    solstua = Team.objects.get(workplace__name="Solstua barnehage")
    assert solstua.plan_agreed_at is None and not solstua.assessments.exists()
    assert (
        not Enrolment.objects.filter(
            user__email__in=["leder@demo.test", "verneombud@demo.test", "tillitsvalgt@demo.test"]
        )
        .exclude(page_views=None)
        .exists()
    )
