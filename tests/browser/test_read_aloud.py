"""Read aloud in a real browser: the button appears only where speech synthesis exists,
reads the main content in the page's language, and stops on a second press.

The browser's speech synthesis is replaced by a recorder (an init script), so the test
hears what would be spoken without a speaker or voices.
"""

from pathlib import Path

import pytest

from base.roles import Role
from modules.actions import enrol_learner, import_content
from modules.models import Industry, ModuleVersion
from modules.sources.loader import load_content
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURE = Path(__file__).resolve().parents[1] / "modules" / "plain_content"
RECORDER = """
window.__utterances = [];
window.__cancelled = 0;
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: {
    speak(u) { window.__utterances.push(u); },
    cancel() { window.__cancelled += 1; },
    getVoices() { return []; },
  },
});
"""
NO_SPEECH = """
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: undefined});
"""


@pytest.fixture
def enrolment(db):
    tree, problems = load_content(FIXTURE)
    assert not problems, problems.sorted()
    import_content(tree)
    version = ModuleVersion.objects.get(module__slug="klart-sprak", is_current=True)
    user = UserFactory(roles=[Role.SAFETY_REP])
    return enrol_learner(user, version, Industry.objects.get(slug="renhold"), "safety_rep")


def open_as(browser, live_server, client, enrolment, path, *, script=None, javascript=True):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, java_script_enabled=javascript, locale="nb-NO"
    )
    if script:
        context.add_init_script(script)
    client.force_login(enrolment.user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(live_server.url + path)
    return page


def spoken(page) -> list[dict]:
    return page.evaluate("window.__utterances.map(u => ({text: u.text, lang: u.lang}))")


def test_reads_the_page_and_stops_on_a_second_press(browser, live_server, client, enrolment):
    page = open_as(
        browser, live_server, client, enrolment, f"/learn/{enrolment.pk}/page/1/", script=RECORDER
    )
    button = page.get_by_role("button", name="Les opp")
    assert button.count() == 1
    # placed right after the page title, inside the content
    assert page.evaluate(
        "document.querySelector('article h1').nextElementSibling.matches('button.read-aloud')"
    )
    button.click()
    said = spoken(page)
    text = " ".join(u["text"] for u in said)
    assert {u["lang"] for u in said} == {"nb"}
    assert "Hvem gjør hva?" in text
    assert "Verneombudet er valgt av de ansatte." in text
    assert "Ord på denne siden" in text  # the word list is read with the page
    assert "Fakta om arbeidsmiljø" not in text  # the sources are not
    assert "Les opp" not in text and "Neste" not in text  # neither the button nor the menu
    stop = page.get_by_role("button", name="Stopp opplesingen")
    assert stop.count() == 1
    stop.click()
    assert page.evaluate("window.__cancelled") >= 1
    assert page.get_by_role("button", name="Les opp").count() == 1


def test_the_button_resets_when_reading_ends(browser, live_server, client, enrolment):
    page = open_as(
        browser, live_server, client, enrolment, f"/learn/{enrolment.pk}/page/1/", script=RECORDER
    )
    page.get_by_role("button", name="Les opp").click()
    page.evaluate("window.__utterances.at(-1).dispatchEvent(new Event('end'))")
    assert page.get_by_role("button", name="Les opp").count() == 1


def test_reads_a_quiz_question(browser, live_server, client, enrolment):
    client.force_login(enrolment.user)
    client.post(f"/learn/{enrolment.pk}/quiz/start/")
    attempt = enrolment.attempts.get()
    page = open_as(
        browser,
        live_server,
        client,
        enrolment,
        f"/learn/{enrolment.pk}/quiz/{attempt.pk}/",
        script=RECORDER,
    )
    # after the legend: a legend stays the fieldset's first child
    assert page.evaluate(
        "document.querySelector('fieldset legend').nextElementSibling.matches('.read-aloud')"
    )
    page.locator("fieldset.question .read-aloud").first.click()
    text = " ".join(u["text"] for u in spoken(page))
    assert "Hvem velger verneombudet?" in text
    assert "De ansatte" in text and "Lederen alene" in text
    assert "Send inn svarene" not in text


def test_no_button_without_speech_synthesis(browser, live_server, client, enrolment):
    page = open_as(
        browser, live_server, client, enrolment, f"/learn/{enrolment.pk}/page/1/", script=NO_SPEECH
    )
    assert page.locator(".read-aloud").count() == 0
    page.get_by_role("link", name="Neste").click()
    assert "Tre roller" in page.content()


def test_without_javascript_nothing_shows_and_the_page_works(
    browser, live_server, client, enrolment
):
    page = open_as(
        browser, live_server, client, enrolment, f"/learn/{enrolment.pk}/page/1/", javascript=False
    )
    assert page.locator("button.read-aloud, .read-aloud").count() == 0
    assert "Verneombudet er valgt av de ansatte." in page.inner_text("article")
    page.get_by_role("link", name="Neste").click()
    assert "Tre roller" in page.content()
