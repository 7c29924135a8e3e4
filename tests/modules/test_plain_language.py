"""LIX of bokmål pages and questions, and the give-away of the longest correct choice."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from modules.sources.loader import load_content
from modules.sources.plain import lix

FIXTURE = Path(__file__).resolve().parent / "plain_content"
# Under a title, LIX 41.0: 17 words in 3 sentences (the title is one), 6 of them long.
WARNING_BODY = (
    "Arbeidsgiveren skal sørge for at arbeidstakerne får god opplæring. "
    "[Verneombudet](term:verneombud) skal delta i planleggingen av arbeidet."
)
# Under a title, LIX 46.8: 17 words in 3 sentences, 7 of them long.
ERROR_BODY = (
    "Arbeidsgiveren skal sørge for at arbeidstakerne får nødvendig opplæring. "
    "[Verneombudet](term:verneombud) skal delta i planleggingen av arbeidet."
)

HARD_PROMPT = (
    "Hvordan organiserer arbeidsgiveren arbeidsmiljøarbeidet systematisk sammen med "
    "representantene for arbeidstakerne i virksomheten"
)


@pytest.fixture
def root(tmp_path) -> Path:
    path = tmp_path / "content"
    shutil.copytree(FIXTURE, path)
    return path


def write_page(root: Path, body: str, name: str = "intro.nb.md") -> Path:
    path = root / "klart-sprak" / "pages" / name
    path.write_text(f"# Tittel\n\n{body}\n", encoding="utf-8")
    return path


def run_check(root: Path, *args) -> tuple[str, bool]:
    out = StringIO()
    try:
        call_command("check_content", str(root), *args, stdout=out)
    except CommandError:
        return out.getvalue(), False
    return out.getvalue(), True


def add_question(root: Path, text: str) -> None:
    quiz = root / "klart-sprak" / "quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_lix_counts_words_sentences_and_long_words():
    # 7 words / 3 sentences (a heading ends one), no long word
    assert lix("# Tittel\n\nJeg går hjem. Du blir her.") == pytest.approx(7 / 3)
    # 3 words / 1 sentence + 100 * 3 long / 3
    assert lix("Arbeidsmiljøet forebygges systematisk.") == pytest.approx(103)
    assert lix(f"# Tittel\n\n{WARNING_BODY}") == pytest.approx(17 / 3 + 100 * 6 / 17)


def test_lix_ignores_link_targets_tags_and_markdown():
    plain = lix("## Om oss\n\nLes mer hos oss. Det er fint.")
    marked = lix(
        "## Om *oss*\n\nLes [mer](https://example.test/arbeidsmiljoinstituttet) "
        "hos <abbr title='organisasjonen'>oss</abbr>. Det er **fint**."
    )
    assert marked == pytest.approx(plain)


def test_a_page_above_40_is_a_warning_only(root):
    write_page(root, WARNING_BODY)
    out, ok = run_check(root)
    assert ok, out
    path = "klart-sprak/pages/intro.nb.md"
    assert f"{path}:1: warning: LIX 41.0 for this page is above 40" in out
    assert "OK: 1 industries" in out


def test_a_page_above_45_fails(root):
    write_page(root, ERROR_BODY)
    out, ok = run_check(root)
    assert not ok
    assert "klart-sprak/pages/intro.nb.md:1: LIX 46.8 for this page is too hard to read" in out


def test_the_title_line_is_where_the_problem_is_after_front_matter(root):
    path = root / "klart-sprak" / "pages" / "intro.nb.md"
    path.write_text(
        '---\nsources:\n  - {publisher: SSB, title: "Tall", year: 2024}\n---\n'
        f"# Tittel\n\n{ERROR_BODY}\n",
        encoding="utf-8",
    )
    tree, problems = load_content(root)
    assert [(p.line, p.message[:9]) for p in problems.sorted()] == [(5, "LIX 46.8 ")]


def test_english_pages_have_no_lix_check(root):
    write_page(root, ERROR_BODY, "intro.en.md")
    out, ok = run_check(root)
    assert ok, out
    assert "LIX" not in out


def test_a_hard_question_fails_on_its_line(root):
    add_question(
        root,
        f"""  - id: q2
    type: single_choice
    prompt: {{nb: "{HARD_PROMPT}", en: "Hard."}}
    choices:
      - id: a
        text: {{nb: "Ja", en: "Yes"}}
        correct: true
        feedback: {{nb: "Riktig.", en: "Right."}}
      - id: b
        text: {{nb: "Nei", en: "No"}}
        feedback: {{nb: "Feil.", en: "Wrong."}}
""",
    )
    out, ok = run_check(root)
    assert not ok
    assert "klart-sprak/quiz.yaml:15: LIX" in out
    assert "for question 'q2' is too hard to read" in out


def test_the_correct_choice_longest_too_often_is_a_warning(root):
    add_question(
        root,
        """  - id: q2
    type: single_choice
    prompt: {nb: "Hvem har ansvaret?", en: "Who is responsible?"}
    choices:
      - id: a
        text: {nb: "Arbeidsgiveren har ansvaret", en: "The employer is"}
        correct: true
        feedback: {nb: "Riktig.", en: "Right."}
      - id: b
        text: {nb: "Ingen", en: "Nobody"}
        feedback: {nb: "Feil.", en: "Wrong."}
""",
    )
    out, ok = run_check(root)
    assert ok, out
    assert (
        "klart-sprak/quiz.yaml:1: warning: the correct choice is the longest in 1 of 2 "
        "single_choice/scenario questions (at most a third): q2"
    ) in out


def test_the_fixture_has_no_warnings(root):
    out, ok = run_check(root)
    assert ok and "warning" not in out, out


def test_lix_table(root):
    write_page(root, WARNING_BODY)
    out, ok = run_check(root, "--lix")
    assert ok
    lines = out.splitlines()
    assert lines[0].split() == ["LIX", "file"]
    assert lines[1] == " 41.0  klart-sprak/pages/intro.nb.md"
    assert not any("intro.en.md" in line for line in lines)
