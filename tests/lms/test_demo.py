from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from lms.demo import DEMO_PASSWORD

EMAILS = [
    "leder@demo.test",
    "verneombud@demo.test",
    "tillitsvalgt@demo.test",
    "kurseier@demo.test",
    "admin@demo.test",
]


def _snapshot():
    return sorted(
        User.objects.values_list(
            "email", "password", "display_name", "industry__slug", "roles", "is_superuser"
        )
    )


def test_seed_demo_twice_is_idempotent(content, capsys):
    call_command("seed_demo")
    first = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == first
    logins = User.objects.exclude(email__startswith="testperson")  # generated, no login
    assert sorted(logins.values_list("email", flat=True)) == sorted(EMAILS)
    assert EmailAddress.objects.filter(verified=True).count() == 5
    assert Group.objects.get(name="course_owners").user_set.get().email == "kurseier@demo.test"
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "leder@demo.test" in out


def test_demo_logins_work(client, content):
    call_command("seed_demo")
    for email in EMAILS:
        response = client.post(
            reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        client.post(reverse("account_logout"))
    leader = User.objects.get(email="leder@demo.test")
    assert leader.industry.slug == "barnehage" and leader.roles == ["leader"]
    assert User.objects.get(email="admin@demo.test").is_superuser


def test_demo_data_refused_on_a_public_host(content, settings):
    import pytest
    from django.core.management.base import CommandError

    settings.ALLOWED_HOSTS = ["127.0.0.1", "lms.example.no"]
    with pytest.raises(CommandError, match="lms.example.no.*DEMO_DATA=1"):
        call_command("seed_demo")
    assert not User.objects.filter(email__in=EMAILS).exists()
    settings.DEMO_DATA = True
    call_command("seed_demo")
    assert User.objects.filter(email__in=EMAILS).count() == 5


def test_demo_data_refused_when_make_run_binds_every_interface(settings):
    from lms.demo import demo_data_refusal

    assert demo_data_refusal("127.0.0.1") == ""
    every_interface = "0.0.0.0"  # noqa: S104 - the address under test, not a bind
    assert every_interface in demo_data_refusal(every_interface)
    settings.SITE_URL = "https://lms.example.no"
    assert "lms.example.no" in demo_data_refusal("127.0.0.1")


def test_make_run_names_the_site_after_its_host_and_port():
    from lms.run import commands, site_url

    assert site_url("127.0.0.1", "8123") == "http://127.0.0.1:8123"
    assert site_url("::1", "8000") == "http://[::1]:8000"
    children = commands("127.0.0.1", "8123", "var/celerybeat-schedule")
    assert set(children) == {"web", "worker", "beat"}
    assert "--beat" not in children["worker"]  # a separate scheduler, stopped with the rest
    assert "127.0.0.1:8123" in children["web"] and "--access-logfile" not in children["web"]
