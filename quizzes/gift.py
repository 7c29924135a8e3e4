"""Moodle GIFT files to the project's question YAML (``questions: [...]``).

Supported: multiple choice with one right answer (``=``/``~``), several right answers
(``~%50%``: a positive weight is correct), true/false (``{T}``, ``{F}``, ``{TRUE}``,
``{FALSE}``, with ``#wrong#right`` feedback), per-answer feedback (``#``), titles
(``::title::``, which become the id), ``//`` comments, the escapes ``\\= \\~ \\# \\{ \\}
\\:`` and ``$CATEGORY`` lines (ignored, with a note). Everything else is reported as a
problem at its line, so nothing is dropped without the author knowing.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quizzes.sources import KEY_LENGTH

SPECIAL = "~=#{}:\\"
FORMATS = {"plain", "markdown", "moodle"}
TRUE_FALSE = {"t": True, "true": True, "f": False, "false": False}


class Char(str):
    """One character of a GIFT text, knowing its line and whether it was escaped."""

    line: int
    escaped: bool


def _chars(lines: list[tuple[int, str]]) -> list[Char]:
    out: list[Char] = []
    for number, text in lines:
        i = 0
        while i < len(text):
            value, escaped = text[i], False
            if value == "\\" and i + 1 < len(text) and text[i + 1] in SPECIAL + "n":
                i += 1
                value, escaped = ("\n" if text[i] == "n" else text[i]), True
            ch = Char(value)
            ch.line, ch.escaped = number, escaped
            out.append(ch)
            i += 1
        ch = Char("\n")
        ch.line, ch.escaped = number, False
        out.append(ch)
    return out


def _find(chars: list[Char], token: str, start: int = 0) -> int:
    """The index of the next unescaped ``token`` from ``start``, or -1."""
    for i in range(start, len(chars) - len(token) + 1):
        if all(chars[i + k] == c and not chars[i + k].escaped for k, c in enumerate(token)):
            return i
    return -1


def _text(chars: list[Char]) -> str:
    return " ".join("".join(chars).split())


@dataclass
class GiftResult:
    questions: list[dict] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)


def slug(title: str) -> str:
    text = title.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:KEY_LENGTH].strip("-")


class _Problem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Questions are separated by blank lines; comment lines belong to none."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            blocks.append([])
        elif not line.lstrip().startswith("//"):
            blocks[-1].append((number, line))
    return [b for b in blocks if b]


def _answers(chars: list[Char], line: int, lang: str) -> tuple[str, list[dict]]:
    """The answer block's type and choices (without the braces)."""
    body = _text(chars)
    if not body:
        raise _Problem(line, "essay questions ({}) are not supported")
    if body.startswith("#"):
        raise _Problem(line, "numerical questions ({#...}) are not supported")
    if _find(chars, "####") >= 0:
        at = chars[_find(chars, "####")].line
        raise _Problem(at, "general feedback (####) is not supported; use feedback per answer")
    if _find(chars, "->") >= 0:
        raise _Problem(chars[_find(chars, "->")].line, "matching questions (->) are not supported")
    parts = _split(chars, "#")
    if _text(parts[0]).lower() in TRUE_FALSE:
        return _true_false(parts, line, lang)
    return _choices(chars, line, lang)


def _split(chars: list[Char], token: str) -> list[list[Char]]:
    out, start = [], 0
    while (at := _find(chars, token, start)) >= 0:
        out.append(chars[start:at])
        start = at + len(token)
    return [*out, chars[start:]]


def _true_false(parts: list[list[Char]], line: int, lang: str) -> tuple[str, list[dict]]:
    answer = TRUE_FALSE[_text(parts[0]).lower()]
    if len(parts) != 3 or not _text(parts[1]) or not _text(parts[2]):
        raise _Problem(line, "a true/false answer needs feedback for both: {T#if wrong#if right}")
    wrong, right = _text(parts[1]), _text(parts[2])
    return "true_false", [
        {"id": "true", "correct": answer, "feedback": {lang: right if answer else wrong}},
        {"id": "false", "correct": not answer, "feedback": {lang: wrong if answer else right}},
    ]


WEIGHT_RE = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


