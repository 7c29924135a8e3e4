"""Settings refuse what is unsafe once another machine can reach the site."""

import pytest

from tests.lms.settings_env import PRODUCTION, STRONG_KEY, run_django

PRINT = "from django.conf import settings\nprint(settings.PRODUCTION, settings.XAPI_ACTOR_HOMEPAGE)"


def refused(result, words: str) -> bool:
    return (
        result.returncode != 0
        and "ImproperlyConfigured" in result.stderr
        and (words in result.stderr)
    )


def test_production_settings_load(tmp_path):
    result = run_django(PRINT, PRODUCTION, var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "https://lms.example.no"]


@pytest.mark.parametrize("key", ["changeme", "test-anything", "x" * 64, "short-but-random-Q9"])
def test_production_refuses_weak_secret_key(tmp_path, key):
    result = run_django(PRINT, {**PRODUCTION, "SECRET_KEY": key}, var_dir=tmp_path)
    assert refused(result, "SECRET_KEY"), result.stderr[-500:]


def test_a_public_host_without_database_url_is_production_too(tmp_path):
    env = {"ALLOWED_HOSTS": "lms.example.no", "SECRET_KEY": "changeme"}
    assert refused(run_django(PRINT, env, var_dir=tmp_path), "SECRET_KEY")


def test_debug_refused_on_a_public_host(tmp_path):
    env = {"DEBUG": "1", "ALLOWED_HOSTS": "127.0.0.1,lms.example.no", "SECRET_KEY": STRONG_KEY}
    assert refused(run_django(PRINT, env, var_dir=tmp_path), "DEBUG")


def test_debug_allowed_on_loopback(tmp_path):
    env = {"DEBUG": "1", "ALLOWED_HOSTS": "127.0.0.1,localhost,[::1]", "SECRET_KEY": "dev"}
    result = run_django(PRINT, env, var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_production_needs_its_own_xapi_identity(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "XAPI_ACTOR_HOMEPAGE"}
    assert refused(run_django(PRINT, env, var_dir=tmp_path), "XAPI_ACTOR_HOMEPAGE")


def test_embedded_default_identity_is_site_url(tmp_path):
    env = {"SECRET_KEY": "test-anything", "SITE_URL": "http://127.0.0.1:8123/"}
    result = run_django(PRINT, env, var_dir=tmp_path)
    assert result.stdout.split() == ["False", "http://127.0.0.1:8123"], result.stderr


def test_xapi_identity_does_not_follow_site_url(tmp_path):
    env = {**PRODUCTION, "SITE_URL": "https://new-name.example.no"}
    result = run_django(PRINT, env, var_dir=tmp_path)
    assert result.stdout.split() == ["True", "https://lms.example.no"], result.stderr


def test_production_refuses_optional_verification(tmp_path):
    env = {**PRODUCTION, "ACCOUNT_EMAIL_VERIFICATION": "optional"}
    assert refused(run_django(PRINT, env, var_dir=tmp_path), "ACCOUNT_EMAIL_VERIFICATION")


def test_importing_settings_writes_no_files(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    code = "from django.conf import settings\nprint(settings.CACHES['default']['BACKEND'])"
    result = run_django(code, {"SECRET_KEY": "test-anything"}, var_dir=var)
    assert result.returncode == 0, result.stderr
    assert list(var.iterdir()) == []


def test_without_a_key_the_embedded_default_asks_for_bootstrap(tmp_path):
    result = run_django(PRINT, {}, var_dir=tmp_path)
    assert refused(result, "secret_key")
    assert list(tmp_path.iterdir()) == []


def test_bootstrap_creates_the_embedded_key_once(tmp_path, monkeypatch):
    from lms.bootstrap import prepare_var_dir

    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    prepare_var_dir()
    key = (tmp_path / "secret_key").read_text()
    prepare_var_dir()
    assert (tmp_path / "secret_key").read_text() == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    code = "from django.conf import settings\nprint(len(settings.SECRET_KEY))"
    result = run_django(code, {}, var_dir=tmp_path)
    assert result.stdout.strip() == str(len(key)), result.stderr


def test_proxy_and_cache_come_from_the_environment(tmp_path):
    code = (
        "from allauth import app_settings\nfrom django.conf import settings\n"
        "print(app_settings.TRUSTED_PROXY_COUNT, app_settings.TRUSTED_CLIENT_IP_HEADER,"
        " settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])"
    )
    env = {
        **PRODUCTION,
        "TRUSTED_PROXY_COUNT": "2",
        "TRUSTED_CLIENT_IP_HEADER": "X-Real-IP",
        "CACHE_URL": "redis://cache.internal:6379/1",
    }
    result = run_django(code, env, var_dir=tmp_path)
    assert result.stdout.split() == [
        "2",
        "X-Real-IP",
        "base.cache.TolerantRedisCache",
        "redis://cache.internal:6379/1",
    ], result.stderr
    embedded = run_django(code, {"SECRET_KEY": "test-anything"}, var_dir=tmp_path)
    assert embedded.stdout.split() == [
        "0",
        "None",
        "django.core.cache.backends.filebased.FileBasedCache",
        str(tmp_path / "cache"),
    ], embedded.stderr
