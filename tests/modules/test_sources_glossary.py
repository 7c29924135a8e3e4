"""Page front matter (sources), figures that need a source, and glossary ``term:`` links.

Each test copies the small tree in ``tests/modules/plain_content`` and changes one thing.
"""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from base.roles import Role
from modules.actions import enrol_learner, import_content
from modules.models import Industry, PageVariant
from modules.sources.loader import load_content
from tests.factories import UserFactory

FIXTURE = Path(__file__).resolve().parent / "plain_content"
SOURCES = '---\nsources:\n  - publisher: SSB\n    title: "Tall"\n    year: 2023\n---\n'


@pytest.fixture
def root(tmp_path) -> Path:
    path = tmp_path / "content"
    shutil.copytree(FIXTURE, path)
    return path


def write_page(root: Path, text: str, name: str = "intro.nb.md") -> Path:
    path = root / "klart-sprak" / "pages" / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(root: Path) -> list[str]:
    tree, problems = load_content(root)
    assert tree is None, "expected problems, content loaded fine"
    return [f"{Path(p.file).name}:{p.line}: {p.message}" for p in problems.sorted()]


def test_fixture_loads_with_sources_and_words(root):
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    nb = next(v for v in tree.modules[0].variants if v.language == "nb")
    assert nb.title == "Hvem gjør hva?"
    assert nb.sources == [{"publisher": "STAMI", "title": "Fakta om arbeidsmiljø", "year": 2024}]
    assert [w["key"] for w in nb.words] == ["verneombud", "regionalt-verneombud", "amu"]
    assert nb.words[0]["term"] == "verneombud"
    assert 'href="#term-verneombud"' in nb.html
    assert "term:" not in nb.html


def test_line_numbers_count_the_front_matter(root):
    write_page(root, SOURCES + "# Tittel\n\nTekst.\n\n# To titler\n")
    assert messages(root) == [
        "intro.nb.md:11: only the first line may be a '# ' heading; use '## '"
    ]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("---\nsorces: []\n---\n", "intro.nb.md:2: unknown key 'sorces' (allowed: sources)"),
        (
            "---\nsources:\n  - publisher: SSB\n    title: Tall\n---\n",
            "intro.nb.md:3: sources[0].year is required",
        ),
        (
            "---\nsources:\n  - publisher: SSB\n    title: Tall\n    year: 1850\n---\n",
            "intro.nb.md:5: sources[0].year must be a whole number from 1900 to 2100, not 1850",
        ),
        (
            "---\nsources:\n  - {publisher: SSB, year: 2020}\n---\n",
            "intro.nb.md:3: sources[0].title is required",
        ),
        ("---\nsources: [\n---\n", "intro.nb.md:2: YAML syntax:"),
        ("---\nsources: []\n# Tittel\n", "intro.nb.md:1: the front matter opened here is never"),
    ],
)
def test_front_matter_problems(root, front, expected):
    write_page(root, front + "# Tittel\n\nTekst.\n")
    found = messages(root)
    assert any(m.startswith(expected) for m in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Om lag 12 % er syke.",
        "Om lag 12% er syke.",
        "Tolv prosent er syke.",
        "About twelve per cent are ill.",
        "About 12 percent are ill.",
        "Około 12 procent choruje.",
        "3 av 10 er syke.",
        "3 of 10 are ill.",
        "3 na 10 choruje.",
        "Nesten ni av ti er kvinner.",
        "Nine in ten are women.",
        "1 in 5 is ill.",
        "Jeden na pięciu choruje.",
        "Om lag 105 000 jobber her.",
        "Om lag 105\u00a0000 jobber her.",
        "About 105,000 work here.",
        "Om lag 1500 jobber her.",
    ],
)
def test_a_figure_without_sources_fails(root, sentence):
    # in the English page: the figure check is the same in every language, LIX is not
    write_page(root, f"# Title\n\nIntro.\n\n{sentence}\n", "intro.en.md")
    found = messages(root)
    assert len(found) == 1, found
    assert found[0].startswith("intro.en.md:5: states a figure (")
    assert found[0].endswith(") but lists no sources in the front matter")


@pytest.mark.parametrize(
    "sentence",
    [
        "Fra 2024 gjelder regelen.",
        "Se aml § 2-3 og § 6-1.",
        "Har dere færre enn 5 ansatte, gjelder noe annet.",
        "Se [siden](https://example.test/2019/12345).",
        "Med 10 til 30 ansatte kan dere velge.",
        "En av partene kan kreve det. One of them is enough.",
        "The rule in § 6-1 in 2024 changed.",
        "Ring 22 95 70 00.",
    ],
)
def test_no_figure_needs_no_sources(root, sentence):
    write_page(root, f"# Title\n\n{sentence}\n", "intro.en.md")
    tree, problems = load_content(root)
    assert not problems, problems.sorted()


