import pytest

from base.roles import Role
from lms.bootstrap import prepare_var_dir
from modules.actions import enrol_learner, import_content
from modules.models import Industry, ModuleVersion
from modules.sources.loader import load_content
from teams.actions import accept_invitation, create_team, invite
from teams.models import Workplace
from tests.factories import UserFactory
from tests.fixtures import FIXTURE_CONTENT

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
    """The frozen starter module (``tests/fixtures/content``), imported."""
    if "tree" not in _tree_cache:
        tree, problems = load_content(FIXTURE_CONTENT)
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
    from django.core.cache import cache, caches

    cache.clear()
    caches["local"].clear()  # the site header, per process


# --- named people and a workplace trio (teams, reports, account deletion) ---------------

ORG_NUMBER = "975312461"  # valid check digit


@pytest.fixture
def leader(db):
    return UserFactory(email="leader@example.test", display_name="Lena", roles=[Role.LEADER])


@pytest.fixture
def safety_rep(db):
    return UserFactory(email="vo@example.test", display_name="Vera", roles=[Role.SAFETY_REP])


@pytest.fixture
def union_rep(db):
    return UserFactory(email="tv@example.test", display_name="Tore", roles=[Role.UNION_REP])


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.test", display_name="Otto")


@pytest.fixture
def workplace(barnehage):
    return Workplace(
        name="Solstua barnehage", org_number=ORG_NUMBER, industry=barnehage, employees=18
    )


@pytest.fixture
def team(leader, workplace, starter):
    """A team with only the leader in it."""
    return create_team(workplace, [Role.LEADER], [starter], acting_user=leader)


@pytest.fixture
def trio(team, leader, safety_rep, union_rep):
    """A team with all three seats taken."""
    accept_invitation(
        invite(team.public_id, Role.SAFETY_REP, acting_user=leader).token, acting_user=safety_rep
    )
    accept_invitation(
        invite(team.public_id, Role.UNION_REP, acting_user=leader).token, acting_user=union_rep
    )
    return team


def client_for(client, user):
    client.force_login(user)
    return client


# --- a reminder kind for the engine's tests -----------------------------------------------


@pytest.fixture
def nudge():
    """A reminder kind whose due items the test sets (``nudge.due``)."""
    from reminders import kinds
    from tests.reminders.helpers import Nudge

    kind = kinds.register(Nudge())
    yield kind
    kinds._kinds.pop(kind.name, None)
