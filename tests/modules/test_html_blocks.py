"""Unbalanced raw HTML block tags fail a page: Markdown would swallow the rest of it."""

import shutil
from pathlib import Path

import pytest

from modules.sources.loader import load_content

FIXTURE = Path(__file__).resolve().parent / "plain_content"


@pytest.fixture
def root(tmp_path) -> Path:
    path = tmp_path / "content"
    shutil.copytree(FIXTURE, path)
    return path


def problems_for(root: Path, body: str) -> list[str]:
    # the English page: no LIX check, so only the HTML problems show
    path = root / "klart-sprak" / "pages" / "intro.en.md"
    path.write_text(f"# Title\n\n{body}", encoding="utf-8")
    tree, problems = load_content(root)
    return [f"{p.line}: {p.message}" for p in problems.sorted()]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Text.\n\n<div>\nInside.\n\n## More\n\nText.\n", ["5: <div> opened here is never closed"]),
        (
            "<details>\n<summary>Why?</summary>\nBecause.\n\nText.\n",
            ["3: <details> opened here is never closed"],
        ),
        (
            "<div>\n<details>\n</div>\n",
            ["4: <details> opened here is never closed"],
        ),
        ("Text.\n\n</section>\n", ["5: </section> closes a <section> that was never opened"]),
        ("Text.\n\n<!-- a note\n\nMore.\n", ["5: <!-- opened here is never closed with -->"]),
    ],
)
def test_unbalanced_blocks_fail(root, body, expected):
    assert problems_for(root, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "<div>\nInside.\n</div>\n\nText.\n",
        "<details>\n<summary>Why?</summary>\nBecause.\n</details>\n",
        "Write `<div>` in code, or\n\n```\n<div>\n```\n\nor indented:\n\n    <div>\n",
        "A line<br>break and <abbr title='x'>an abbreviation</abbr>.<hr/>\n",
        "<!-- <div> in a comment -->\n\nText.\n",
    ],
)
def test_balanced_or_harmless_html_passes(root, body):
    assert problems_for(root, body) == []


def test_the_check_has_the_right_line_after_front_matter(root):
    path = root / "klart-sprak" / "pages" / "intro.en.md"
    path.write_text(
        '---\nsources:\n  - {publisher: SSB, title: "Tall", year: 2024}\n---\n'
        "# Title\n\n<div>\nText.\n",
        encoding="utf-8",
    )
    tree, problems = load_content(root)
    assert [str(p).split("/")[-1] for p in problems.sorted()] == [
        "intro.en.md:7: <div> opened here is never closed"
    ]
