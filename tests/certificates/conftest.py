"""A small content tree (``fixtures/content``): a module with a 24-month validity and its
refresher (``refreshes: grunnkurs``)."""

import shutil
from pathlib import Path

import pytest

from base.roles import Role
from modules.actions import enrol_learner, import_content, record_page_view
from modules.models import Industry, ModuleVersion, Page
from modules.sources.loader import load_content

CONTENT = Path(__file__).parent / "fixtures" / "content"


def import_tree(path: Path = CONTENT):
    tree, problems = load_content(path)
    assert not problems, problems.sorted()
    return import_content(tree)


def complete(user, version, industry, language: str = "nb"):
    """Enrol ``user`` and open every page: the module (no quiz) is then completed."""
    enrolment = enrol_learner(user, version, industry, Role.SAFETY_REP)
    for page in Page.objects.filter(version=version).order_by("order"):
        record_page_view(enrolment, page, language)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    return enrolment


@pytest.fixture
def tree(db):
    import_tree()


@pytest.fixture
def basics(tree):
    return ModuleVersion.objects.get(module__slug="grunnkurs", is_current=True)


@pytest.fixture
def refresher(tree):
    return ModuleVersion.objects.get(module__slug="grunnkurs-oppfrisking", is_current=True)


@pytest.fixture
def cleaning(tree):
    return Industry.objects.get(slug="renhold")


@pytest.fixture
def copy_tree(tmp_path):
    """A copy of the fixture tree to change (a new version of a module)."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target
