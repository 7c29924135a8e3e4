"""The glossary (``glossary.yaml`` beside ``industries.yaml``) and ``term:`` links.

A page marks a term as a Markdown link with the ``term:`` scheme,
``[verneombudet](term:verneombud)``. The first use of a term on a page must be marked,
so a learner meets its explanation where the word first appears.
"""

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from modules.sources import fields as f
from modules.sources.problems import Problems
from modules.sources.yamlfile import load_yaml

GLOSSARY_LANGUAGES = ("nb", "en", "pl")
TERM_LINK_RE = re.compile(r"\[(?P<text>[^\]\n]+)\]\(term:(?P<key>[^)\s]*)\)")
# What is no running text: link targets, inline code, HTML tags and bare URLs.
_NOT_TEXT_RE = re.compile(r"\]\([^)\n]*\)|`[^`\n]*`|<[^>\n]*>|https?://\S+")


@dataclass(frozen=True)
class Term:
    key: str
    forms: dict[str, tuple[str, ...]]
    explanation: dict[str, str]


@dataclass
class Glossary:
    terms: dict[str, Term] = field(default_factory=dict)
    digest: str = ""  # of the file, so a changed glossary makes new module versions

    @cached_property
    def _patterns(self) -> dict[str, tuple[re.Pattern | None, dict[str, str]]]:
        out = {}
        for lang in GLOSSARY_LANGUAGES:
            owner = {
                form.casefold(): term.key
                for term in self.terms.values()
                for form in term.forms.get(lang, ())
            }
            forms = sorted(owner, key=len, reverse=True)  # "regionalt verneombud" first
            pattern = (
                re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)", re.I)
                if forms
                else None
            )
            out[lang] = (pattern, owner)
        return out

    def find(self, text: str, language: str):
        """Yield (start, form as written, key) for every term form in ``text``."""
        pattern, owner = self._patterns.get(language, (None, {}))
        if pattern is None:
            return
        for match in pattern.finditer(text):
            yield match.start(), match.group(0), owner[match.group(0).casefold()]


def mask(line: str, spans: list[tuple[int, int]] | None = None) -> str:
    """``line`` with what a reader does not read (link targets, code, tags, URLs, and the
    given ``spans``) blanked out, keeping every other character where it was."""
    chars = list(line)
    ranges = [m.span() for m in _NOT_TEXT_RE.finditer(line)] + list(spans or [])
    for start, end in ranges:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _read_forms(doc, path: tuple, problems: Problems) -> dict[str, tuple[str, ...]] | None:
    raw = f.get(doc, path)
    ok = isinstance(raw, dict)
    for lang in GLOSSARY_LANGUAGES:
        items = raw.get(lang) if ok else None
        if not (
            isinstance(items, list)
            and items
            and all(isinstance(x, str) and x.strip() for x in items)
        ):
            problems.add(
                doc.path, doc.line(*path, lang), f"{f.dotted(path)}.{lang} must be a list of words"
            )
            ok = False
    f.unknown_keys(doc, path, set(GLOSSARY_LANGUAGES), problems)
    if not ok:
        return None
    return {lang: tuple(x.strip() for x in raw[lang]) for lang in GLOSSARY_LANGUAGES}


def read_glossary(path: Path, problems: Problems) -> Glossary:
    """Read ``glossary.yaml``; an absent file is an empty glossary."""
    if not path.is_file():
        return Glossary()
    doc = load_yaml(path, problems)
    if doc is None:
        return Glossary()
    if not isinstance(doc.data, list):
        problems.add(path, 1, "glossary.yaml must be a list of terms")
        return Glossary()
    glossary = Glossary(digest=hashlib.sha256(path.read_bytes()).hexdigest())
    for i, _item in enumerate(doc.data):
        if f.require_mapping(doc, (i,), problems) is None:
            continue
        f.unknown_keys(doc, (i,), {"key", "forms", "explanation"}, problems)
        key = f.text(doc, (i, "key"), problems)
        if key and not f.SLUG_RE.match(key):
            problems.add(
                path, doc.line(i, "key"), f"term key '{key}' must be lower-case-with-hyphens"
            )
            key = None
        if key and key in glossary.terms:
            problems.add(path, doc.line(i, "key"), f"term '{key}' is listed twice")
            key = None
        forms = _read_forms(doc, (i, "forms"), problems)
        explanation = f.lang_map(doc, (i, "explanation"), list(GLOSSARY_LANGUAGES), problems)
        if key and forms and explanation:
            glossary.terms[key] = Term(key, forms, explanation)
    return glossary


def check_terms(
    path: Path, lines: list[str], start: int, language: str, glossary: Glossary, problems: Problems
) -> list[str]:
    """Check the ``term:`` links of a page's ``lines`` from index ``start`` on; return the
    keys marked, in the order they are first marked."""
    first_marked: dict[str, tuple[int, int]] = {}
    for number in range(start, len(lines)):
        for link in TERM_LINK_RE.finditer(lines[number]):
            key = link["key"]
            if key not in glossary.terms:
                problems.add(
                    path,
                    number + 1,
                    f"unknown glossary term '{key}' in [{link['text']}](term:{key}) "
                    "(the keys are in glossary.yaml)",
                )
            else:
                first_marked.setdefault(key, (number, link.start()))
    reported: set[str] = set()
    for number in range(start, len(lines)):
        line = lines[number]
        text = mask(line, [m.span() for m in TERM_LINK_RE.finditer(line)])
        for col, written, key in glossary.find(text, language):
            if key in reported or (key in first_marked and first_marked[key] < (number, col)):
                continue
            reported.add(key)
            problems.add(
                path,
                number + 1,
                f'first use of "{written}" must be marked as [{written}](term:{key})',
            )
    return list(first_marked)


def link_terms(markdown_text: str) -> str:
    """Turn ``[text](term:key)`` into a link to the term's entry in the page's word list."""
    return TERM_LINK_RE.sub(lambda m: f"[{m['text']}](#term-{m['key']})", markdown_text)


def unlink_terms(markdown_text: str) -> str:
    """Turn ``[text](term:key)`` into plain ``text`` (for texts without a word list)."""
    return TERM_LINK_RE.sub(lambda m: m["text"], markdown_text)


def word_list(keys: list[str], language: str, glossary: Glossary) -> list[dict]:
    """The "Words on this page" entries for ``keys``: the base form and the explanation."""
    return [
        {
            "key": key,
            "term": glossary.terms[key].forms[language][0],
            "explanation": glossary.terms[key].explanation[language],
        }
        for key in keys
        if key in glossary.terms and language in glossary.terms[key].forms
    ]
