"""``check_content`` / ``import_content`` and the loader behind them.

Every test copies the real content tree into ``tmp_path``, breaks one thing and asserts
the exact problem reported: the file, the line and (part of) the message.
"""

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from modules.models import Enrolment, Industry, Module, ModuleVersion, Page, PageVariant
from modules.sources.loader import load_content
from quizzes.models import Choice, Question, Quiz
from tests.fixtures import FIXTURE_CONTENT

SLUG = "arbeidsmiljo-handler-om-arbeidet"
PROBLEM_LINE = re.compile(r"^(?P<file>\S.*):(?P<line>\d+): (?P<message>.+)$")


# --- helpers ---------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path) -> Path:
    """A fresh, valid copy of the real content tree."""
    path = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, path)
    return path


def mod(root: Path, name: str = "") -> Path:
    return root / SLUG / name if name else root / SLUG


def page(root: Path, name: str) -> Path:
    return root / SLUG / "pages" / name


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def edit_question(root: Path, qid: str, old: str, new: str, count: int = -1) -> None:
    """Replace text inside one question's block of quiz.yaml only."""
    path = mod(root, "quiz.yaml")
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {qid}\n")
    end = text.find("\n  - id: q", start + 1)
    end = len(text) if end == -1 else end
    block = text[start:end]
    assert old in block, f"{old!r} not in question {qid}"
    path.write_text(text[:start] + block.replace(old, new, count) + text[end:], encoding="utf-8")


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """1-based number of the first line containing ``needle`` (after the line with ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if after in line) + 1
    return next(i + 1 for i in range(start, len(lines)) if needle in lines[i])


def problems_of(path: Path) -> list:
    tree, problems = load_content(path)
    assert problems, "expected problems, content loaded fine"
    assert tree is None
    return problems.sorted()


def assert_problem(path: Path, file: Path | str, line: int, message: str) -> list:
    """Assert exactly this problem is among those found; return them all."""
    problems = problems_of(path)
    suffix = str(file.relative_to(path)) if isinstance(file, Path) else file
    found = [
        p for p in problems if p.file.endswith(suffix) and p.line == line and message in p.message
    ]
    shown = "\n".join(str(p) for p in problems)
    assert found, f"no '{suffix}:{line}: ...{message}...' in:\n{shown}"
    return problems


def check(path: Path) -> tuple[list[str], CommandError | None]:
    """Run check_content; return its output lines and the error it raised, if any."""
    out = StringIO()
    error = None
    try:
        call_command("check_content", str(path), stdout=out)
    except CommandError as exc:
        error = exc
    return out.getvalue().splitlines(), error


# --- the real content ---------------------------------------------------------------------


def test_copied_content_passes(root):
    lines, error = check(root)
    assert error is None
    assert lines and lines[-1].startswith("OK:")


def test_checking_one_module_folder(root):
    lines, error = check(mod(root))
    assert error is None
    assert re.match(r"^OK: \d+ industries, 1 module\(s\), \d+ page files$", lines[-1])


def test_checking_one_broken_module_folder_reports_it(root):
    edit(mod(root, "module.yaml"), "minutes: 20", "minutes: 0")
    lines, error = check(mod(root))
    assert error is not None
    assert error.returncode == 1
    assert len(lines) == 1
    line = line_of(mod(root, "module.yaml"), "minutes:")
    assert lines[0].endswith(
        f"{SLUG}/module.yaml:{line}: minutes must be a whole number from 1 to 240, not 0"
    )


def test_one_module_folder_uses_the_configured_industries(root, settings):
    """A module folder on its own is checked against CONTENT_DIR's industries.yaml."""
    edit(
        root / "industries.yaml",
        "- slug: barnehage\n  name: {nb: Barnehage, en: Kindergarten}\n",
        "",
    )
    settings.CONTENT_DIR = root
    assert_problem(
        mod(root),
        page(root, "intro.nb.barnehage.md"),
        1,
        "'barnehage' is no industry or role",
    )


def test_no_such_path(tmp_path):
    lines, error = check(tmp_path / "nowhere")
    assert error is not None
    assert len(lines) == 1
    assert lines[0].endswith("nowhere:1: no such file or folder")


# --- command behaviour and output format ------------------------------------------------


def test_problem_raises_command_error_with_returncode_1(root):
    edit(mod(root, "quiz.yaml"), "pass_mark: 70", "pass_mark: 0")
    lines, error = check(root)
    assert isinstance(error, CommandError)
    assert error.returncode == 1
    assert str(error) == "1 problem(s) found"
    assert lines == [
        f"{mod(root, 'quiz.yaml')}:{line_of(mod(root, 'quiz.yaml'), 'pass_mark:')}: "
        "pass_mark must be a whole number from 1 to 100, not 0"
    ]


