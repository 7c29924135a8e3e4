"""Done when: with time moved forward, the demo trio agrees a plan and each member gets
exactly the expected check-in reminders, once, with links that open the right page; an
unanswered invitation brings its reminders. Phones of 320 px without JavaScript; the
reminder pages pass axe."""

import re
from datetime import timedelta

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone

from lms.demo import DEMO_PASSWORD, seed_demo
from mail.sender import send_pending
from reminders.engine import run
from teams.models import Team
from tests.browser.test_learner_path import _check
from tests.browser.test_team_path import log_in, people  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db(transaction=True)
TRIO = ("leder@demo.test", "verneombud@demo.test", "tillitsvalgt@demo.test")


def hourly_job() -> None:
    run()
    send_pending()


def reminder_parts(email: str) -> list[str]:
    """The headings of the reminder parts e-mailed to ``email`` (one line each)."""
    found = []
    for message in mail.outbox:
        if message.to == [email] and "List-Unsubscribe" in message.extra_headers:
            found += re.findall(r"^(Oppfølging \d .*)$", message.body, flags=re.M)
    return found


def link_for(email: str, heading: str) -> str:
    for message in mail.outbox:
        if message.to == [email] and heading in message.body:
            after = message.body.split(heading, 1)[1]
            return re.search(r"(https?://\S+/reminders/r/\S+/)", after).group(1)
    raise AssertionError(f"no e-mail to {email} about {heading}")


def open_link(page, link: str, email: str) -> None:
    """Open an e-mailed link; a session that ran out meanwhile asks to log in first, and
    then goes on to the same place."""
    page.goto(link)
    if "/accounts/login/" in page.url:
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.locator("form button[type=submit]").first.click()


def agree_a_plan(people, base, team_url):  # noqa: F811 - people is the fixture's function
    leader = people("leder@demo.test")
    log_in(leader, base, "leder@demo.test")
    leader.goto(team_url + "session/")
    leader.locator("#id_key_1").select_option("stoy")
    leader.get_by_role("button", name="Lagre faktorene").click()
    leader.goto(team_url + "plan/")
    due = (timezone.localdate() + timedelta(days=21)).isoformat()
    for i, owner in enumerate(("leader", "safety_rep", "union_rep"), start=1):
        leader.locator(f"#id_text_{i}").fill(f"Tiltak nummer {i}")
        leader.locator(f"#id_owner_{i}").select_option(owner)
        leader.locator(f"#id_due_{i}").fill(due)
        leader.locator(f"#id_done_{i}").fill("Når det er gjort og sjekket")
    leader.get_by_role("button", name="Lagre planen").click()
    for email in TRIO:
        page = people(email)
        if email != "leder@demo.test":
            log_in(page, base, email)
        page.goto(team_url + "session/")
        page.get_by_role("button", name="Jeg bekrefter versjon 1").click()
    assert "Alle har bekreftet: planen er vedtatt." in page.content()


