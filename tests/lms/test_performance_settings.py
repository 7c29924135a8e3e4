"""What keeps pages near the framework's floor: sessions read from the shared cache when
there is one, compiled templates kept, start-up work done before the first request."""

from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

from lms.warmup import TEMPLATES, warm_up
from tests.lms.settings_env import PRODUCTION, run_django

ENGINE = "from django.conf import settings\nprint(settings.SESSION_ENGINE)"


def test_sessions_are_read_from_the_cache_when_one_is_configured(tmp_path):
    env = {**PRODUCTION, "CACHE_URL": "redis://127.0.0.1:6379/9"}
    result = run_django(ENGINE, env, var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.contrib.sessions.backends.cached_db"


def test_without_a_cache_server_sessions_stay_in_the_database(tmp_path):
    result = run_django(ENGINE, {"SECRET_KEY": "x"}, var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.contrib.sessions.backends.db"


def test_compiled_templates_are_kept_and_compiled_at_start_up():
    (loader,) = engines["django"].engine.template_loaders
    assert isinstance(loader, CachedLoader)  # Django's default with DEBUG off, kept so
    loader.reset()
    warm_up()
    compiled = {key.split("-")[0] for key in loader.get_template_cache}
    assert set(TEMPLATES) <= compiled