def test_output_is_path_colon_line_colon_message_relative_to_cwd(root, monkeypatch):
    monkeypatch.chdir(root.parent.resolve())
    edit(mod(root, "quiz.yaml"), "pass_mark: 70", "pass_mark: 101")
    edit(mod(root, "module.yaml"), "minutes: 20", "minutes: 241")
    lines, error = check(Path("content"))
    assert error is not None
    for line in lines:
        assert PROBLEM_LINE.match(line), line
    assert lines == [
        f"content/{SLUG}/module.yaml:{line_of(mod(root, 'module.yaml'), 'minutes:')}: "
        "minutes must be a whole number from 1 to 240, not 241"
    ]


def test_several_problems_are_all_reported_in_one_run(root):
    industries = root / "industries.yaml"
    industries.write_text(
        industries.read_text(encoding="utf-8")
        + "- slug: Fiske\n  name: {nb: Fiske, en: Fishing}\n",
        encoding="utf-8",
    )
    page(root, "verktoy.nb.md").write_text("Ingen tittel\n\nTekst.\n", encoding="utf-8")
    edit(mod(root, "quiz.yaml"), "max_attempts: 3", "max_attempts: -1")
    (mod(root) / "notes.txt").write_text("todo\n", encoding="utf-8")
    (root / "tom-modul").mkdir()

    fiske = line_of(industries, "slug: Fiske")
    attempts = line_of(mod(root, "quiz.yaml"), "max_attempts:")

    lines, error = check(root)

    assert error is not None
    assert str(error) == "5 problem(s) found"
    assert len(lines) == 5
    parsed = [PROBLEM_LINE.match(line) for line in lines]
    assert all(parsed), lines
    got = {(Path(m["file"]).name, int(m["line"]), m["message"]) for m in parsed}
    assert got == {
        ("industries.yaml", fiske, "slug 'Fiske' must be lower-case-with-hyphens"),
        ("verktoy.nb.md", 1, "a page starts with its title as a '# Title' heading"),
        ("quiz.yaml", attempts, "max_attempts must be a whole number from 0 to 100, not -1"),
        (
            "notes.txt",
            1,
            "unexpected file in a module folder (module.yaml, quiz.yaml, pages/, questions/)",
        ),
        ("module.yaml", 1, "a module folder needs a module.yaml"),
    }
    in_order = [(m["file"], int(m["line"]), m["message"]) for m in parsed]
    assert in_order == sorted(in_order)


# --- YAML files -----------------------------------------------------------------------


def test_yaml_syntax_error_has_its_line(root):
    edit(mod(root, "module.yaml"), "minutes: 20", "minutes: 20: 30")
    problems = assert_problem(
        root,
        mod(root, "module.yaml"),
        line_of(mod(root, "module.yaml"), "minutes: 20: 30"),
        "YAML syntax: mapping values are not allowed here",
    )
    assert len(problems) == 1


def test_yaml_syntax_error_in_quiz(root):
    edit_question(root, "q2", "type: multiple_choice", "type: multiple_choice: yes")
    line = line_of(quiz(root), "type: multiple_choice: yes")
    problems = assert_problem(
        root, quiz(root), line, "YAML syntax: mapping values are not allowed here"
    )
    assert len(problems) == 1


@pytest.mark.parametrize("name", ["module.yaml", "quiz.yaml"])
def test_empty_module_file(root, name):
    mod(root, name).write_text("", encoding="utf-8")
    assert_problem(root, mod(root, name), 1, "file is empty")


def test_empty_industries_file(root):
    (root / "industries.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert_problem(root, root / "industries.yaml", 1, "file is empty")


def test_file_that_is_not_utf8(root):
    mod(root, "quiz.yaml").write_bytes("pass_mark: 70 # æøå\n".encode("latin-1"))
    assert_problem(root, mod(root, "quiz.yaml"), 1, "file is not UTF-8 text")


def test_module_yaml_that_is_not_a_mapping(root):
    mod(root, "module.yaml").write_text("- slug: x\n", encoding="utf-8")
    assert_problem(
        root, mod(root, "module.yaml"), 1, "the file must be a mapping of keys to values"
    )


# --- industries.yaml ------------------------------------------------------------------


def test_missing_industries_yaml(root):
    (root / "industries.yaml").unlink()
    assert_problem(root, root / "industries.yaml", 1, "industries.yaml is missing")


def test_industries_yaml_must_be_a_list(root):
    (root / "industries.yaml").write_text("slug: barnehage\n", encoding="utf-8")
    assert_problem(root, root / "industries.yaml", 1, "industries.yaml must be a non-empty list")


def test_industry_listed_twice(root):
    path = root / "industries.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "- slug: renhold\n  name: {nb: Renhold, en: Cleaning}\n",
        encoding="utf-8",
    )
    line = len(path.read_text(encoding="utf-8").splitlines()) - 1
    assert_problem(root, path, line, "industry 'renhold' is listed twice")


