"""The trio's path as the three people take it, each on a phone without JavaScript, in
Norwegian: the demo leader starts a team for the demo workplace, invites the others, they
join and do the individual part, hold the joint session, agree a plan of three actions;
a month later the first check-in is due, is done, and the indicators show the change."""

import re
from datetime import timedelta

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.utils import timezone

from lms.demo import DEMO_PASSWORD, seed_demo
from quizzes.models import Choice
from teams.models import Team
from tests.browser.test_learner_path import STARTER, _check

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(browser):
    contexts = {}

    def open_as(email):
        if email not in contexts:
            contexts[email] = browser.new_context(
                viewport={"width": 320, "height": 640}, java_script_enabled=False, locale="nb-NO"
            )
        return contexts[email].pages[0] if contexts[email].pages else contexts[email].new_page()

    yield open_as
    for context in contexts.values():
        context.close()


def log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()


def do_individual_part(page, base, team):
    """Every page of the module, then the quiz, answered right."""
    page.goto(base + "/")
    page.get_by_role("link", name=re.compile("Fortsett")).first.click()
    while page.get_by_role("link", name="Neste").count():
        page.get_by_role("link", name="Neste").click()
    page.get_by_role("link", name="Gå til quizen").click()
    page.get_by_role("button", name="Start quizen").click()
    for fieldset in page.locator("fieldset.question").all():
        inputs = fieldset.locator("input").all()
        key = inputs[0].get_attribute("name").removeprefix("q-")
        right = {
            c.key
            for c in Choice.objects.filter(
                question__key=key, question__quiz__version__module__slug=STARTER, is_correct=True
            )
        }
        for item in inputs:
            if item.get_attribute("value") in right:
                item.check()
    page.get_by_role("button", name="Send inn svarene").click()
    assert "Du har bestått." in page.content()


