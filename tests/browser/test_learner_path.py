"""The learner's path as a person takes it: a phone, no JavaScript, in Norwegian."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from modules.models import Enrolment
from quizzes.models import Attempt, Choice

pytestmark = pytest.mark.django_db(transaction=True)

STARTER = "arbeidsmiljo-handler-om-arbeidet"


def answer_quiz(page, correct: bool):
    """Answer every question on the attempt page; right or wrong, on purpose."""
    for fieldset in page.locator("fieldset.question").all():
        inputs = fieldset.locator("input").all()
        name = inputs[0].get_attribute("name")
        key = name.removeprefix("q-")
        choices = Choice.objects.filter(
            question__key=key, question__quiz__version__module__slug=STARTER
        )
        wanted = {c.key for c in choices if c.is_correct == correct}
        if not correct:
            wanted = {next(iter(wanted))} if wanted else set()
        for item in inputs:
            if item.get_attribute("value") in wanted:
                item.check()
    page.get_by_role("button", name="Send inn svarene").click()


def test_sign_up_enrol_two_industries_fail_retry_pass_complete(live_server, content, phone):
    page = phone
    page.goto(live_server.url + "/accounts/signup/")
    page.locator("#id_email").fill("ny@example.test")
    page.locator("#id_password1").fill("et-langt-passord-2026")
    page.locator("#id_password2").fill("et-langt-passord-2026")
    page.get_by_label("Bransje").select_option(label="Barnehage")
    page.get_by_label("Tillitsvalgt").check()
    page.get_by_role("button", name=re.compile("Registrer")).click()

    page.goto(f"{live_server.url}/modules/{STARTER}/")
    assert page.locator("#id_industry").input_value() == "barnehage"
    page.get_by_role("button", name="Start", exact=True).click()
    assert "/page/1/" in page.url
    kindergarten_intro = page.locator("article").inner_text()

    # The same module for a second industry shows other pages.
    page.goto(f"{live_server.url}/modules/{STARTER}/")
    page.locator("#id_industry").select_option("bygg-og-anlegg")
    page.get_by_role("button", name="Start for denne bransjen").click()
    assert page.locator("article").inner_text() != kindergarten_intro

    # Back to the kindergarten enrolment: read every page with "Neste".
    enrolment = Enrolment.objects.get(industry__slug="barnehage")
    page.goto(f"{live_server.url}/learn/{enrolment.pk}/continue/")
    while page.get_by_role("link", name="Neste").count():
        page.get_by_role("link", name="Neste").click()
    page.get_by_role("link", name="Gå til quizen").click()
    page.get_by_role("button", name="Start quizen").click()
    answer_quiz(page, correct=False)
    assert "Du må ha" in page.content()  # not passed, with the pass mark
    assert page.locator(".feedback li").count() >= 10  # every choice explained
    # "Prøv igjen" by the score, with the attempts left (and again below the answers)
    assert "2 forsøk igjen" in page.locator(".next-step").first.inner_text()
    page.get_by_role("button", name="Prøv igjen").first.click()
    answer_quiz(page, correct=True)
    assert "Du har bestått." in page.content()
    page.get_by_role("link", name=re.compile("fullført")).first.click()
    assert "Du fullførte denne modulen" in page.content()
    assert Attempt.objects.filter(enrolment=enrolment).count() == 2
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


PAGES = [
    "/",
    "/modules/",
    f"/modules/{STARTER}/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]


def test_pages_pass_axe_and_fit_320px(live_server, content, learner, checker, client):
    axe = Axe()
    page = checker
    learner_pages = []
    # Log the checker in through the form, then visit the learner's pages too.
    from allauth.account.models import EmailAddress

    from tests.factories import PASSWORD

    EmailAddress.objects.create(user=learner, email=learner.email, verified=True, primary=True)
    problems = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        _check(page, axe, path, problems)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", learner.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.goto(f"{live_server.url}/modules/{STARTER}/")
    page.locator("form[action$='/enrol/'] button[type=submit]").click()
    enrolment = Enrolment.objects.get(user=learner)
    learner_pages = [
        "/",
        "/accounts/profile/",
        f"/learn/{enrolment.pk}/",
        f"/learn/{enrolment.pk}/page/1/",
        f"/learn/{enrolment.pk}/page/3/",
        f"/learn/{enrolment.pk}/quiz/",
    ]
    for path in learner_pages:
        page.goto(live_server.url + path)
        _check(page, axe, path, problems)
    page.goto(f"{live_server.url}/learn/{enrolment.pk}/quiz/")
    page.locator("form[action$='/quiz/start/'] button").click()
    _check(page, axe, "attempt form", problems)
    page.locator("form button[type=submit]").last.click()  # nothing answered: errors shown
    _check(page, axe, "attempt form with errors", problems)
    for fieldset in page.locator("fieldset.question").all():
        fieldset.locator("input").first.check()
    page.locator("form button[type=submit]").last.click()
    _check(page, axe, "attempt result", problems)
    assert not problems, problems


def _check(page, axe, label, problems):
    result = axe.run(page)
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in result.response["violations"]
    ]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 320:
        violations.append(f"page is {width} px wide at a 320 px viewport")
    if violations:
        problems[label] = violations
