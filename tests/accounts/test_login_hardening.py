"""Login holes: the admin's own login, rate limits per process, sign-up enumeration."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override

from tests.factories import UserFactory
from tests.lms.settings_env import run_django

PASSWORD = "rett-passord-2026"


@pytest.fixture
def superuser_with_totp(db):
    user = UserFactory(email="root@example.test", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    TOTP.activate(user, generate_totp_secret())
    return user


def limited(response) -> bool:
    """allauth's answer to one failed login too many: the form again, with this error."""
    with override("nb"):
        message = escape(gettext("Too many failed login attempts. Try again later."))
    return response.status_code == 200 and message in response.content.decode()


def _admin_works(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_admin_login_with_password_alone_gives_no_session(client, superuser_with_totp):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": superuser_with_totp.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Fadmin%2F"
    assert not _admin_works(client)
    # allauth's login takes the password, then asks for the code: still no admin.
    step = client.post(response.url, {"login": superuser_with_totp.email, "password": PASSWORD})
    assert step.status_code == 302 and step.url.startswith(reverse("mfa_authenticate"))
    assert not _admin_works(client)


def test_admin_login_sends_everyone_to_allauth(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    follow = client.get(response.url)
    assert follow.status_code == 302
    assert follow.url.startswith(reverse("account_login"))
    evil = client.get("/admin/login/?next=https://evil.example/")
    assert evil.url == reverse("account_login") + "?next=%2Fadmin%2F"


def test_logged_in_non_staff_is_not_sent_round_in_circles(client, learner):
    client.force_login(learner)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url == reverse("home")


def test_wrong_admin_passwords_are_rate_limited(client, superuser_with_totp):
    answers = []
    for _ in range(8):
        response = client.post(
            "/admin/login/", {"username": superuser_with_totp.email, "password": "feil"}
        )
        assert response.status_code == 302  # the admin takes no password at all
        answers.append(
            limited(
                client.post(
                    reverse("account_login"), {"login": superuser_with_totp.email, "password": "x"}
                )
            )
        )
    assert answers == [False] * 5 + [True] * 3
    # Now even the right password is held back for this address.
    right = client.post(
        reverse("account_login"), {"login": superuser_with_totp.email, "password": PASSWORD}
    )
    assert limited(right)


def test_rate_limits_count_across_processes(client, db):
    """A limit of 5 held in the cache every process shares: what one process counted,
    another sees (with a cache per process, 10 wrong passwords passed a limit of 5)."""
    from django.core.cache import cache

    cache.set("probe-from-parent", 41, 60)
    code = (
        "from django.core.cache import cache\n"
        "print(cache.get('probe-from-parent'))\n"
        "cache.set('probe-from-child', 42, 60)\n"
    )
    import os
    from pathlib import Path

    from django.conf import settings

    env = {k: os.environ[k] for k in ("SECRET_KEY", "DATABASE_URL", "CACHE_URL") if k in os.environ}
    env.setdefault("XAPI_ACTOR_HOMEPAGE", settings.XAPI_ACTOR_HOMEPAGE)
    result = run_django(code, env, var_dir=Path(settings.VAR_DIR))
    assert result.stdout.strip() == "41", result.stderr[-800:]
    assert cache.get("probe-from-child") == 42


def test_client_address_comes_from_the_trusted_proxy(client, db, settings):
    """Behind one proxy of ours, each user has their own address: one person's wrong
    passwords don't lock out everyone else behind the same proxy."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    url = reverse("account_login")
    for n in range(4):
        data = {"login": f"nobody{n}@example.test", "password": "feil"}
        client.post(url, data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    blocked = client.post(
        url,
        {"login": "nobody9@example.test", "password": "feil"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    other = client.post(
        url,
        {"login": "nobody9@example.test", "password": "feil"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert limited(blocked)
    assert not limited(other)


def test_signup_does_not_reveal_a_registered_address(client, db, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    UserFactory(email="taken@example.test")
    data = {"password1": "et-langt-passord-77", "password2": "et-langt-passord-77"}
    taken = client.post(reverse("account_signup"), {**data, "email": "taken@example.test"})
    fresh = client.post(reverse("account_signup"), {**data, "email": "fresh@example.test"})
    assert taken.status_code == fresh.status_code == 302
    assert taken.url == fresh.url