def test_industry_without_english_name(root):
    path = root / "industries.yaml"
    edit(path, "name: {nb: Renhold, en: Cleaning}", "name: {nb: Renhold}")
    assert_problem(root, path, line_of(path, "Renhold"), "[3].name has no text for 'en'")


def test_unknown_key_in_industries(root):
    path = root / "industries.yaml"
    edit(path, "- slug: renhold\n", "- slug: renhold\n  colour: blue\n")
    assert_problem(
        root,
        path,
        line_of(path, "colour"),
        "unknown key 'colour' (allowed: factors, joint, name, regional_safety_reps, slug)",
    )


# --- module.yaml ----------------------------------------------------------------------


def test_unknown_key_in_module(root):
    path = mod(root, "module.yaml")
    path.write_text(path.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert_problem(root, path, line, "unknown key 'colour' (allowed: industries, joint, languages")


def test_slug_must_equal_folder_name(root):
    path = mod(root, "module.yaml")
    edit(path, f"slug: {SLUG}", "slug: et-annet-navn")
    assert_problem(
        root,
        path,
        line_of(path, "slug:"),
        f"slug 'et-annet-navn' must equal the folder name '{SLUG}'",
    )


def test_slug_must_be_lower_case(root):
    shutil.move(mod(root), root / "Stor-Modul")
    path = root / "Stor-Modul" / "module.yaml"
    edit(path, f"slug: {SLUG}", "slug: Stor-Modul")
    assert_problem(root, path, line_of(path, "slug:"), "slug must be lower-case-with-hyphens")


def test_missing_slug(root):
    path = mod(root, "module.yaml")
    edit(path, f"slug: {SLUG}\n", "")
    assert_problem(root, path, 1, "slug is required")


def test_unquoted_version_is_a_float(root):
    path = mod(root, "module.yaml")
    edit(path, 'version: "1.0"', "version: 1.0")
    assert_problem(
        root, path, line_of(path, "version:"), 'write the version in quotes: version: "1.0"'
    )


@pytest.mark.parametrize("value", ['"1"', '"v1.0"', '"1.0.2"', "1", '""', "[1, 0]"])
def test_malformed_version(root, value):
    path = mod(root, "module.yaml")
    edit(path, 'version: "1.0"', f"version: {value}")
    assert_problem(
        root, path, line_of(path, "version:"), 'version must look like "1.0" (MAJOR.MINOR)'
    )


def test_missing_version(root):
    path = mod(root, "module.yaml")
    edit(path, 'version: "1.0"\n', "")
    assert_problem(root, path, 1, 'version must look like "1.0" (MAJOR.MINOR)')


@pytest.mark.parametrize("value", ["[nb, de]", "[]", "[nb, nb]", "nb", "5", "{nb: yes}"])
def test_bad_languages(root, value):
    path = mod(root, "module.yaml")
    edit(path, "languages: [nb, en]", f"languages: {value}")
    assert_problem(root, path, line_of(path, "languages:"), "languages must be a list from nb, en")


@pytest.mark.parametrize("value", ["[leader, boss]", "[]", "leader", "[[leader]]"])
def test_bad_roles(root, value):
    path = mod(root, "module.yaml")
    edit(path, "roles: [leader, safety_rep, union_rep]", f"roles: {value}")
    assert_problem(
        root,
        path,
        line_of(path, "roles:"),
        "roles must be a list from leader, safety_rep, union_rep",
    )


def test_unknown_industry(root):
    path = mod(root, "module.yaml")
    edit(path, "industries: all", "industries:\n  - barnehage\n  - fiske")
    assert_problem(
        root, path, line_of(path, "- fiske"), "unknown industry 'fiske' (see industries.yaml)"
    )


def test_industry_written_as_a_mapping(root):
    """An author copying the industries.yaml form gets a problem, not a crash."""
    path = mod(root, "module.yaml")
    edit(path, "industries: all", "industries:\n  - slug: barnehage")
    assert_problem(root, path, line_of(path, "- slug: barnehage"), "unknown industry")


@pytest.mark.parametrize("value", ["some", "[]", "5"])
def test_industries_must_be_all_or_a_list(root, value):
    path = mod(root, "module.yaml")
    edit(path, "industries: all", f"industries: {value}")
    assert_problem(
        root,
        path,
        line_of(path, "industries:"),
        "industries must be 'all' or a list of industry slugs",
    )


@pytest.mark.parametrize("value", ["0", "241", "-5", '"20"', "20.5", "true"])
def test_minutes_out_of_range(root, value):
    path = mod(root, "module.yaml")
    edit(path, "minutes: 20", f"minutes: {value}")
    assert_problem(
        root, path, line_of(path, "minutes:"), "minutes must be a whole number from 1 to 240"
    )


def test_minutes_missing(root):
    path = mod(root, "module.yaml")
    edit(path, "minutes: 20\n", "")
    assert_problem(root, path, 1, "minutes is required")


def test_validity_months_out_of_range(root):
    path = mod(root, "module.yaml")
    edit(path, "validity_months: 24", "validity_months: 121")
    assert_problem(
        root,
        path,
        line_of(path, "validity_months:"),
        "validity_months must be a whole number from 1 to 120, not 121",
    )


def test_validity_months_is_optional(root):
    edit(mod(root, "module.yaml"), "validity_months: 24\n", "")
    tree, problems = load_content(root)
    assert not problems
    assert tree.modules[0].meta["validity_months"] is None


def test_title_missing_a_language(root):
    path = mod(root, "module.yaml")
    edit(path, '  en: "The work environment is about the work"\n', "")
    assert_problem(root, path, line_of(path, "title:"), "title has no text for 'en'")


def test_title_with_a_language_the_module_lacks(root):
    path = mod(root, "module.yaml")
    edit(path, '  en: "The work environment is about the work"', '  de: "Arbeit"')
    problems = assert_problem(
        root,
        path,
        line_of(path, 'de: "Arbeit"'),
        "title has text for 'de', which is not in the module's languages",
    )
    assert any("title has no text for 'en'" in p.message for p in problems)


def test_title_must_be_a_language_map(root):
    path = mod(root, "module.yaml")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"title:\n  nb: .*\n  en: .*\n", 'title: "Bare en tekst"\n', text)
    path.write_text(text, encoding="utf-8")
    assert_problem(
        root, path, line_of(path, "title:"), "title must be a mapping of language to text"
    )


