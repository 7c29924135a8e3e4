"""Refreshers keep history: completing one issues a new certificate for the module it
refreshes, and the old one shows "renewed". A new major version recommends a refresher."""

import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from modules.models import ModuleVersion
from modules.sources.loader import load_content
from tests.certificates.conftest import complete, import_tree
from tests.factories import UserFactory
from tracking.models import Statement

TZ = timezone.get_current_timezone()


@pytest.fixture
def holder(db):
    return UserFactory(display_name="Kari Nordmann")


def test_the_loader_reads_refreshes(refresher):
    assert refresher.refreshes == "grunnkurs"


def test_an_unknown_refreshes_slug_is_an_error(copy_tree):
    path = copy_tree / "grunnkurs-oppfrisking" / "module.yaml"
    path.write_text(path.read_text().replace("refreshes: grunnkurs", "refreshes: no-such"))
    tree, problems = load_content(copy_tree)
    assert tree is None
    assert any("refreshes: unknown module 'no-such'" in p for p in map(str, problems.sorted()))


def test_a_module_cannot_refresh_itself(copy_tree):
    path = copy_tree / "grunnkurs" / "module.yaml"
    path.write_text(path.read_text().replace("minutes: 90", "minutes: 90\nrefreshes: grunnkurs"))
    tree, problems = load_content(copy_tree)
    assert tree is None


def test_a_refresher_renews_and_keeps_history(client, holder, basics, refresher, cleaning):
    with time_machine.travel(datetime(2027, 3, 15, 12, tzinfo=TZ), tick=False):
        complete(holder, basics, cleaning)
    first = Certificate.objects.get(user=holder)
    with time_machine.travel(datetime(2029, 2, 1, 12, tzinfo=TZ), tick=False):
        complete(holder, refresher, cleaning)
        first.refresh_from_db()
        renewed = Certificate.objects.exclude(pk=first.pk).get(user=holder)
        assert renewed.module == first.module  # for the refreshed module
        assert renewed.module_title["nb"] == "Grunnkurs i arbeidsmiljø"
        assert renewed.minutes == 30  # the refresher's learning time
        assert renewed.expires_on.isoformat() == "2031-02-01"
        assert first.renewed_by == renewed
        assert first.state() == "renewed" and renewed.state() == "valid"
        old = client.get(reverse("certificate_verify", args=[first.code])).content.decode()
        assert "Dette kursbeviset er fornyet." in old and "1. februar 2031" in old
        new = client.get(reverse("certificate_verify", args=[renewed.code])).content.decode()
        assert "Dette kursbeviset er gyldig." in new
    assert Statement.objects.filter(verb__endswith="/verbs/earned").count() == 2
    statement = Statement.objects.get(verb__endswith="/verbs/renewed")
    assert statement.data["object"]["id"].endswith(str(first.public_id))
    client.force_login(holder)
    listing = client.get(reverse("certificate_list")).content.decode()
    assert first.grouped_code in listing and renewed.grouped_code in listing


def _bump(copy_tree, version: str):
    path = copy_tree / "grunnkurs" / "module.yaml"
    path.write_text(re.sub(r'version: "[0-9.]+"', f'version: "{version}"', path.read_text()))
    page = copy_tree / "grunnkurs" / "pages" / "intro.nb.md"
    page.write_text(page.read_text() + "\nEn ny setning.\n")
    import_tree(copy_tree)


def test_a_new_major_version_recommends_a_refresher(holder, basics, cleaning, copy_tree):
    complete(holder, basics, cleaning)
    _bump(copy_tree, "1.1")
    certificate = Certificate.objects.get(user=holder)
    assert certificate.refresher_recommended_at is None  # a minor change
    _bump(copy_tree, "2.0")
    assert ModuleVersion.objects.get(module__slug="grunnkurs", is_current=True).major == 2
    certificate.refresh_from_db()
    assert certificate.refresher_recommended_at is not None
    assert certificate.state() == "valid"  # still valid; a refresher is recommended


def test_revoked_and_renewed_certificates_are_not_marked(
    holder, basics, refresher, cleaning, copy_tree
):
    complete(holder, basics, cleaning)
    complete(holder, refresher, cleaning)
    _bump(copy_tree, "2.0")
    old, new = Certificate.objects.filter(user=holder).order_by("pk")
    assert old.refresher_recommended_at is None  # renewed: history
    assert new.refresher_recommended_at is not None