def _choices(chars: list[Char], line: int, lang: str) -> tuple[str, list[dict]]:
    starts = [i for i, c in enumerate(chars) if c in "=~" and not c.escaped]
    if not starts or _text(chars[: starts[0]]):
        raise _Problem(line, "answers start with = (right) or ~ (wrong)")
    if all(chars[i] == "=" for i in starts):
        raise _Problem(line, "short-answer questions (only = answers) are not supported")
    choices, weighted, equals = [], False, 0
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(chars)
        part = chars[start + 1 : end]
        where = chars[start].line
        answer, *feedback = _split(part, "#")
        text = _text(answer)
        weight = WEIGHT_RE.match(text)
        if weight:
            weighted = True
            text = text[weight.end() :].strip()
        correct = float(weight[1]) > 0 if weight else chars[start] == "="
        if chars[start] == "=":
            equals += 1
            if weight:
                raise _Problem(where, "weights go with ~ answers (~%50%...), not with =")
        if not text:
            raise _Problem(where, "an answer has no text")
        if not feedback or not _text(feedback[0]):
            raise _Problem(where, f"answer '{text}' has no feedback (#...): every choice needs one")
        choices.append(
            {"text": {lang: text}, "correct": correct, "feedback": {lang: _text(feedback[0])}}
        )
    if weighted and equals:
        raise _Problem(line, "mix of = and weighted answers: give every answer a weight")
    if equals > 1:
        raise _Problem(line, "several = answers: mark several right answers with ~%50% weights")
    qtype = "multiple_choice" if weighted else "single_choice"
    low, high = (2, 8) if weighted else (2, 6)
    if not low <= len(choices) <= high:
        raise _Problem(line, f"{len(choices)} answers; a {qtype} question has {low} to {high}")
    if not any(c["correct"] for c in choices):
        raise _Problem(line, "no answer is right (= or a positive weight)")
    for i, choice in enumerate(choices):
        choice["id"] = "abcdefgh"[i]
    return qtype, choices


def _question(block: list[tuple[int, str]], lang: str) -> dict:
    chars = _chars(block)
    line = block[0][0]
    start = next(i for i, c in enumerate(chars) if not c.isspace())
    title = ""
    if _find(chars, "::", start) == start:
        end = _find(chars, "::", start + 2)
        if end < 0:
            raise _Problem(line, "a title starts with :: and ends with ::")
        title, start = _text(chars[start + 2 : end]), end + 2
    rest = chars[start:]
    lead = len(rest) - len("".join(rest).lstrip())
    fmt = re.match(r"^\[(\w+)\]", "".join(rest[lead:]))
    if fmt:
        if fmt[1].lower() not in FORMATS:
            raise _Problem(line, f"the [{fmt[1]}] text format is not supported (plain or markdown)")
        rest = rest[lead + fmt.end() :]
    open_at = _find(rest, "{")
    if open_at < 0:
        raise _Problem(line, "descriptions (text without {answers}) are not supported")
    close_at = _find(rest, "}", open_at)
    if close_at < 0:
        raise _Problem(rest[open_at].line, "the answers' { has no closing }")
    before, after = _text(rest[:open_at]), _text(rest[close_at + 1 :])
    if _find(rest, "{", close_at + 1) >= 0:
        raise _Problem(rest[close_at].line, "only one {answers} block per question")
    prompt = f"{before} _____ {after}" if after else before
    if not prompt:
        raise _Problem(line, "the question has no text")
    qtype, choices = _answers(rest[open_at + 1 : close_at], rest[open_at].line, lang)
    return {"title": title, "type": qtype, "prompt": {lang: prompt}, "choices": choices}


def parse_gift(text: str, lang: str = "nb", name: str = "q") -> GiftResult:
    """Every question of a GIFT text, or the problems (line, message) that stop it.

    A question's id is its title as a slug, or ``<name>-<number>`` without a title."""
    result = GiftResult()
    for block in _blocks(text):
        if block[0][1].lstrip().startswith("$CATEGORY"):
            result.notes.append((block[0][0], "$CATEGORY ignored: a module has one pool"))
            block = block[1:]
            if not block:
                continue
        try:
            result.questions.append(_question(block, lang))
        except _Problem as problem:
            result.problems.append((problem.line, str(problem)))
    _give_ids(result, slug(name) or "q")
    return result


def _give_ids(result: GiftResult, name: str) -> None:
    used: set[str] = set()
    for n, question in enumerate(result.questions, start=1):
        base = slug(question.pop("title")) or f"{name[: KEY_LENGTH - 4]}-{n}"
        key, i = base, 2
        while key in used:
            key = f"{base[: KEY_LENGTH - len(str(i)) - 1]}-{i}"
            i += 1
        used.add(key)
        question["id"] = key


def to_yaml(result: GiftResult, source: str, lang: str) -> str:
    items = []
    for q in result.questions:
        choices = []
        for c in q["choices"]:
            item = {"id": c["id"]}
            if "text" in c:
                item["text"] = c["text"]
            if c["correct"]:
                item["correct"] = True
            item["feedback"] = c["feedback"]
            choices.append(item)
        items.append({"id": q["id"], "type": q["type"], "prompt": q["prompt"], "choices": choices})
    header = (
        f"# Converted from {Path(source).name} by `manage.py import_gift`; the text is in"
        f" '{lang}'.\n# Add the module's other languages to every prompt, text and feedback.\n"
    )
    body = yaml.dump(
        {"questions": items}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )
    return header + body


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key, as the content files do."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)