def test_summary_with_empty_text(root):
    path = mod(root, "module.yaml")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"  nb: >-\n(    .*\n)+", '  nb: "  "\n', text, count=1)
    path.write_text(text, encoding="utf-8")
    assert_problem(root, path, line_of(path, "summary:"), "summary has no text for 'nb'")


def test_outcomes_with_too_many_items(root):
    path = mod(root, "module.yaml")
    edit(path, "outcomes:\n  nb:\n", "outcomes:\n  nb:\n" + '    - "Mer"\n' * 4)
    line = line_of(path, "  nb:", after="outcomes:")
    assert_problem(root, path, line, "outcomes.nb must be a list of 1 to 8 texts")


def test_outcomes_missing_a_language(root):
    path = mod(root, "module.yaml")
    text = path.read_text(encoding="utf-8")
    start = text.index('  en:\n    - "Explain')
    end = text.index("pages:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert_problem(
        root, path, line_of(path, "outcomes:"), "outcomes.en must be a list of 1 to 8 texts"
    )


def test_outcomes_with_an_empty_item(root):
    path = mod(root, "module.yaml")
    edit(path, '    - "Make a small action plan together and follow it up."', '    - ""')
    line = line_of(path, "  en:", after="outcomes:")
    assert_problem(root, path, line, "outcomes.en must be a list of 1 to 8 texts")


def test_outcomes_must_be_a_mapping(root):
    path = mod(root, "module.yaml")
    text = path.read_text(encoding="utf-8")
    start = text.index("outcomes:")
    end = text.index("pages:")
    path.write_text(text[:start] + 'outcomes: ["En ting"]\n' + text[end:], encoding="utf-8")
    assert_problem(
        root, path, line_of(path, "outcomes:"), "outcomes must map each language to a list of texts"
    )


def test_duplicate_page_key(root):
    path = mod(root, "module.yaml")
    edit(path, "pages: [intro, roller, faktorer,", "pages: [intro, roller, intro, faktorer,")
    assert_problem(root, path, line_of(path, "pages:"), "page 'intro' is listed twice")


@pytest.mark.parametrize("value", ["[]", "intro", "[Intro]", "[intro_1]"])
def test_bad_pages_list(root, value):
    path = mod(root, "module.yaml")
    edit(path, "pages: [intro, roller, faktorer, verktoy, i-praksis]", f"pages: {value}")
    problems = problems_of(root)
    assert any(
        p.file.endswith("module.yaml")
        and p.line == line_of(path, "pages:")
        and ("pages must be a non-empty list" in p.message or "must be lower-case" in p.message)
        for p in problems
    ), problems


# --- pages ----------------------------------------------------------------------------


def test_page_listed_without_file(root):
    path = mod(root, "module.yaml")
    edit(path, "i-praksis]", "i-praksis, ekstra]")
    problems = assert_problem(
        root, path, line_of(path, "pages:"), "page 'ekstra' has no file pages/ekstra.nb.md"
    )
    assert any("page 'ekstra' has no file pages/ekstra.en.md" in p.message for p in problems)