def test_a_figure_with_sources_passes(root):
    write_page(root, SOURCES + "# Tittel\n\nOm lag 12 % er syke.\n")
    tree, problems = load_content(root)
    assert not problems, problems.sorted()


def test_unknown_term_key_is_an_error(root):
    write_page(root, "# Tittel\n\nHer er [vernet](term:vern).\n")
    assert messages(root) == [
        "intro.nb.md:3: unknown glossary term 'vern' in [vernet](term:vern) "
        "(the keys are in glossary.yaml)"
    ]


def test_first_use_must_be_marked(root):
    write_page(
        root,
        "# Tittel\n\nAMU møtes ofte.\n\nDet gjør [AMU](term:amu) også.\n\n"
        "Verneombudene er viktige.\n",
    )
    assert messages(root) == [
        'intro.nb.md:3: first use of "AMU" must be marked as [AMU](term:amu)',
        'intro.nb.md:7: first use of "Verneombudene" must be marked as '
        "[Verneombudene](term:verneombud)",
    ]


def test_longest_form_first_and_whole_words(root):
    # "regionalt verneombud" is its own term; "verneombudsrollen" is no use of "verneombud";
    # a term in a link target or in code is no use either.
    write_page(
        root,
        "# Tittel\n\nEt [regionalt verneombud](term:regionalt-verneombud) hjelper.\n\n"
        "Regionalt verneombud igjen. Verneombudsrollen er stor.\n\n"
        "Se [siden](https://example.test/verneombud) og `AMU`.\n",
    )
    tree, problems = load_content(root)
    assert not problems, problems.sorted()


def test_marking_twice_is_fine_and_later_uses_are_plain(root):
    write_page(
        root,
        "# Tittel\n\n[Verneombudet](term:verneombud) er valgt. Verneombudet sier fra.\n\n"
        "[verneombudet](term:verneombud) igjen.\n",
    )
    tree, problems = load_content(root)
    assert not problems, problems.sorted()


def test_english_forms_are_checked_in_english_pages(root):
    write_page(root, "# Title\n\nThe safety representatives speak up.\n", "intro.en.md")
    assert messages(root) == [
        'intro.en.md:3: first use of "safety representatives" must be marked as '
        "[safety representatives](term:verneombud)"
    ]


def test_glossary_problems_have_lines(root):
    (root / "glossary.yaml").write_text(
        "- key: amu\n  forms: {nb: [AMU], en: [AMU]}\n  explanation: {nb: A, en: A, pl: A}\n",
        encoding="utf-8",
    )
    found = messages(root)
    assert found[0] == "glossary.yaml:2: [0].forms.pl must be a list of words"
    # the terms of the broken glossary are unknown, so the pages' term links are errors
    assert any(m.startswith("intro.nb.md:11: unknown glossary term 'verneombud'") for m in found)


def test_quiz_text_drops_term_links(root):
    quiz = root / "klart-sprak" / "quiz.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            '"Hvem velger verneombudet?"', '"Hvem velger [verneombudet](term:verneombud)?"'
        ),
        encoding="utf-8",
    )
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    assert tree.modules[0].parts["quiz"].questions[0].prompt["nb"] == "Hvem velger verneombudet?"


def test_check_content_command_reports_a_figure(root):
    write_page(root, "# Tittel\n\nOm lag 12 % er syke.\n")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_content", str(root), stdout=out)
    assert "intro.nb.md:3: states a figure (12 %) but lists no sources" in out.getvalue()


def test_the_page_shows_words_and_sources(root, client, db):
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    import_content(tree)
    variant = PageVariant.objects.get(language="nb", page__key="intro")
    assert variant.sources[0]["publisher"] == "STAMI"
    user = UserFactory(roles=[Role.SAFETY_REP])
    from modules.models import ModuleVersion

    version = ModuleVersion.objects.get(module__slug="klart-sprak", is_current=True)
    enrolment = enrol_learner(user, version, Industry.objects.get(slug="renhold"), "safety_rep")
    client.force_login(user)
    html = client.get(reverse("learn_page", args=[enrolment.pk, 1])).content.decode()
    assert '<a href="#term-verneombud">Verneombudet</a>' in html
    assert '<dt id="term-verneombud"><dfn>verneombud</dfn></dt>' in html
    assert "Verneombudet er valgt av de ansatte og passer på at arbeidet er trygt." in html
    assert "Ord på denne siden" in html
    assert "Kilder" in html
    assert "STAMI: Fakta om arbeidsmiljø (2024)" in html