def test_the_trio_gets_each_check_in_reminder_once_with_a_link_to_the_check_in(
    live_server,
    content,
    people,  # noqa: F811
    checker,
    settings,
):
    settings.SITE_URL = live_server.url
    seed_demo()
    base = live_server.url
    team = Team.objects.get(workplace__name="Solstua barnehage")
    team_url = f"{base}/teams/{team.public_id}/"
    agree_a_plan(people, base, team_url)
    check_ins = list(team.check_ins.order_by("number"))
    assert [c.number for c in check_ins] == [1, 2, 3]
    workplace = "Solstua barnehage"
    due_note = "Oppfølging {n} for teamet i " + workplace + " skal gjøres i dag"
    late_note = "Oppfølging {n} for teamet i " + workplace + " er to uker forsinket"

    start = timezone.now()
    last = check_ins[-1].due_at + timedelta(days=20)
    moment, first_done = start, False
    while moment < last:  # the hourly job, run every day through the follow-up
        moment += timedelta(days=1)
        with time_machine.travel(moment, tick=False):
            hourly_job()
            if not first_done and moment >= check_ins[0].due_at:
                # The union rep follows the link on the day and does check-in 1.
                page = people("tillitsvalgt@demo.test")
                open_link(page, link_for("tillitsvalgt@demo.test", due_note.format(n=1)), TRIO[2])
                assert page.url == f"{team_url}check-ins/1/"
                for block in page.locator(".question").all():
                    block.get_by_label("I gang").check()
                for name in ("attention", "insight", "practice", "cooperation"):
                    page.locator(f"input[name={name}][value='3']").check()
                page.get_by_role("button", name="Lagre oppfølgingen").click()
                assert "Oppfølgingen er lagret" in page.content()
                first_done = True
        with time_machine.travel(moment + timedelta(hours=1), tick=False):
            hourly_job()  # a second run the same day sends nothing new

    expected = sorted(
        [due_note.format(n=1), due_note.format(n=2), late_note.format(n=2)]
        + [due_note.format(n=3), late_note.format(n=3)]
    )
    for email in TRIO:
        assert sorted(reminder_parts(email)) == expected, email
    # Each link opens that member's check-in page (logged in as them on their phone).
    for email in TRIO:
        page = people(email)
        open_link(page, link_for(email, late_note.format(n=3)), email)
        assert page.url == f"{team_url}check-ins/3/"
        assert page.get_by_role("heading", level=1).count() == 1
    calendar = [m.attachments[0] for m in mail.outbox if "Oppfølging 2" in m.body and m.attachments]
    assert calendar and all("BEGIN:VEVENT" in ics for _name, ics, _type in calendar)

    # The reminder pages: the settings page and the one-click unsubscribe, checked by axe.
    axe, problems = Axe(), {}
    log_in(checker, base, "verneombud@demo.test")
    checker.goto(base + "/reminders/settings/")
    _check(checker, axe, "reminder settings", problems)
    message = next(m for m in mail.outbox if m.to == ["verneombud@demo.test"])
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    checker.goto(unsubscribe)
    _check(checker, axe, "unsubscribe", problems)
    checker.goto(base + "/reminders/unsubscribe/not-a-link/")
    _check(checker, axe, "unsubscribe, bad link", problems)
    phone = people("verneombud@demo.test")
    phone.goto(unsubscribe)
    phone.get_by_role("button", name="Stopp disse påminnelsene").click()
    assert "Påminnelsene er stoppet" in phone.content()
    phone.get_by_role("link", name=re.compile("Slå dem på igjen")).click()
    boxes = phone.locator("input[name=kind]")
    assert boxes.count() >= 3
    for i in range(boxes.count()):
        boxes.nth(i).check()
    phone.get_by_role("button", name="Lagre").click()
    assert "Innstillingene for påminnelser er lagret." in phone.content()
    assert not problems, problems


def test_an_unanswered_invitation_reminds_the_invitee_and_the_inviter(
    live_server,
    content,
    people,  # noqa: F811
    settings,
):
    settings.SITE_URL = live_server.url
    seed_demo()
    base = live_server.url
    leader = people("leder@demo.test")
    log_in(leader, base, "leder@demo.test")
    leader.goto(base + "/teams/new/")
    leader.locator("#id_workplace").select_option(label="Solstua barnehage")
    leader.get_by_label("Leder", exact=True).check()
    leader.get_by_role("button", name="Opprett teamet").click()
    team = Team.objects.order_by("-created_at").first()
    team_url = f"{base}/teams/{team.public_id}/"
    seat = leader.locator("#seat-safety_rep")
    seat.locator("input[name=email]").fill("ny.verneombud@example.test")
    seat.get_by_role("button", name="Inviter").click()
    send_pending()
    assert [m.to for m in mail.outbox] == [["ny.verneombud@example.test"]]  # the invitation

    start = timezone.now()
    for day in range(1, 14):
        with time_machine.travel(start + timedelta(days=day, hours=1), tick=False):
            hourly_job()
    reminders = [m for m in mail.outbox if "List-Unsubscribe" in m.extra_headers]
    to_invitee = [m for m in reminders if m.to == ["ny.verneombud@example.test"]]
    to_leader = [
        m for m in reminders if m.to == ["leder@demo.test"] and "invitasjonen" in m.body.lower()
    ]
    assert len(to_invitee) == 2 and len(to_leader) == 2
    stranger = people("ukjent@example.test")
    stranger.goto(link_for("ny.verneombud@example.test", "Invitasjonen din"))
    assert "/teams/join/" in stranger.url
    open_link(leader, link_for("leder@demo.test", "Ingen svar ennå"), "leder@demo.test")
    assert leader.url == f"{team_url}#seat-safety_rep"