def test_page_listed_with_only_a_variant_file(root):
    """A variant does not replace the base page for that language."""
    path = mod(root, "module.yaml")
    page(root, "verktoy.nb.md").rename(page(root, "verktoy.nb.leader.md"))
    assert_problem(
        root, path, line_of(path, "pages:"), "page 'verktoy' has no file pages/verktoy.nb.md"
    )


def test_page_file_not_listed(root):
    page(root, "ekstra.nb.md").write_text("# Ekstra\n\nTekst.\n", encoding="utf-8")
    assert_problem(
        root, page(root, "ekstra.nb.md"), 1, "page 'ekstra' is not listed in module.yaml pages"
    )


def test_page_file_for_unknown_language(root):
    page(root, "intro.de.md").write_text("# Einführung\n\nText.\n", encoding="utf-8")
    assert_problem(
        root, page(root, "intro.de.md"), 1, "language 'de' is not in the module's languages"
    )


def test_page_file_for_a_language_the_module_does_not_have(root):
    path = mod(root, "module.yaml")
    edit(path, "languages: [nb, en]", "languages: [nb]")
    # the English texts in module.yaml are reported first; drop them to get to the pages
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\n  en:( .*)?\n(    .*\n)*", "\n", text)
    path.write_text(text, encoding="utf-8")
    assert_problem(
        root, page(root, "verktoy.en.md"), 1, "language 'en' is not in the module's languages"
    )


@pytest.mark.parametrize("name", ["intro.md", "intro.nb.txt", "Intro.nb.md", "intro.nb.a.b.c.md"])
def test_badly_named_page_file(root, name):
    page(root, name).write_text("# Tittel\n\nTekst.\n", encoding="utf-8")
    assert_problem(
        root, page(root, name), 1, "page files are named <page>.<lang>[.<industry>][.<role>].md"
    )


def test_variant_for_a_role_the_module_does_not_have(root):
    edit(
        mod(root, "module.yaml"),
        "roles: [leader, safety_rep, union_rep]",
        "roles: [leader, union_rep]",
    )
    assert_problem(
        root,
        page(root, "roller.nb.safety_rep.md"),
        1,
        "the module has no role 'safety_rep' (variants are <page>.<lang>.<industry>.<role>.md)",
    )


def test_variant_for_an_industry_the_module_does_not_have(root):
    edit(mod(root, "module.yaml"), "industries: all", "industries: [barnehage]")
    assert_problem(
        root,
        page(root, "faktorer.nb.bygg-og-anlegg.md"),
        1,
        "the module has no industry 'bygg-og-anlegg'",
    )


def test_variant_qualifier_that_is_no_industry_or_role(root):
    page(root, "intro.nb.fiske.md").write_text("# Intro\n\nTekst.\n", encoding="utf-8")
    assert_problem(root, page(root, "intro.nb.fiske.md"), 1, "'fiske' is no industry or role")


def test_variant_qualifiers_in_the_wrong_order(root):
    name = "intro.nb.union_rep.barnehage.md"
    page(root, name).write_text("# Intro\n\nTekst.\n", encoding="utf-8")
    assert_problem(root, page(root, name), 1, "(variants are <page>.<lang>.<industry>.<role>.md)")


def test_industry_and_role_variant_is_accepted(root):
    name = "intro.nb.barnehage.union_rep.md"
    page(root, name).write_text("# Intro\n\nFor tillitsvalgte i barnehagen.\n", encoding="utf-8")
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    variants = [v for v in tree.modules[0].variants if v.source.endswith(name)]
    assert [(v.key, v.language, v.industry, v.role) for v in variants] == [
        ("intro", "nb", "barnehage", "union_rep")
    ]


def test_page_without_title_heading(root):
    page(root, "verktoy.nb.md").write_text(
        "\n\nVerktøy uten emneknagg\n\nTekst.\n", encoding="utf-8"
    )
    assert_problem(
        root,
        page(root, "verktoy.nb.md"),
        3,
        "a page starts with its title as a '# Title' heading",
    )


@pytest.mark.parametrize("first", ["## Verktøy", "#Verktøy", "#  ", "Verktøy"])
def test_page_whose_first_line_is_no_title(root, first):
    page(root, "verktoy.nb.md").write_text(f"{first}\n\nTekst.\n", encoding="utf-8")
    assert_problem(
        root, page(root, "verktoy.nb.md"), 1, "a page starts with its title as a '# Title' heading"
    )


def test_page_with_title_but_no_body(root):
    page(root, "verktoy.nb.md").write_text("# Verktøy\n\n   \n", encoding="utf-8")
    assert_problem(root, page(root, "verktoy.nb.md"), 2, "page has a title but no text")


