"""Opt-out per kind: signed one-click links (RFC 8058 headers), the settings page to turn
a kind back on, and links that are expired, tampered with or someone else's."""

import re
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from reminders.models import OptOut, Reminder
from reminders.optout import make_token
from tests.factories import UserFactory
from tests.reminders.helpers import due, run_at


def unsubscribe_path(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    return re.fullmatch(r"<https?://[^/]+(/reminders/unsubscribe/[^>]+/)>", header).group(1)


def test_one_click_unsubscribe_then_opt_in_again_on_the_settings_page(client, db, nudge):
    person = UserFactory(email="p@example.test")
    today = timezone.localdate()
    nudge.due = [due("thing:1", person, today)]
    [message] = run_at(timezone.now())
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    path = unsubscribe_path(message)
    page = client.get(path)  # a link checker opening it changes nothing
    assert page.status_code == 200 and not OptOut.objects.exists()
    response = client.post(path, {"List-Unsubscribe": "One-Click"})  # the mail program
    assert response.status_code == 200
    assert list(OptOut.objects.values_list("kind", "user")) == [("test_nudge", person.pk)]
    assert client.post(path).status_code == 200  # again: nothing new
    assert OptOut.objects.count() == 1

    tomorrow = timezone.now() + timedelta(days=1)
    nudge.due = [due("thing:2", person, today + timedelta(days=1))]
    assert run_at(tomorrow) == []
    assert Reminder.objects.get(subject_key="thing:2").skip_reason == "opted_out"

    client.force_login(person)
    settings_page = client.get(reverse("reminder_settings"))
    assert 'value="test_nudge"' in settings_page.content.decode()
    assert 'id="kind-test_nudge" checked' not in settings_page.content.decode()
    client.post(reverse("reminder_settings"), {"kind": ["test_nudge"]})
    assert not OptOut.objects.filter(kind="test_nudge").exists()
    nudge.due = [due("thing:3", person, today + timedelta(days=2))]
    assert len(run_at(timezone.now() + timedelta(days=2))) == 1


def test_the_settings_page_turns_kinds_off(client, db, nudge):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("reminder_settings"), {})
    assert response.status_code == 302
    assert set(OptOut.objects.filter(user=person).values_list("kind", flat=True)) >= {
        "test_nudge",
        "team_check_in",
        "stalled_enrolment",
        "team_invitation",
    }


def test_an_expired_link_changes_nothing(client, db, nudge):
    person = UserFactory()
    path = reverse("reminder_unsubscribe", args=[make_token(["test_nudge"], user=person)])
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        response = client.post(path)
    assert response.status_code == 400
    assert "utløpt" in response.content.decode()
    assert not OptOut.objects.exists()


def test_a_tampered_link_changes_nothing(client, db, nudge):
    person, other = UserFactory(), UserFactory()
    token = make_token(["test_nudge"], user=person)
    forged = make_token(["test_nudge"], user=other).split(":")[0] + ":" + token.split(":", 1)[1]
    for bad in (token[:-2] + "xx", forged, "not-a-token", token.replace(":", "")):
        response = client.post(reverse("reminder_unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "ikke gyldig" in response.content.decode()
    assert not OptOut.objects.exists()


def test_someone_elses_link_changes_nothing(client, db, nudge):
    person, other = UserFactory(), UserFactory()
    client.force_login(other)
    path = reverse("reminder_unsubscribe", args=[make_token(["test_nudge"], user=person)])
    response = client.post(path)
    assert response.status_code == 403
    assert "noen andre" in response.content.decode()
    assert not OptOut.objects.exists()


def test_an_address_without_an_account_can_opt_out(client, db, nudge):
    nudge.due = [due("thing:1", None, timezone.localdate(), email="ny@example.test")]
    [message] = run_at(timezone.now())
    client.post(unsubscribe_path(message))
    optout = OptOut.objects.get()
    assert optout.user is None and "ny@example.test" not in optout.address_hash
    nudge.due = [due("thing:2", None, timezone.localdate(), email="NY@example.test")]
    assert run_at(timezone.now() + timedelta(days=1)) == []


def test_a_link_for_a_deleted_account_changes_nothing(client, db, nudge):
    person = UserFactory()
    path = reverse("reminder_unsubscribe", args=[make_token(["test_nudge"], user=person)])
    person.delete()
    response = client.post(path)
    assert response.status_code == 400
    assert not OptOut.objects.exists()
