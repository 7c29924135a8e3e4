"""Issue 12's two journeys, every step checked (tests/browser/journey.py): at 320 px
without JavaScript and at 1280 px with it, axe on every state, screenshots under
var/screenshots/. Each is walked from what the page offers: no typed URL after the first,
no menu."""

import re

import pytest

from quizzes.models import Attempt
from tests.browser.journey import open_journey
from tests.browser.test_learner_path import answer_quiz

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def journey(browser, request):
    contexts = []

    def start(name, screen):
        walk, opened = open_journey(browser, name, screen)
        contexts.extend(opened)
        return walk

    yield start
    for context in contexts:
        context.close()


def main_link(page, name):
    """A link in the page's content (never the menu in the header)."""
    return page.locator("#main").get_by_role("link", name=name, exact=isinstance(name, str))


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_a_new_person_from_the_landing_page_to_a_certificate(live_server, content, journey, screen):
    walk = journey("learner", screen)
    page = walk.page
    page.goto(live_server.url + "/")
    walk.state("landing")

    main_link(page, re.compile("Registrer deg")).click()
    walk.state("sign-up")
    page.locator("#main form button[type=submit]").click()  # empty: the site's own errors
    assert page.locator("#main .errorlist li").count() == 3
    walk.state("sign-up with errors")

    page.locator("#id_email").fill(f"ny-{screen}@example.test")
    page.locator("#id_password1").fill("et-langt-passord-2026")
    page.locator("#id_password2").fill("et-langt-passord-2026")
    page.locator("#main form button[type=submit]").click()
    assert page.url.endswith("/accounts/profile/")  # led on to industry and role
    walk.state("first step: industry and role")

    page.get_by_label("Bransje").select_option(label="Barnehage")
    page.get_by_label("Tillitsvalgt").check()
    page.get_by_role("button", name="Lagre og gå videre").click()
    assert "Nå kan du starte modulen" in page.content()
    walk.state("the module")

    page.locator("#main form button[type=submit]").click()  # "Start"
    assert "/page/1/" in page.url
    number = 1
    walk.state("page 1")
    while main_link(page, "Neste").count():
        main_link(page, "Neste").click()
        number += 1
        walk.state(f"page {number}")
    main_link(page, "Gå til quizen").click()
    walk.state("quiz")
    page.get_by_role("button", name="Start quizen").click()
    walk.state("quiz questions")
    answer_quiz(page, correct=False)
    assert "2 forsøk igjen" in page.locator(".next-step").first.inner_text()
    walk.state("quiz not passed")
    page.get_by_role("button", name="Prøv igjen").first.click()
    answer_quiz(page, correct=True)
    assert "Du har bestått." in page.content()
    walk.state("quiz passed")

    main_link(page, "Se kursbeviset ditt").first.click()
    assert "/certificates/" in page.url
    walk.state("certificate")
    assert Attempt.objects.count() == 2
    assert not walk.problems, walk.problems


def complete_course(user):
    """A member's individual part, through the player's and the quiz's own actions."""
    from modules.actions import record_page_view, record_quiz_passed
    from modules.models import Enrolment
    from modules.selectors import learner_pages

    for enrolment in Enrolment.objects.filter(user=user):
        for entry in learner_pages(enrolment):
            record_page_view(enrolment, entry.page, entry.variant.language)
        record_quiz_passed(enrolment)


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_demo_trio_from_the_team_page_to_an_agreed_plan(live_server, content, journey, screen):
    """The demo leader walks it; the two others do their part through the actions."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import User
    from lms.demo import DEMO_PASSWORD, seed_demo
    from teams.actions import confirm_plan, record_baseline
    from teams.models import Team
    from tests.teams.helpers import answers

    seed_demo()
    team = Team.objects.get(workplace__name="Solstua barnehage")
    others = list(User.objects.filter(email__in=["verneombud@demo.test", "tillitsvalgt@demo.test"]))
    walk = journey("trio", screen)
    page = walk.page
    page.goto(live_server.url + "/")
    main_link(page, "Jeg har allerede en konto").click()
    page.fill("input[name=login]", "leder@demo.test")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("#main form button[type=submit]").click()
    walk.state("home")

    main_link(page, "Solstua barnehage").click()
    walk.state("team page: the course first")
    page.locator("#next-step a.button").click()  # "Fortsett kurset ditt: …"
    assert "/page/1/" in page.url
    walk.state("course")
    while main_link(page, "Neste").count():
        main_link(page, "Neste").click()
    main_link(page, "Gå til quizen").click()
    page.get_by_role("button", name="Start quizen").click()
    answer_quiz(page, correct=True)
    main_link(page, "Se den fullførte modulen").first.click()
    walk.state("course completed")
    main_link(page, "Tilbake til teamet på Solstua barnehage").click()
    walk.state("team page: waiting for the others")

    for person in others:
        complete_course(person)
        record_baseline(team.public_id, answers(2), acting_user=person)
    page.reload()
    main_link(page, "Åpne fellesøkten").click()
    walk.state("joint session")
    for name in ("attention", "insight", "practice", "cooperation"):
        page.locator(f"#baseline input[name={name}][value='2']").check()
    page.get_by_role("button", name="Lagre svarene mine").click()
    assert "Svarene dine er lagret" in page.content()
    walk.state("joint session: answers saved")
    page.locator("#id_key_1").select_option("emosjonelle-krav")
    page.locator("#id_key_2").select_option("stoy")
    page.get_by_role("button", name="Lagre faktorene").click()
    walk.state("joint session: factors saved")

    main_link(page, "Skriv planen").click()
    walk.state("plan")
    due = (timezone.localdate() + timedelta(days=21)).isoformat()
    for i, owner in enumerate(("leader", "safety_rep", "union_rep"), start=1):
        page.locator(f"#id_text_{i}").fill(f"Tiltak nummer {i}")
        page.locator(f"#id_owner_{i}").select_option(owner)
        page.locator(f"#id_due_{i}").fill(due)
        page.locator(f"#id_done_{i}").fill("Når det er gjort og sjekket")
    page.get_by_role("button", name="Lagre planen").click()
    walk.state("plan saved: to confirm")

    for person in others:
        confirm_plan(team.public_id, 1, acting_user=person)
    page.reload()
    page.get_by_role("button", name="Jeg bekrefter versjon 1").click()
    assert "Alle har bekreftet: planen er vedtatt." in page.content()
    walk.state("agreed plan")
    main_link(page, re.compile("Solstua barnehage")).first.click()  # "← Solstua barnehage"
    assert "Teamet er fullført" in page.content()
    walk.state("team page: complete")
    assert not walk.problems, walk.problems
