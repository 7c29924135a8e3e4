"""The refresher reminders with time moved forward: 60 and 14 days before the expiry and on
the day, once each; none for a renewed certificate; one after a new major version."""

import re
from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from certificates.models import Certificate
from reminders.models import Reminder
from tests.certificates.conftest import complete, import_tree
from tests.factories import UserFactory
from tests.reminders.helpers import links, run_at

TZ = timezone.get_current_timezone()


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


@pytest.fixture
def holder(basics, cleaning):
    user = UserFactory(email="kari@example.test", display_name="Kari")
    with time_machine.travel(at("2027-03-15"), tick=False):
        complete(user, basics, cleaning)
    return user


def test_due_60_and_14_days_before_and_on_the_day_once_each(client, holder, refresher):
    assert run_at(at("2029-01-13")) == []
    sixty = run_at(at("2029-01-14"))
    assert len(sixty) == 1 and "går ut 15. mars 2029" in sixty[0].subject
    assert run_at(at("2029-01-14", 15)) == []  # the same day again: nothing
    assert run_at(at("2029-02-20")) == []
    fourteen = run_at(at("2029-03-01"))
    assert len(fourteen) == 1
    on_the_day = run_at(at("2029-03-15"))
    assert len(on_the_day) == 1 and "går ut i dag" in on_the_day[0].subject
    assert run_at(at("2029-03-20")) == []
    client.force_login(holder)
    target = client.get(links(on_the_day[0])[0]).url
    assert target == "/modules/grunnkurs-oppfrisking/"  # straight to the refresher
    assert Reminder.objects.filter(kind="refresher_due", status="sent").count() == 3


def test_nothing_after_a_renewal(holder, refresher, cleaning):
    assert len(run_at(at("2029-01-14"))) == 1
    with time_machine.travel(at("2029-02-01"), tick=False):
        complete(holder, refresher, cleaning)
    assert run_at(at("2029-03-01")) == []
    assert run_at(at("2029-03-15")) == []
    renewed = Certificate.objects.filter(user=holder, renewed_by=None).get()
    assert renewed.expires_on.isoformat() == "2031-02-01"


def test_a_revoked_certificate_gets_no_reminder(holder):
    Certificate.objects.filter(user=holder).update(revoked_at=at("2028-01-01"))
    assert run_at(at("2029-01-14")) == []


def test_refresher_recommended_after_a_new_major_version(holder, copy_tree):
    path = copy_tree / "grunnkurs" / "module.yaml"
    path.write_text(re.sub(r'version: "[0-9.]+"', 'version: "2.0"', path.read_text()))
    with time_machine.travel(at("2028-05-02", 9), tick=False):
        import_tree(copy_tree)
    sent = run_at(at("2028-05-02"))
    assert len(sent) == 1
    assert "anbefaler en oppfriskning" in sent[0].subject
    assert run_at(at("2028-05-03")) == []
