"""Raw HTML block tags in a page must be balanced: Markdown treats everything from an
unclosed ``<div>`` or ``<details>`` to the end of the page as raw HTML, so the rest of
the page would silently vanish."""

import re
from pathlib import Path

import markdown

from modules.sources.problems import Problems

VOID_TAGS = {"hr", "br", "img", "input", "col", "area", "base", "embed", "source", "wbr"}
BLOCK_TAGS = frozenset(markdown.Markdown().block_level_elements) - VOID_TAGS
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>|<!--|-->")
_CODE_RE = re.compile(r"`[^`\n]*`")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")


def _tags(lines: list[str], start: int):
    """Yield (line index, match) for every tag or comment mark outside code."""
    in_fence = False
    for number in range(start, len(lines)):
        line = lines[number]
        if _FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or line.startswith(("    ", "\t")):
            continue
        for match in _TAG_RE.finditer(_CODE_RE.sub(lambda m: " " * len(m[0]), line)):
            yield number, match


def check_html_blocks(path: Path, lines: list[str], start: int, problems: Problems) -> None:
    """Report block tags in ``lines[start:]`` that are never closed or closed out of order."""
    stack: list[tuple[str, int]] = []
    comment: int | None = None
    for number, match in _tags(lines, start):
        if match[0] in ("<!--", "-->"):
            comment = number if match[0] == "<!--" else None
            continue
        closing, name, self_closing = match[1], match[2].lower(), match[3]
        if comment is not None or name not in BLOCK_TAGS or self_closing:
            continue
        if not closing:
            stack.append((name, number))
        elif stack and stack[-1][0] == name:
            stack.pop()
        elif any(open_name == name for open_name, _ in stack):
            while stack[-1][0] != name:
                inner, line = stack.pop()
                problems.add(path, line + 1, f"<{inner}> opened here is never closed")
            stack.pop()
        else:
            problems.add(path, number + 1, f"</{name}> closes a <{name}> that was never opened")
    for name, line in stack:
        problems.add(path, line + 1, f"<{name}> opened here is never closed")
    if comment is not None:
        problems.add(path, comment + 1, "<!-- opened here is never closed with -->")
