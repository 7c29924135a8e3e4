"""A page's optional front matter: YAML between two ``---`` lines before the title.

---
sources:
  - publisher: STAMI
    title: "Nasjonal overvåking av arbeidsmiljø og -helse (NOA)"
    year: 2024
---
# Title
"""

from pathlib import Path

from modules.sources import fields as f
from modules.sources.problems import Problems
from modules.sources.yamlfile import parse_yaml

FRONT_MATTER_KEYS = {"sources"}
SOURCE_KEYS = {"publisher", "title", "year"}


def split_front_matter(lines: list[str], path: Path, problems: Problems) -> tuple[int, int] | None:
    """Where the front matter is: (index of its first YAML line, index of the line after
    its closing ``---``); (0, 0) when there is none; None when it is never closed."""
    if not lines or lines[0].rstrip() != "---":
        return 0, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return 1, i + 1
    problems.add(path, 1, "the front matter opened here is never closed with a '---' line")
    return None


def strip_front_matter(text: str) -> str:
    """``text`` without its front matter (if it has one that is closed)."""
    lines = text.splitlines()
    where = split_front_matter(lines, Path(), Problems(Path()))
    return "\n".join(lines[where[1] :]) if where else text


def read_front_matter(
    lines: list[str], start: int, end: int, path: Path, problems: Problems
) -> list[dict] | None:
    """Check the front matter in ``lines[start:end - 1]``; return its sources (a list,
    maybe empty), or None if it has problems."""
    if end == 0:
        return []
    doc = parse_yaml(
        "\n".join(lines[start : end - 1]), path, problems, what="front matter", first_line=2
    )
    if doc is None or f.require_mapping(doc, (), problems) is None:
        return None
    before = len(problems.items)
    f.unknown_keys(doc, (), FRONT_MATTER_KEYS, problems)
    raw = f.get(doc, ("sources",))
    if not isinstance(raw, list) or not raw:
        problems.add(
            path, doc.line("sources"), "sources must be a list of {publisher, title, year}"
        )
        return None
    sources = []
    for i, _item in enumerate(raw):
        if f.require_mapping(doc, ("sources", i), problems) is None:
            continue
        f.unknown_keys(doc, ("sources", i), SOURCE_KEYS, problems)
        publisher = f.text(doc, ("sources", i, "publisher"), problems)
        title = f.text(doc, ("sources", i, "title"), problems)
        year = f.integer(doc, ("sources", i, "year"), problems, 1900, 2100)
        sources.append({"publisher": publisher, "title": title, "year": year})
    return None if len(problems.items) > before else sources
