"""Figures in running text: a page that states one must name its sources."""

import re

from modules.sources.glossary import mask

_NUMBER = r"\d{1,3}(?:[ \u00a0,]\d{3})+(?!\d)|\d{4,}"
# Small numbers as words, for ratios written out: "ni av ti", "nine in ten", "jeden na pięciu".
_COUNT_WORDS = (
    "en|ett|ei|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|"
    "one|two|three|four|five|six|seven|eight|nine|ten|"
    "jeden|jedna|dwa|dwie|dwóch|trzy|trzech|cztery|czterech|pięć|pięciu|sześć|sześciu|"
    "siedem|siedmiu|osiem|ośmiu|dziewięć|dziewięciu|dziesięć|dziesięciu"
)
_COUNT = rf"(?:\d{{1,3}}|{_COUNT_WORDS})"
FIGURE_RE = re.compile(
    r"(?<![\d,.])\d+(?:[.,]\d+)?[ \u00a0]?%"
    r"|(?<!\w)(?:prosent|per cent|percent|procent\w*)(?!\w)"
    rf"|(?<![\w§-]){_COUNT}[ \u00a0](?:av|of|in|na)[ \u00a0]{_COUNT}(?![\w-])"
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
