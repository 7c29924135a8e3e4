"""One page file: front matter, title, body; checked and rendered."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from modules.sources.figures import first_figure
from modules.sources.frontmatter import read_front_matter, split_front_matter
from modules.sources.glossary import Glossary, check_terms, link_terms, word_list
from modules.sources.htmlblocks import check_html_blocks
from modules.sources.markup import render_markdown
from modules.sources.plain import check_page_lix
from modules.sources.problems import Problems


@dataclass
class PageText:
    title: str
    html: str
    sources: list[dict] = field(default_factory=list)
    words: list[dict] = field(default_factory=list)  # the page's glossary entries
    lix: float | None = None  # bokmål pages only


def _read_lines(path: Path, problems: Problems) -> list[str] | None:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        problems.add(path, 1, "file is not UTF-8 text")
        return None


def _title_index(lines: list[str], start: int, path: Path, problems: Problems) -> int | None:
    first = next((i for i in range(start, len(lines)) if lines[i].strip()), None)
    if first is None:
        problems.add(path, start + 1, "page is empty")
        return None
    heading = lines[first]
    if not heading.startswith("# ") or not heading[2:].strip():
        problems.add(path, first + 1, "a page starts with its title as a '# Title' heading")
        return None
    if not "\n".join(lines[first + 1 :]).strip():
        problems.add(path, first + 2, "page has a title but no text")
        return None
    return first


def read_page(path: Path, language: str, glossary: Glossary, problems: Problems) -> PageText | None:
    """Read and check one page file; None if it has problems (they are reported)."""
    lines = _read_lines(path, problems)
    if lines is None:
        return None
    where = split_front_matter(lines, path, problems)
    if where is None:
        return None
    before = len(problems.items)
    sources = read_front_matter(lines, *where, path, problems)
    first = _title_index(lines, where[1], path, problems)
    if first is None:
        return None
    for number, line in enumerate(lines[first + 1 :], start=first + 2):
        if re.match(r"^#\s", line):
            problems.add(path, number, "only the first line may be a '# ' heading; use '## '")
    figure = first_figure(lines, first)
    if figure is not None and sources == []:
        problems.add(
            path,
            figure[0] + 1,
            f"states a figure ({figure[1]}) but lists no sources in the front matter",
        )
    check_html_blocks(path, lines, first + 1, problems)
    keys = check_terms(path, lines, first + 1, language, glossary, problems)
    value = check_page_lix(path, first + 1, "\n".join(lines[first:]), language, problems)
    if sources is None or len(problems.items) > before:
        return None
    body = "\n".join(lines[first + 1 :])
    return PageText(
        title=lines[first][2:].strip(),
        html=render_markdown(link_terms(body)),
        sources=sources,
        words=word_list(keys, language, glossary),
        lix=value,
    )