def test_empty_page(root):
    page(root, "verktoy.nb.md").write_text("\n  \n", encoding="utf-8")
    assert_problem(root, page(root, "verktoy.nb.md"), 1, "page is empty")


def test_page_that_is_not_utf8(root):
    page(root, "verktoy.nb.md").write_bytes("# Verktøy\n\nTekst.\n".encode("latin-1"))
    assert_problem(root, page(root, "verktoy.nb.md"), 1, "file is not UTF-8 text")


def test_second_level_one_heading(root):
    path = page(root, "verktoy.nb.md")
    path.write_text(
        path.read_text(encoding="utf-8") + "\n# Enda en tittel\n\nMer.\n", encoding="utf-8"
    )
    line = line_of(path, "# Enda en tittel")
    problems = assert_problem(
        root, path, line, "only the first line may be a '# ' heading; use '## '"
    )
    assert len(problems) == 1


def test_module_without_pages_folder(root):
    shutil.rmtree(mod(root, "pages"))
    assert_problem(root, mod(root, "module.yaml"), 1, "the module has no pages/ folder")


# --- module folders -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["notes.txt", "quiz.yml", "bilder"])
def test_unexpected_file_in_module_folder(root, name):
    target = mod(root, name)
    if "." in name:
        target.write_text("x\n", encoding="utf-8")
    else:
        target.mkdir()
    assert_problem(
        root,
        target,
        1,
        "unexpected file in a module folder (module.yaml, quiz.yaml, pages/, questions/)",
    )


def test_hidden_files_and_folders_are_ignored(root):
    (mod(root) / ".DS_Store").write_text("x", encoding="utf-8")
    (root / ".git").mkdir()
    (root / "_drafts").mkdir()
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    assert [m.slug for m in tree.modules] == [SLUG]


def test_module_folder_without_module_yaml(root):
    (root / "ny-modul" / "pages").mkdir(parents=True)
    assert_problem(
        root, root / "ny-modul" / "module.yaml", 1, "a module folder needs a module.yaml"
    )


# --- quiz.yaml ------------------------------------------------------------------------


def quiz(root: Path) -> Path:
    return mod(root, "quiz.yaml")


def choices_line(root: Path, qid: str) -> int:
    return line_of(quiz(root), "    choices:", after=f"  - id: {qid}")


def test_unknown_question_type(root):
    edit_question(root, "q1", "type: single_choice", "type: essay")
    assert_problem(
        root,
        quiz(root),
        line_of(quiz(root), "type: essay"),
        "type must be one of single_choice, multiple_choice, true_false, scenario, not 'essay'",
    )


def test_wrong_number_of_choices(root):
    edit_question(root, "q1", "type: single_choice", "type: true_false")
    assert_problem(
        root,
        quiz(root),
        choices_line(root, "q1"),
        "a true_false question needs 2 to 2 choices, found 4",
    )


def test_single_choice_with_one_choice(root):
    path = quiz(root)
    text = path.read_text(encoding="utf-8")
    start = text.index("      - id: b\n")
    end = text.index("  - id: q2\n")
    path.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    assert_problem(
        root,
        path,
        choices_line(root, "q1"),
        "a single_choice question needs 2 to 6 choices, found 1",
    )


def test_question_without_choices(root):
    edit_question(root, "q4", "    choices:", "    valg:")
    assert_problem(
        root,
        quiz(root),
        line_of(quiz(root), "  - id: q4"),
        "a true_false question needs 2 to 2 choices, found 0",
    )


def test_single_choice_with_two_correct(root):
    edit_question(root, "q1", "correct: false", "correct: true", 1)
    assert_problem(
        root,
        quiz(root),
        choices_line(root, "q1"),
        "a single_choice question needs exactly one correct choice",
    )


def test_single_choice_with_none_correct(root):
    edit_question(root, "q6", "correct: true", "correct: false")
    assert_problem(
        root,
        quiz(root),
        choices_line(root, "q6"),
        "a single_choice question needs exactly one correct choice",
    )


def test_scenario_with_two_correct(root):
    edit_question(root, "q5", "correct: false", "correct: true", 1)
    assert_problem(
        root,
        quiz(root),
        choices_line(root, "q5"),
        "a scenario question needs exactly one correct choice",
    )


def test_multiple_choice_with_none_correct(root):
    edit_question(root, "q2", "correct: true", "correct: false")
    assert_problem(
        root,
        quiz(root),
        choices_line(root, "q2"),
        "a multiple_choice question needs a correct choice",
    )


def test_multiple_choice_with_all_correct_is_fine(root):
    edit_question(root, "q2", "correct: false", "correct: true")
    tree, problems = load_content(root)
    assert not problems, problems.sorted()


