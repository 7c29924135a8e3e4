"""``manage.py import_gift``: Moodle GIFT to the project's question YAML."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from modules.sources.loader import load_content

FIXTURES = Path(__file__).parent / "fixtures"
SUPPORTED = FIXTURES / "gift" / "supported.gift"
UNSUPPORTED = FIXTURES / "gift" / "unsupported.gift"


def run(*args) -> tuple[str, str, CommandError | None]:
    out, err, error = StringIO(), StringIO(), None
    try:
        call_command("import_gift", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        error = exc
    return out.getvalue(), err.getvalue(), error


@pytest.fixture
def converted() -> dict:
    out, err, error = run(SUPPORTED)
    assert error is None, err
    return yaml.safe_load(out)


def test_every_supported_question_type(converted):
    by_id = {q["id"]: q for q in converted["questions"]}
    assert list(by_id) == [
        "hvem-verneombudet-representerer",
        "tiltak-hoyt-oppe",
        "stans",
        "plikt",
        "supported-5",
        "supported-6",
        "ingen-stor-bokstav",
    ]
    single = by_id["hvem-verneombudet-representerer"]
    assert single["type"] == "single_choice"
    assert single["prompt"] == {"nb": "Hvem representerer verneombudet?"}
    assert [(c["id"], c.get("correct", False)) for c in single["choices"]] == [
        ("a", True),
        ("b", False),
        ("c", False),
    ]
    assert single["choices"][1]["feedback"] == {"nb": "Nei, leder representerer arbeidsgiveren."}
    several = by_id["tiltak-hoyt-oppe"]
    assert several["type"] == "multiple_choice"
    assert [c.get("correct", False) for c in several["choices"]] == [True, True, False]


def test_true_false_feedback_is_wrong_then_right(converted):
    by_id = {q["id"]: q for q in converted["questions"]}
    stans = {c["id"]: c for c in by_id["stans"]["choices"]}  # {T#if wrong#if right}
    assert stans["true"]["correct"] is True and "correct" not in stans["false"]
    assert stans["true"]["feedback"]["nb"] == "Riktig, det står i aml § 6-3."
    assert stans["false"]["feedback"]["nb"] == "Jo, aml § 6-3 gir den retten."
    plikt = {c["id"]: c for c in by_id["plikt"]["choices"]}  # {FALSE#...#...}
    assert plikt["false"]["correct"] is True
    assert plikt["false"]["feedback"]["nb"] == "Riktig, du skal si fra straks."
    assert by_id["supported-6"]["type"] == "true_false"  # {T#...#...}, no title


def test_escapes_comments_and_formats(converted):
    by_id = {q["id"]: q for q in converted["questions"]}
    assert by_id["supported-5"]["prompt"]["nb"] == (
        "Tegn som 1 = 1, ~ omtrent, # nummer, { og } og tid 10:30 er vanlig tekst."
    )
    assert (
        by_id["supported-5"]["choices"][0]["feedback"]["nb"]
        == "Riktig: de er skrevet med \\ foran."
    )
    assert by_id["ingen-stor-bokstav"]["prompt"]["nb"] == "Hva er *AMU*?"  # [markdown] dropped
    assert "comment" not in yaml.safe_dump(converted) and "//" not in yaml.safe_dump(converted)


def test_category_is_ignored_with_a_note():
    _out, err, error = run(SUPPORTED)
    assert error is None
    assert f"{SUPPORTED}:2: note: $CATEGORY ignored" in err


def test_the_output_passes_check_content_in_a_one_language_module(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "gift" / "content", root)
    (root / "gift-test" / "questions").mkdir()
    target = root / "gift-test" / "questions" / "moodle.yaml"
    _out, err, error = run(SUPPORTED, "--out", target)
    assert error is None and "7 question(s) written" in err
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    quiz = tree.modules[0].parts["quiz"]
    assert [q.type for q in quiz.questions] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "true_false",
        "single_choice",
        "true_false",
        "single_choice",
    ]
    assert quiz.questions[6].prompt == {"nb": "Hva er <em>AMU</em>?"}


def test_in_a_two_language_module_only_the_second_language_is_missing(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "pool", root)
    target = root / "pool-test" / "questions" / "moodle.yaml"
    assert run(SUPPORTED, "--out", target)[2] is None
    _tree, problems = load_content(root)
    messages = {p.message.split(" has ")[1] for p in problems.sorted()}
    assert messages == {"no text for 'en'"}


def test_english_text_with_lang_en():
    out, _err, error = run(SUPPORTED, "--lang", "en")
    assert error is None
    first = yaml.safe_load(out)["questions"][0]
    assert first["prompt"] == {"en": "Hvem representerer verneombudet?"}
    assert "the text is in 'en'" in out


EXPECTED = [
    (4, "short-answer questions (only = answers) are not supported"),
    (6, "numerical questions ({#...}) are not supported"),
    (9, "matching questions (->) are not supported"),
    (13, "essay questions ({}) are not supported"),
    (15, "descriptions (text without {answers}) are not supported"),
    (17, "the [html] text format is not supported"),
    (22, "general feedback (####) is not supported"),
    (25, "answer 'Noe som ikke går som planlagt.' has no feedback"),
    (27, "several = answers"),
]


def test_each_unsupported_feature_is_reported_at_its_line_and_nothing_is_written(tmp_path):
    target = tmp_path / "out.yaml"
    out, err, error = run(UNSUPPORTED, "--out", target)
    assert error is not None and error.returncode == 1
    assert "9 problem(s) found; nothing written" in str(error)
    lines = err.splitlines()
    assert len(lines) == len(EXPECTED)
    for line, (number, message) in zip(lines, EXPECTED, strict=True):
        assert line.startswith(f"{UNSUPPORTED}:{number}: {message}"), line
    assert not target.exists() and out == ""


def test_one_bad_question_stops_the_whole_file(tmp_path):
    gift = tmp_path / "mixed.gift"
    gift.write_text(SUPPORTED.read_text("utf-8") + "\n\nHvor mange? {#3}\n", encoding="utf-8")
    lines = SUPPORTED.read_text("utf-8").count("\n")
    out, err, error = run(gift)
    assert error is not None and out == ""
    assert err.strip().endswith(
        f"{gift}:{lines + 3}: numerical questions ({{#...}}) are not supported"
    )


@pytest.mark.parametrize(
    ("gift", "message"),
    [
        ("Hva? {=A#a ~B#b", "1: the answers' { has no closing }"),
        ("::Tittel uten slutt Hva? {=A#a ~B#b}", "1: a title starts with :: and ends with ::"),
        ("Hva? {T}", "1: a true/false answer needs feedback for both"),
        ("Hva? {=%50%A#a ~B#b}", "1: weights go with ~ answers"),
        ("Hva? {~%50%A#a =B#b ~C#c}", "1: mix of = and weighted answers"),
        ("Hva? {~%-50%A#a ~%0%B#b}", "1: no answer is right"),
        ("Hva? {=A#a ~B#b} og {=C#c ~D#d}", "1: only one {answers} block"),
        ("Hva? {=A#a ~#b}", "1: an answer has no text"),
        (
            "Hva? {=" + "#a ~".join("ABCDEFG") + "#g}",
            "1: 7 answers; a single_choice question has 2 to 6",
        ),
    ],
)
def test_other_mistakes(tmp_path, gift, message):
    path = tmp_path / "x.gift"
    path.write_text(gift + "\n", encoding="utf-8")
    _out, err, error = run(path)
    assert error is not None
    assert f"{path}:{message}" in err


def test_missing_word_questions_keep_the_text_after_the_answers(tmp_path):
    path = tmp_path / "x.gift"
    path.write_text("Verneombudet kan {=stanse#Ja. ~bremse#Nei.} farlig arbeid.\n", "utf-8")
    out, _err, error = run(path)
    assert error is None
    assert (
        yaml.safe_load(out)["questions"][0]["prompt"]["nb"]
        == "Verneombudet kan _____ farlig arbeid."
    )


def test_a_file_that_is_not_there():
    _out, _err, error = run(FIXTURES / "gift" / "nope.gift")
    assert error is not None and "nope.gift:1: no such file" in str(error)
