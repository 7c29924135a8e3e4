import shutil
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from base.roles import Role
from modules.actions import enrol_learner, import_content
from modules.models import Industry, Module, ModuleVersion
from modules.sources.loader import load_content
from tests.factories import UserFactory
from tests.fixtures import FIXTURE_CONTENT

STARTER = "arbeidsmiljo-handler-om-arbeidet"


def _copy_content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def _import(path):
    tree, problems = load_content(path)
    assert not problems, problems.sorted()
    return import_content(tree)


def test_import_twice_changes_nothing(db, tmp_path):
    path = _copy_content(tmp_path)
    assert _import(path).created == [STARTER]
    assert _import(path).unchanged == [STARTER]
    assert ModuleVersion.objects.count() == 1
    assert Industry.objects.count() == 8


def test_changed_content_makes_a_new_version_and_learner_keeps_theirs(db, client, tmp_path):
    path = _copy_content(tmp_path)
    _import(path)
    old = ModuleVersion.objects.get(is_current=True)
    learner = UserFactory()
    enrolment = enrol_learner(learner, old, Industry.objects.get(slug="renhold"), Role.UNION_REP)
    client.force_login(learner)
    client.get(reverse("learn_page", args=[enrolment.pk, 1]))

    page = path / STARTER / "pages" / "intro.nb.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn ny setning i versjon to.\n")
    assert _import(path).created == [STARTER]

    new = ModuleVersion.objects.get(is_current=True)
    assert new.number == old.number + 1
    assert ModuleVersion.objects.filter(module__slug=STARTER).count() == 2
    # The learner mid-way still reads the version they started.
    html = client.get(reverse("learn_page", args=[enrolment.pk, 1])).content.decode()
    assert "En ny setning i versjon to." not in html
    # A new learner gets the new version.
    newcomer = UserFactory()
    fresh = enrol_learner(newcomer, new, Industry.objects.get(slug="renhold"), Role.UNION_REP)
    client.force_login(newcomer)
    html = client.get(reverse("learn_page", args=[fresh.pk, 1])).content.decode()
    assert "En ny setning i versjon to." in html
    # Enrolling again in the module returns the learner's existing enrolment.
    assert enrol_learner(learner, new, enrolment.industry, Role.UNION_REP) == enrolment


def test_import_content_command_is_idempotent(db, capsys):
    call_command("import_content", str(FIXTURE_CONTENT))
    call_command("import_content", str(FIXTURE_CONTENT))
    out = capsys.readouterr().out
    assert f"new version: {STARTER}" in out
    assert f"unchanged: {STARTER}" in out
    assert Module.objects.count() == 1
