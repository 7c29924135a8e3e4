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
    assert sorted(User.objects.values_list("email", flat=True)) == sorted(EMAILS)
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
