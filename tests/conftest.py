import pytest

from accounts.roles import Role
from lms.bootstrap import prepare_var_dir
from modules.actions import enrol_learner, import_content
from modules.models import Industry, ModuleVersion
from modules.sources.loader import load_content
from tests.factories import UserFactory

STARTER = "arbeidsmiljo-handler-om-arbeidet"
_tree_cache = {}


def pytest_configure(config):
    """What manage.py prepares under VAR_DIR (static, cache and broker folders), for a
    pytest run that no manage.py command came before: settings create no files."""
    prepare_var_dir()


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.LANGUAGE_CODE = "nb"
    # The same on SQLite and PostgreSQL; tests of verification set "mandatory" themselves.
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    # Fast hashing: the tests check who may log in, not how slow a brute force is.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def content(db):
    """The real content of modules/content, imported."""
    if "tree" not in _tree_cache:
        tree, problems = load_content()
        assert not problems, problems.sorted()
        _tree_cache["tree"] = tree
    import_content(_tree_cache["tree"])
    return ModuleVersion.objects.get(module__slug=STARTER, is_current=True)


@pytest.fixture
def starter(content):
    return content


@pytest.fixture
def barnehage(content):
    return Industry.objects.get(slug="barnehage")


@pytest.fixture
def bygg(content):
    return Industry.objects.get(slug="bygg-og-anlegg")


@pytest.fixture
def learner(db):
    return UserFactory(email="learner@example.test", roles=[Role.UNION_REP])


@pytest.fixture
def other_learner(db):
    return UserFactory(email="other@example.test", roles=[Role.SAFETY_REP])


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def enrolment(learner, starter, barnehage):
    return enrol_learner(learner, starter, barnehage, Role.UNION_REP)


@pytest.fixture(autouse=True)
def _fresh_version_cache():
    """Test databases roll back and reuse ids; start each test with an empty cache."""
    from modules import versioncache

    versioncache.clear()
    yield
    versioncache.clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth's rate limits count in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