def test_true_false_with_wrong_ids(root):
    edit_question(root, "q4", 'id: "true"', 'id: "yes"')
    assert_problem(
        root,
        quiz(root),
        choices_line(root, "q4"),
        "a true_false question has choices 'true' and 'false'",
    )


def test_true_false_with_two_correct(root):
    edit_question(root, "q4", "correct: false", "correct: true")
    assert_problem(
        root,
        quiz(root),
        choices_line(root, "q4"),
        "a true_false question needs exactly one correct choice",
    )


def test_true_false_with_bare_yaml_booleans_as_ids(root):
    edit_question(root, "q4", 'id: "true"', "id: true")
    edit_question(root, "q4", 'id: "false"', "id: false")
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    question = next(q for q in tree.modules[0].parts["quiz"].questions if q.key == "q4")
    assert [c.key for c in question.choices] == ["true", "false"]


def test_choice_missing_feedback_language(root):
    # q1's first choice: its English feedback becomes Swedish
    edit_question(
        root,
        "q1",
        "          en: >-\n            Correct! The work",
        "          sv: >-\n            Correct! The work",
    )
    line = line_of(quiz(root), "        feedback:", after="  - id: q1")
    problems = assert_problem(
        root, quiz(root), line, "questions[0].choices[0].feedback has no text for 'en'"
    )
    assert any(
        "has text for 'sv', which is not in the module's languages" in p.message for p in problems
    )


def test_choice_without_feedback(root):
    path = quiz(root)
    text = path.read_text(encoding="utf-8")
    start = text.index("        feedback:", text.index("  - id: q4"))
    end = text.index('      - id: "false"')
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    line = line_of(path, '      - id: "true"')
    assert_problem(root, path, line, "questions[3].choices[0].feedback is required")


def test_choice_text_missing_a_language(root):
    edit_question(
        root, "q6", '          en: "Yes. A safety rep is only needed in large organisations."\n', ""
    )
    line = line_of(quiz(root), "Ja. Verneombud trengs bare") - 1  # the 'text:' above it
    assert_problem(root, quiz(root), line, "questions[5].choices[1].text has no text for 'en'")


def test_scenario_without_case(root):
    path = quiz(root)
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: q3\n")
    case = text.index("    case:\n", start)
    prompt = text.index("    prompt:\n", start)
    path.write_text(text[:case] + text[prompt:], encoding="utf-8")
    assert_problem(root, path, line_of(path, "  - id: q3"), "questions[2].case is required")


def test_case_is_optional_outside_scenarios(root):
    edit_question(root, "q3", "type: scenario", "type: single_choice")
    tree, problems = load_content(root)
    assert not problems, problems.sorted()


def test_duplicate_choice_id(root):
    edit_question(root, "q1", "      - id: b\n", "      - id: a\n")
    assert_problem(root, quiz(root), choices_line(root, "q1"), "choice id 'a' is used twice")


def test_duplicate_question_id(root):
    edit(quiz(root), "  - id: q2\n", "  - id: q1\n")
    assert_problem(
        root,
        quiz(root),
        line_of(quiz(root), "  - id: q1", after="  - id: q1"),
        "question id 'q1' is used twice (first at quiz.yaml:",
    )


@pytest.mark.parametrize("value", ["0", "101", "-1", "70.5", '"70"'])
def test_pass_mark_out_of_range(root, value):
    edit(quiz(root), "pass_mark: 70", f"pass_mark: {value}")
    assert_problem(
        root,
        quiz(root),
        line_of(quiz(root), "pass_mark:"),
        "pass_mark must be a whole number from 1 to 100",
    )


def test_max_attempts_out_of_range(root):
    edit(quiz(root), "max_attempts: 3", "max_attempts: 101")
    assert_problem(
        root,
        quiz(root),
        line_of(quiz(root), "max_attempts:"),
        "max_attempts must be a whole number from 0 to 100, not 101",
    )


def test_unknown_key_in_quiz(root):
    edit(quiz(root), "pass_mark: 70\n", "pass_mark: 70\nshuffle: false\n")
    assert_problem(
        root,
        quiz(root),
        line_of(quiz(root), "shuffle:"),
        "unknown key 'shuffle' (allowed: draw, max_attempts, pass_mark, questions)",
    )


def test_unknown_key_in_question_and_choice(root):
    edit_question(
        root, "q1", "    type: single_choice\n", "    type: single_choice\n    points: 2\n"
    )
    edit_question(
        root, "q1", "        correct: true\n", "        correct: true\n        weight: 1\n"
    )
    problems = assert_problem(
        root, quiz(root), line_of(quiz(root), "points: 2"), "unknown key 'points'"
    )
    assert any(
        p.line == line_of(quiz(root), "weight: 1") and "unknown key 'weight'" in p.message
        for p in problems
    )


