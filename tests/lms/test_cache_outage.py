"""The site without its Redis cache (``base.cache.TolerantRedisCache``): pages answer,
log-in works and its rate limits still count (per process), nothing 500s, and what was
written while Redis was away does not come back stale (docs/decisions/0009)."""

import logging
import socket
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from redis import exceptions as redis_errors

from base import cache as tolerant
from tests.accounts.test_login_hardening import limited
from tests.factories import UserFactory

PASSWORD = "rett-passord-2026"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


@pytest.fixture
def cache_away(settings):
    """The default cache is a Redis on a port where nothing listens (a fresh one per test,
    so no test sees another's outage or local counts)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "base.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        },
        "local": settings.CACHES["local"],  # the per-process cache is not Redis's
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return cache


class FakeRedis:
    """What ``RedisCache`` asks of its client, in a dict; ``away`` makes it fail as a
    Redis that is gone does."""

    def __init__(self):
        self.data, self.away = {}, False

    def _check(self):
        if self.away:
            raise redis_errors.ConnectionError("Connection refused")

    def get(self, key, default):
        self._check()
        return self.data.get(key, default)

    def set(self, key, value, timeout):
        self._check()
        self.data[key] = value

    def add(self, key, value, timeout):
        self._check()
        return self.data.setdefault(key, value) is value

    def delete(self, key):
        self._check()
        return self.data.pop(key, None) is not None

    def delete_many(self, keys):
        self._check()
        for key in keys:
            self.data.pop(key, None)

    def clear(self):
        self._check()
        self.data.clear()
        return True


@pytest.fixture
def fake(cache_away, monkeypatch):
    """The cache with a fake Redis that the test takes away and brings back."""
    redis = FakeRedis()
    monkeypatch.setattr(cache_away, "_cache", redis, raising=False)
    monkeypatch.setattr(tolerant, "RETRY_AFTER", 0.0)
    return redis


def test_every_cache_call_answers_without_redis(cache_away):
    started = time.monotonic()
    assert cache.get("k", "default") == "default"
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.has_key("k") is False
    assert cache.touch("k") is False
    assert cache.delete("k") is False
    assert cache.delete_many(["a", "b"]) is None
    assert cache.get_or_set("k", 5) == 5
    with pytest.raises(ValueError):
        cache.incr("k")
    assert time.monotonic() - started < 2  # no retries, no back-off


def test_one_warning_per_interval(cache_away, caplog):
    with caplog.at_level(logging.WARNING, logger="base.cache"):
        for _ in range(20):
            cache.get("k")
    assert len(caplog.records) == 1
    assert "Redis does not answer" in caplog.records[0].getMessage()


def test_after_a_failure_redis_is_left_alone_for_a_while(fake, monkeypatch):
    monkeypatch.setattr(tolerant, "RETRY_AFTER", 60.0)
    fake.away = True
    assert cache.get("k") is None
    fake.away, fake.data[cache.make_key("k")] = False, "back"
    assert cache.get("k") is None  # not asked again within RETRY_AFTER
    monkeypatch.setattr(cache._state, "down_until", 0.0)
    assert cache.get("k") == "back"


def test_a_write_that_was_skipped_leaves_no_stale_copy(fake):
    cache.set("session", "logged in")
    key = cache.make_key("session")
    assert fake.data[key] == "logged in"
    fake.away = True
    cache.delete("session")  # logged out while Redis was away
    assert cache.get("session") is None
    fake.away = False
    assert key in fake.data  # Redis still holds the old copy ...
    assert cache.get("session") is None  # ... which is deleted before anything is read
    assert key not in fake.data
    cache.set("session", "new")
    assert cache.get("session") == "new"


def test_too_many_skipped_writes_clear_the_cache_on_return(fake, monkeypatch):
    monkeypatch.setattr(tolerant, "STALE_MAX", 3)
    cache.set("other", 1)
    fake.away = True
    for i in range(5):
        cache.set(f"k{i}", i)
    fake.away = False
    assert cache.get("other") is None  # everything went: it could have been stale
    assert fake.data == {}


def test_stale_keys_are_kept_while_redis_is_still_away(fake):
    cache.set("k", 1)
    fake.away = True
    cache.set("k", 2)
    assert cache.get("k") is None  # still away: nothing forgotten yet
    fake.away = False
    assert cache.get("k") is None
    assert cache.make_key("k") not in fake.data


def test_rate_limit_counters_count_in_the_process_while_redis_is_away(cache_away):
    key = "allauth:rl:account:login_failed:5/300s/key:abc"
    assert cache.add(key + ":lock", True) is True
    assert cache.add(key + ":lock", True) is False  # the lock holds
    cache.set(key, [1.0, 2.0])
    assert cache.get(key) == [1.0, 2.0]
    assert cache.get("anything:else") is None


@pytest.mark.django_db
def test_pages_answer_without_the_cache(cache_away, client, starter, enrolment, learner):
    public = [
        reverse("home"),
        reverse("catalogue"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        "/healthz",
    ]
    for url in public:
        assert client.get(url).status_code == 200, url
    learner.set_password(PASSWORD)
    learner.save()
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    mine = [
        reverse("home"),
        reverse("learn_overview", args=[enrolment.pk]),
        reverse("learn_page", args=[enrolment.pk, 1]),
        reverse("team_list"),
        reverse("team_create"),
        reverse("account_email"),
    ]
    for url in mine:
        assert client.get(url).status_code == 200, url
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get(reverse("team_list")).status_code == 302  # logged out for real


@pytest.mark.django_db
def test_login_rate_limit_holds_without_the_cache(cache_away, client):
    """The decision in docs/decisions/0009: the limits are counted in the process while
    Redis is away, so guessing passwords is no easier during an outage."""
    user = UserFactory(email="person@example.test")
    user.set_password(PASSWORD)
    user.save()
    answers = [
        limited(client.post(reverse("account_login"), {"login": user.email, "password": "x"}))
        for _ in range(7)
    ]
    assert answers == [False] * 5 + [True] * 2
    right = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert limited(right)
    other = UserFactory(email="someone@example.test")
    other.set_password(PASSWORD)
    other.save()
    response = client.post(reverse("account_login"), {"login": other.email, "password": PASSWORD})
    assert response.status_code == 302  # another person is not locked out


@pytest.mark.django_db
def test_every_url_answers_as_the_table_says_without_the_cache(cache_away, request):
    """The authorisation table (every URL pattern × seven people) again, with Redis away:
    the same answers, so no page depends on the cache to work (or to refuse)."""
    from tests.authz.test_url_table import PEOPLE, spec
    from tests.authz.world import build_world, clients, outcome, url_for, walk

    world = build_world(request)
    people = clients(world)
    wrong = []
    for key, route, pattern in walk():
        url = url_for(world, key, route, pattern)
        entry = spec(key)
        for method in ("get", "post"):
            if method not in entry:
                continue
            got = " ".join(outcome(getattr(people[who], method)(url)) for who in PEOPLE)
            if got != entry[method]:
                wrong.append(f"{key} {method.upper()} {url}: expected {entry[method]}, got {got}")
    assert not wrong, "\n".join(wrong)
