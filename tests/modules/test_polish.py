"""Polish as a third language: content format, fallbacks, the player, switching mid-module."""

import shutil
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from django.utils import translation

from base.roles import Role
from modules.actions import enrol_learner, import_content
from modules.models import Industry, ModuleVersion, PageView
from modules.sources.loader import load_content
from tests.factories import UserFactory

FIXTURE = Path(__file__).resolve().parent / "plain_content"
SLUG = "klart-sprak"


@pytest.fixture
def root(tmp_path) -> Path:
    path = tmp_path / "content"
    shutil.copytree(FIXTURE, path)
    return path


def add_polish(root: Path) -> None:
    """Make the fixture module trilingual: metadata, pages and quiz in Polish too."""
    meta_path = root / SLUG / "module.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    meta["languages"] = ["nb", "en", "pl"]
    meta["title"]["pl"] = "Prosty język"
    meta["summary"]["pl"] = "Mały moduł do testów."
    meta["outcomes"]["pl"] = ["Wiesz, kto co robi."]
    meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    pages = root / SLUG / "pages"
    (pages / "intro.pl.md").write_text(
        "# Kto co robi?\n\n[Przedstawiciel ds. bezpieczeństwa](term:verneombud) dba o "
        "bezpieczeństwo.\n",
        encoding="utf-8",
    )
    (pages / "roller.pl.md").write_text("# Trzy role\n\nKierownik planuje.\n", encoding="utf-8")
    quiz_path = root / SLUG / "quiz.yaml"
    quiz = yaml.safe_load(quiz_path.read_text(encoding="utf-8"))
    for question in quiz["questions"]:
        question["prompt"]["pl"] = "Kto wybiera?"
        for choice in question["choices"]:
            choice["text"]["pl"] = f"Odpowiedź {choice['id']}"
            choice["feedback"]["pl"] = "Wyjaśnienie."
    quiz_path.write_text(yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8")


def import_tree(root: Path) -> ModuleVersion:
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    import_content(tree)
    return ModuleVersion.objects.get(module__slug=SLUG, is_current=True)


@pytest.fixture
def learner(db):
    return UserFactory(roles=[Role.SAFETY_REP])


def enrol(root: Path, learner):
    version = import_tree(root)
    return enrol_learner(learner, version, Industry.objects.get(slug="renhold"), "safety_rep")


def page_url(enrolment, number: int) -> str:
    return reverse("learn_page", args=[enrolment.pk, number])


def switch(client, language: str) -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302


# --- the content format ---------------------------------------------------------------


def test_a_trilingual_module_loads(root):
    add_polish(root)
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    assert {v.language for v in tree.modules[0].variants} == {"nb", "en", "pl"}
    polish = next(v for v in tree.modules[0].variants if v.language == "pl" and v.key == "intro")
    assert polish.words[0]["term"] == "przedstawiciel ds. bezpieczeństwa"


def test_polish_pages_are_checked_for_polish_terms(root):
    add_polish(root)
    (root / SLUG / "pages" / "roller.pl.md").write_text(
        "# Trzy role\n\nPrzedstawiciel ds. bezpieczeństwa mówi.\n", encoding="utf-8"
    )
    tree, problems = load_content(root)
    assert [p.message for p in problems.sorted()] == [
        'first use of "Przedstawiciel ds. bezpieczeństwa" must be marked as '
        "[Przedstawiciel ds. bezpieczeństwa](term:verneombud)"
    ]


def test_listing_pl_needs_every_polish_text(root):
    add_polish(root)
    (root / SLUG / "pages" / "roller.pl.md").unlink()
    tree, problems = load_content(root)
    assert [p.message for p in problems.sorted()] == [
        "page 'roller' has no file pages/roller.pl.md"
    ]


def test_an_industry_may_have_a_polish_name(root, db):
    (root / "industries.yaml").write_text(
        "- slug: renhold\n  name: {nb: Renhold, en: Cleaning, pl: Sprzątanie}\n", encoding="utf-8"
    )
    import_tree(root)
    industry = Industry.objects.get(slug="renhold")
    with translation.override("pl"):
        assert industry.name == "Sprzątanie"
    with translation.override("nb"):
        assert industry.name == "Renhold"


def test_without_a_polish_name_polish_readers_get_the_english_one(root, db):
    import_tree(root)
    industry = Industry.objects.get(slug="renhold")
    assert industry.name_pl == ""
    with translation.override("pl"):
        assert industry.name == "Cleaning"


def test_an_empty_polish_name_is_a_problem(root):
    (root / "industries.yaml").write_text(
        '- slug: renhold\n  name: {nb: Renhold, en: Cleaning, pl: ""}\n', encoding="utf-8"
    )
    tree, problems = load_content(root)
    assert [(p.line, p.message) for p in problems.sorted()] == [(2, "[0].name.pl must be a text")]


# --- the player -----------------------------------------------------------------------


def test_the_interface_speaks_polish(client, learner, root):
    enrolment = enrol(root, learner)
    client.force_login(learner)
    switch(client, "pl")
    html = client.get(page_url(enrolment, 1)).content.decode()
    assert '<html lang="pl">' in html
    assert "Dalej" in html  # "Next"
    assert '<option value="pl" selected lang="pl">Polski</option>' in html


def test_a_polish_learner_reads_english_where_the_module_has_no_polish(client, learner, root):
    enrolment = enrol(root, learner)
    client.force_login(learner)
    switch(client, "pl")
    html = client.get(page_url(enrolment, 1)).content.decode()
    assert '<article class="content" lang="en"' in html
    assert "Who does what?" in html
    assert "Words on this page" in html  # the word list speaks the page's language


def test_a_polish_learner_reads_polish_where_the_module_has_it(client, learner, root):
    add_polish(root)
    enrolment = enrol(root, learner)
    client.force_login(learner)
    switch(client, "pl")
    html = client.get(page_url(enrolment, 1)).content.decode()
    assert '<article class="content" lang="pl"' in html
    assert "Kto co robi?" in html
    assert "Słowa na tej stronie" in html


def test_switching_language_mid_module_keeps_progress(client, learner, root):
    add_polish(root)
    enrolment = enrol(root, learner)
    client.force_login(learner)
    switch(client, "nb")
    assert "Hvem gjør hva?" in client.get(page_url(enrolment, 1)).content.decode()
    switch(client, "pl")
    # the page seen in bokmål counts: "continue" goes on to page 2, in Polish
    response = client.get(reverse("learn_continue", args=[enrolment.pk]))
    assert response.url == page_url(enrolment, 2)
    assert "Trzy role" in client.get(response.url).content.decode()
    switch(client, "en")
    overview = client.get(reverse("learn_overview", args=[enrolment.pk])).content.decode()
    assert overview.count("Seen") >= 2
    assert PageView.objects.filter(enrolment=enrolment).count() == 2


def test_the_quiz_marks_the_question_language(client, learner, root):
    enrolment = enrol(root, learner)
    client.force_login(learner)
    switch(client, "pl")
    client.post(reverse("quiz_start", args=[enrolment.pk]))
    attempt = enrolment.attempts.get()
    html = client.get(reverse("attempt", args=[enrolment.pk, attempt.pk])).content.decode()
    assert 'lang="en">' in html  # the questions, in English for want of Polish
    assert '<legend lang="pl">Pytanie 1</legend>' in html


def test_the_catalogue_filters_by_polish(client, root, db):
    import_tree(root)
    assert "Klart språk" not in client.get(reverse("catalogue"), {"lang": "pl"}).content.decode()
    add_polish(root)
    import_tree(root)  # a new version, in Polish too
    assert "Klart språk" in client.get(reverse("catalogue"), {"lang": "pl"}).content.decode()
