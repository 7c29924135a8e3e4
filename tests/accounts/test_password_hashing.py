"""Passwords are hashed with Argon2id (docs/decisions/0008); hashes made with Django's
PBKDF2 (every account from before) are redone with Argon2id at the next login."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    get_hasher,
    identify_hasher,
    make_password,
)
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.lms.settings_env import run_django

# What lms/settings.py ships (the tests' own settings swap in a fast hasher).
SHIPPED = "from django.conf import settings\nprint(settings.PASSWORD_HASHERS[0])"


def test_the_site_ships_argon2id_first(tmp_path):
    result = run_django(SHIPPED, {"SECRET_KEY": "x"}, var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "accounts.hashers.Argon2idHasher"


@pytest.fixture
def shipped_hashers(settings):
    # The settings module as loaded, before the test fixture replaced the list.
    from lms import settings as lms_settings

    settings.PASSWORD_HASHERS = lms_settings.PASSWORD_HASHERS
    return lms_settings.PASSWORD_HASHERS


def test_a_new_password_is_argon2id_with_our_parameters(shipped_hashers):
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=3,p=1$")
    assert identify_hasher(encoded).verify(PASSWORD, encoded)
    assert not identify_hasher(encoded).verify("wrong-password", encoded)


def test_a_pbkdf2_hash_is_redone_with_argon2id_at_the_next_login(client, db, shipped_hashers):
    user = UserFactory(email="old@example.test")
    user.password = get_hasher("pbkdf2_sha256").encode(PASSWORD, "oldsaltoldsalt")
    user.save(update_fields=["password"])
    wrong = client.post(reverse("account_login"), {"login": user.email, "password": "nope-nope"})
    assert wrong.status_code == 200
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$")  # a failed login changes nothing
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=3,p=1$")
    assert user.check_password(PASSWORD)


def test_an_argon2_hash_with_other_parameters_is_redone_too(client, db, shipped_hashers):
    user = UserFactory(email="django-default@example.test")
    user.password = Argon2PasswordHasher().encode(PASSWORD, "somesaltsomesalt")
    user.save(update_fields=["password"])
    assert "m=102400,t=2,p=8" in user.password  # Django's own defaults
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    user.refresh_from_db()
    assert "m=19456,t=3,p=1" in user.password


def test_the_tests_use_a_fast_hasher():
    assert django_settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
