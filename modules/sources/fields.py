"""Small checks shared by module and quiz files. Each reports a problem with the line
of the offending value and returns a cleaned value, or None when it is unusable."""

import re

from modules.sources.problems import Problems
from modules.sources.yamlfile import YamlDoc

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def get(doc: YamlDoc, path: tuple):
    value = doc.data
    for part in path:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def require_mapping(doc: YamlDoc, path: tuple, problems: Problems) -> dict | None:
    value = get(doc, path)
    if not isinstance(value, dict):
        where = dotted(path) or "the file"
        problems.add(doc.path, doc.line(*path), f"{where} must be a mapping of keys to values")
        return None
    return value


def unknown_keys(doc: YamlDoc, path: tuple, allowed: set[str], problems: Problems) -> None:
    value = get(doc, path)
    if isinstance(value, dict):
        for key in value:
            if key not in allowed:
                problems.add(
                    doc.path,
                    doc.line(*path, key),
                    f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})",
                )


def text(doc: YamlDoc, path: tuple, problems: Problems, *, required: bool = True) -> str | None:
    value = get(doc, path)
    if value is None:
        if required:
            problems.add(doc.path, doc.line(*path), f"{dotted(path)} is required")
        return None
    if not isinstance(value, str) or not value.strip():
        problems.add(doc.path, doc.line(*path), f"{dotted(path)} must be a non-empty text")
        return None
    return value.strip()


def integer(
    doc: YamlDoc, path: tuple, problems: Problems, low: int, high: int, *, required: bool = True
) -> int | None:
    value = get(doc, path)
    if value is None:
        if required:
            problems.add(doc.path, doc.line(*path), f"{dotted(path)} is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.add(
            doc.path,
            doc.line(*path),
            f"{dotted(path)} must be a whole number from {low} to {high}, not {value!r}",
        )
        return None
    return value


def lang_map(
    doc: YamlDoc,
    path: tuple,
    languages: list[str],
    problems: Problems,
    *,
    required: bool = True,
    optional: tuple[str, ...] = (),
) -> dict[str, str] | None:
    """A mapping language -> text with a non-empty text for every one of ``languages``
    (and for those of ``optional`` that are given)."""
    value = get(doc, path)
    if value is None:
        if required:
            problems.add(doc.path, doc.line(*path), f"{dotted(path)} is required")
        return None
    if not isinstance(value, dict):
        problems.add(
            doc.path,
            doc.line(*path),
            f"{dotted(path)} must be a mapping of language to text, e.g. {{nb: ..., en: ...}}",
        )
        return None
    ok = True
    for lang in languages:
        item = value.get(lang)
        if not isinstance(item, str) or not item.strip():
            problems.add(doc.path, doc.line(*path), f"{dotted(path)} has no text for '{lang}'")
            ok = False
    given = [lang for lang in optional if lang in value]
    for lang in given:
        if not isinstance(value[lang], str) or not value[lang].strip():
            problems.add(doc.path, doc.line(*path, lang), f"{dotted(path)}.{lang} must be a text")
            ok = False
    for lang in value:
        if lang not in languages and lang not in optional:
            problems.add(
                doc.path,
                doc.line(*path, lang),
                f"{dotted(path)} has text for '{lang}', which is not in the module's languages",
            )
            ok = False
    return {lang: value[lang].strip() for lang in (*languages, *given)} if ok else None