def test_correct_must_be_a_boolean(root):
    edit_question(root, "q1", "correct: true", 'correct: "ja"')
    assert_problem(
        root, quiz(root), line_of(quiz(root), 'correct: "ja"'), "correct must be true or false"
    )


@pytest.mark.parametrize("value", ["Q1", "1", "q 1", '""'])
def test_bad_question_id(root, value):
    edit(quiz(root), "  - id: q1\n", f"  - id: {value}\n")
    assert_problem(
        root,
        quiz(root),
        line_of(quiz(root), f"- id: {value}"),
        "questions[0].id must be a short lower-case id",
    )


def test_bad_choice_id(root):
    edit_question(root, "q1", "      - id: b\n", "      - id: B\n")
    assert_problem(
        root,
        quiz(root),
        line_of(quiz(root), "- id: B"),
        "questions[0].choices[1].id must be a short lower-case id",
    )


@pytest.mark.parametrize("value", ["[]", "{}", "nothing"])
def test_questions_must_be_a_non_empty_list(root, value):
    path = quiz(root)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("questions:")] + f"questions: {value}\n", encoding="utf-8")
    assert_problem(root, path, line_of(path, "questions:"), "questions must be a non-empty list")


def test_quiz_is_optional(root):
    quiz(root).unlink()
    tree, problems = load_content(root)
    assert not problems
    assert "quiz" not in tree.modules[0].parts


# --- import_content -------------------------------------------------------------------


def break_content(root: Path) -> None:
    """A meaningful change (would make a new version) plus one problem elsewhere."""
    edit(page(root, "verktoy.nb.md"), "\n", "\n\nNy tekst i denne versjonen.\n")
    edit(mod(root, "quiz.yaml"), "pass_mark: 70", "pass_mark: 170")


def db_snapshot() -> dict:
    return {
        "industries": list(
            Industry.objects.order_by("slug").values_list("slug", "name_nb", "order")
        ),
        "modules": list(Module.objects.values_list("pk", "slug")),
        "versions": list(
            ModuleVersion.objects.order_by("pk").values_list(
                "pk", "number", "content_hash", "is_current"
            )
        ),
        "pages": Page.objects.count(),
        "variants": PageVariant.objects.count(),
        "quizzes": Quiz.objects.count(),
        "questions": Question.objects.count(),
        "choices": Choice.objects.count(),
        "enrolments": Enrolment.objects.count(),
    }


@pytest.mark.django_db
def test_import_of_broken_content_imports_nothing(root):
    break_content(root)
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_content", str(root), stdout=out)
    assert exc.value.returncode == 1
    assert "nothing imported" in str(exc.value)
    assert "pass_mark must be a whole number from 1 to 100, not 170" in out.getvalue()
    assert not Industry.objects.exists()
    assert not Module.objects.exists()
    assert not ModuleVersion.objects.exists()
    assert not Page.objects.exists()
    assert not Quiz.objects.exists()


@pytest.mark.django_db
def test_import_of_broken_industries_imports_nothing(root):
    edit(root / "industries.yaml", "name: {nb: Renhold, en: Cleaning}", "name: {nb: Renhold}")
    with pytest.raises(CommandError):
        call_command("import_content", str(root), stdout=StringIO())
    assert not Industry.objects.exists()
    assert not ModuleVersion.objects.exists()


def test_import_of_broken_content_leaves_the_database_unchanged(content, root, enrolment):
    before = db_snapshot()
    break_content(root)
    with pytest.raises(CommandError):
        call_command("import_content", str(root), stdout=StringIO())
    assert db_snapshot() == before
    assert ModuleVersion.objects.get(is_current=True).pk == content.pk


def test_import_of_fixed_content_makes_a_new_version(content, root):
    """The control for the test above: the same change, without the problem, is imported."""
    edit(page(root, "verktoy.nb.md"), "\n", "\n\nNy tekst i denne versjonen.\n")
    out = StringIO()
    call_command("import_content", str(root), stdout=out)
    assert f"new version: {SLUG}" in out.getvalue()
    current = ModuleVersion.objects.get(is_current=True)
    assert current.pk != content.pk
    assert current.number == content.number + 1


def test_import_twice_changes_nothing(content, root):
    before = db_snapshot()
    out = StringIO()
    call_command("import_content", str(root), stdout=out)
    assert f"unchanged: {SLUG}" in out.getvalue()
    assert db_snapshot() == before


def test_variant_with_role_before_industry_says_so(tmp_path):
    import shutil

    from modules.sources.loader import load_content

    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    pages = root / "arbeidsmiljo-handler-om-arbeidet" / "pages"
    (pages / "intro.nb.union_rep.barnehage.md").write_text("# Tittel\n\nTekst.\n")
    _tree, problems = load_content(root)
    messages = [p.message for p in problems.sorted()]
    assert any("must come before the role 'union_rep'" in m for m in messages), messages
