"""The value types of xAPI 1.0.3 (IRIs, UUIDs, timestamps, language maps, extensions):
each check raises ``InvalidStatement`` naming the path of the problem."""

import re
import uuid
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime

from tracking.lrs.depth import MAX_DEPTH, too_deep

IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")
LANG_RE = re.compile(
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*(?:-x(?:-[A-Za-z\d]{1,8})+)?$"
    r"|^x(?:-[A-Za-z\d]{1,8})+$"
)
TIMESTAMP_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$")
SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}$")


class InvalidStatement(ValueError):
    pass


# An extension's value sits at most 5 levels down (batch, statement, SubStatement,
# context, extensions), so the whole body stays within MAX_DEPTH.
EXTENSION_DEPTH = MAX_DEPTH - 5


def _fail(path: str, message: str):
    raise InvalidStatement(f"{path}: {message}")


def _obj(value, path: str, allowed: set[str], required: set[str] = frozenset()) -> dict:
    if not isinstance(value, dict):
        _fail(path, "must be a JSON object")
    for key in value:
        if key not in allowed:
            _fail(f"{path}.{key}", "is not allowed here")
    for key in required:
        if key not in value:
            _fail(f"{path}.{key}", "is required")
    return value


def _string(value, path: str) -> str:
    if not isinstance(value, str):
        _fail(path, "must be a string")
    return value


def _iri(value, path: str) -> str:
    if not isinstance(value, str) or not IRI_RE.match(value):
        _fail(path, "must be an absolute IRI (e.g. https://…)")
    return value


def _uuid(value, path: str) -> str:
    if not isinstance(value, str):
        _fail(path, "must be a UUID string")
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        _fail(path, "must be a UUID")
    if str(parsed) != value.lower() or len(value) != 36:
        _fail(path, "must be a UUID in its 8-4-4-4-12 form")
    return value


def _bool(value, path: str) -> bool:
    if not isinstance(value, bool):
        _fail(path, "must be true or false")
    return value


def _number(value, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail(path, "must be a number")
    return value


def timestamp(value, path: str) -> datetime:
    if not isinstance(value, str) or not TIMESTAMP_RE.match(value):
        _fail(path, "must be an ISO 8601 timestamp with a time zone")
    if value.endswith(("-00:00", "-0000", "-00")):
        _fail(path, "the offset -00:00 means 'unknown' (RFC 3339); use Z or +00:00")
    try:
        parsed = parse_datetime(value.replace(" ", "T"))
    except ValueError:  # well-formed but impossible, like 2026-02-30T10:00:00Z
        _fail(path, "is not a date and time that exists")
    if parsed is None or parsed.tzinfo is None:
        _fail(path, "must be an ISO 8601 timestamp with a time zone")
    try:
        parsed.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59:59-14:00 is in the year 10000 in UTC
        _fail(path, "is out of range")
    return parsed


def language_map(value, path: str) -> None:
    if not isinstance(value, dict):
        _fail(path, "must be a language map")
    for key, text in value.items():
        if not LANG_RE.match(key):
            _fail(f"{path}.{key}", "is not a valid RFC 5646 language tag")
        _string(text, f"{path}.{key}")


def extensions(value, path: str) -> None:
    if not isinstance(value, dict):
        _fail(path, "must be a JSON object")
    for key, item in value.items():
        _iri(key, f"{path}.{key}")
        deep = too_deep(item, EXTENSION_DEPTH)
        if deep is not None:
            _fail(f"{path}.{key}{deep[1:]}", f"nests deeper than the {MAX_DEPTH} levels allowed")


def _account(value, path: str) -> None:
    _obj(value, path, {"homePage", "name"}, {"homePage", "name"})
    _iri(value["homePage"], f"{path}.homePage")
    _string(value["name"], f"{path}.name")
