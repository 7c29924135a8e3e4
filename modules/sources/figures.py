"""Figures in running text: a page that states one must name its sources."""

import re

from modules.sources.glossary import mask

_NUMBER = r"\d{1,3}(?:[ \u00a0,]\d{3})+(?!\d)|\d{4,}"
FIGURE_RE = re.compile(
    r"(?<![\d,.])\d+(?:[.,]\d+)?[ \u00a0]?%"
    r"|(?<!\w)(?:prosent|per cent|percent|procent\w*)(?!\w)"
    r"|(?<!\d)\d+[ \u00a0](?:av|of|na)[ \u00a0]\d+(?!\d)"
    rf"|(?<![\d§])(?<!§ )(?<!§\u00a0)(?:{_NUMBER})",
    re.IGNORECASE,
)


def _is_figure(text: str) -> bool:
    if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2099:
        return False  # a year
    return True


def first_figure(lines: list[str], start: int) -> tuple[int, str] | None:
    """The first figure stated in ``lines`` from index ``start`` on: (index, text)."""
    for number in range(start, len(lines)):
        for match in FIGURE_RE.finditer(mask(lines[number])):
            if _is_figure(match.group(0)):
                return number, match.group(0).strip()
    return None