def test_a_trio_from_invitation_to_first_check_in(live_server, content, people, checker):
    seed_demo()
    base = live_server.url
    axe, problems = Axe(), {}

    # The leader starts a team for the demo workplace.
    leader = people("leder@demo.test")
    log_in(leader, base, "leder@demo.test")
    leader.goto(base + "/teams/new/")
    leader.locator("#id_workplace").select_option(label="Solstua barnehage")
    leader.get_by_label("Leder", exact=True).check()
    leader.get_by_role("button", name="Opprett teamet").click()
    assert "Teamet er opprettet" in leader.content()
    team = Team.objects.order_by("-created_at").first()
    team_url = f"{base}/teams/{team.public_id}/"

    # Invitation links for the two other seats, read off the team page.
    links = {}
    for seat in ("safety_rep", "union_rep"):
        section = leader.locator(f"#seat-{seat}")
        section.get_by_role("button", name="Inviter").click()
        links[seat] = leader.locator(f"#seat-{seat} .link-text a").inner_text()
        assert leader.locator(f"#seat-{seat} figure.qr svg").count() == 1

    for seat, email in (
        ("safety_rep", "verneombud@demo.test"),
        ("union_rep", "tillitsvalgt@demo.test"),
    ):
        member = people(email)
        member.goto(links[seat])
        member.locator("#main").get_by_role("link", name="Logg inn").click()
        member.fill("input[name=login]", email)
        member.fill("input[name=password]", DEMO_PASSWORD)
        member.locator("form button[type=submit]").first.click()
        assert "/teams/join/" in member.url  # back at the invitation after logging in
        member.get_by_role("button", name="Godta og bli med i teamet").click()
        assert "Velkommen i teamet" in member.content()

    # Each takes the individual part at their own pace.
    for email in ("leder@demo.test", "verneombud@demo.test", "tillitsvalgt@demo.test"):
        do_individual_part(people(email), base, team)

    # The joint session: everyone's starting point, the factors, the plan.
    for value, email in (
        ("2", "leder@demo.test"),
        ("1", "verneombud@demo.test"),
        ("2", "tillitsvalgt@demo.test"),
    ):
        page = people(email)
        page.goto(team_url + "session/")
        for name in ("attention", "insight", "practice", "cooperation"):
            page.locator(f"#baseline input[name={name}][value='{value}']").check()
        page.get_by_role("button", name="Lagre svarene mine").click()
        assert "Svarene dine er lagret" in page.content()
    leader.goto(team_url + "session/")
    leader.locator("#id_key_1").select_option("emosjonelle-krav")
    leader.locator("#id_key_2").select_option("stoy")
    leader.locator("#id_custom_3").fill("Trange garderober")
    leader.get_by_role("button", name="Lagre faktorene").click()
    leader.get_by_role("link", name="Skriv planen").click()
    due = (timezone.localdate() + timedelta(days=21)).isoformat()
    for i, owner in enumerate(("leader", "safety_rep", "union_rep"), start=1):
        leader.locator(f"#id_text_{i}").fill(f"Tiltak nummer {i}")
        leader.locator(f"#id_owner_{i}").select_option(owner)
        leader.locator(f"#id_due_{i}").fill(due)
        leader.locator(f"#id_done_{i}").fill("Når det er gjort og sjekket")
    leader.get_by_role("button", name="Lagre planen").click()
    for email in ("leder@demo.test", "verneombud@demo.test", "tillitsvalgt@demo.test"):
        page = people(email)
        page.goto(team_url + "session/")
        page.get_by_role("button", name="Jeg bekrefter versjon 1").click()
    assert "Alle har bekreftet: planen er vedtatt." in page.content()

    leader.goto(team_url)
    assert "Teamet er fullført" in leader.content()
    assert leader.locator(".actions > li").count() == 3
    log_in(checker, base, "verneombud@demo.test")
    for path in ("", "session/", "plan/", "../", "../new/"):
        checker.goto(team_url + path)
        _check(checker, axe, f"team {path or 'page'}", problems)

    # A month on, the first check-in is due.
    with time_machine.travel(timezone.now() + timedelta(days=32)):
        # Sessions have expired by now. With a cache server (cached_db sessions) it drops
        # them by its own clock, which time_machine does not move: drop them as it would.
        cache.clear()
        member = people("tillitsvalgt@demo.test")
        log_in(member, base, "tillitsvalgt@demo.test")
        member.goto(team_url)
        member.get_by_role("link", name="Gjør oppfølging 1").click()
        for block in member.locator(".question").all():
            block.get_by_label("I gang").check()
        for name in ("attention", "insight", "practice", "cooperation"):
            member.locator(f"input[name={name}][value='3']").check()
        member.get_by_role("button", name="Lagre oppfølgingen").click()
        assert "Oppfølgingen er lagret" in member.content()
        # At the session the three answered 2, 1 and 2 (1.7 on average); now 3.
        changes = member.locator("#follow-up .indicator .change").all_inner_texts()
        assert changes == ["Endring: +1,3"] * 4
        log_in(checker, base, "verneombud@demo.test")
        checker.goto(f"{team_url}check-ins/2/")
        _check(checker, axe, "check-in not due", problems)
        checker.goto(team_url)
        _check(checker, axe, "team page after check-in", problems)
        checker.goto(f"{team_url}check-ins/1/")
        _check(checker, axe, "check-in done", problems)
    assert not problems, problems


def test_the_joint_session_shows_what_another_member_saved(live_server, content, browser):
    """Each on their own device: the page reloads itself when another member saves, but
    never over what this member is typing (then it says so instead)."""
    from teams.actions import map_factors, record_baseline
    from tests.teams.helpers import answers

    seed_demo()
    team = Team.objects.get(workplace__name="Solstua barnehage")
    leader = team.seats.get(role="leader").user
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nb-NO")
    page = context.new_page()
    log_in(page, live_server.url, "verneombud@demo.test")
    page.goto(f"{live_server.url}/teams/{team.public_id}/session/")

    map_factors(team.public_id, [{"key": "stoy"}], acting_user=leader)
    page.locator("#factors ol li", has_text="Støy").wait_for(timeout=15000)

    page.locator("#id_custom_2").fill("Trange garderober")  # typing, not saved
    record_baseline(team.public_id, answers(2), acting_user=leader)
    page.locator("#live").wait_for(state="visible", timeout=15000)
    assert page.locator("#id_custom_2").input_value() == "Trange garderober"
    context.close()
