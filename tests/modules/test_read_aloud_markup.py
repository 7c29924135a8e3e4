"""Read aloud is progressive enhancement: the server sends only an external script and
the labels; the button is made by the script (tests/browser/test_read_aloud.py)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from base.roles import Role
from modules.actions import enrol_learner, import_content
from modules.models import Industry, ModuleVersion
from modules.sources.loader import load_content
from tests.factories import UserFactory

FIXTURE = Path(__file__).resolve().parent / "plain_content"
SCRIPT = '<script src="/static/js/read-aloud.js" defer></script>'


@pytest.fixture
def enrolment(db):
    tree, problems = load_content(FIXTURE)
    assert not problems, problems.sorted()
    import_content(tree)
    version = ModuleVersion.objects.get(module__slug="klart-sprak", is_current=True)
    user = UserFactory(roles=[Role.SAFETY_REP])
    return enrol_learner(user, version, Industry.objects.get(slug="renhold"), "safety_rep")


def assert_no_inline_script(html: str) -> None:
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    assert not re.search(r"\son[a-z]+\s*=", html), "an inline event handler"


def test_a_module_page_loads_the_script_and_labels_its_content(client, enrolment):
    client.force_login(enrolment.user)
    html = client.get(reverse("learn_page", args=[enrolment.pk, 1])).content.decode()
    assert SCRIPT in html
    assert (
        '<article class="content" lang="nb" data-read-aloud="Les opp" '
        'data-read-aloud-stop="Stopp opplesingen">'
    ) in html
    assert "<button" not in html.split("<article")[1].split("</article>")[0]  # made by JS only
    assert_no_inline_script(html)


def test_the_labels_follow_the_interface_language(client, enrolment):
    client.force_login(enrolment.user)
    client.post(reverse("set_language"), {"language": "pl", "next": "/"})
    html = client.get(reverse("learn_page", args=[enrolment.pk, 1])).content.decode()
    assert 'data-read-aloud="Czytaj na głos" data-read-aloud-stop="Zatrzymaj czytanie"' in html


def test_quiz_questions_are_marked_for_reading(client, enrolment):
    client.force_login(enrolment.user)
    client.post(reverse("quiz_start", args=[enrolment.pk]))
    attempt = enrolment.attempts.get()
    html = client.get(reverse("attempt", args=[enrolment.pk, attempt.pk])).content.decode()
    assert SCRIPT in html
    assert re.search(r'<fieldset class="question"[^>]* lang="nb" data-read-aloud="Les opp"', html)
    assert_no_inline_script(html)


def test_the_sources_are_not_read(client, enrolment):
    client.force_login(enrolment.user)
    html = client.get(reverse("learn_page", args=[enrolment.pk, 1])).content.decode()
    assert (
        '<section class="sources" aria-labelledby="sources-heading" data-read-aloud-skip>' in html
    )
