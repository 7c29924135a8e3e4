"""Checking incoming statements against xAPI 1.0.3, at least as strictly as Ralph's model.

``validate_statement(data)`` raises ``InvalidStatement`` with a message that says where
(``statement.context.registration``) and what is wrong.
"""

import re
import uuid
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime

from tracking.lrs.depth import MAX_DEPTH, too_deep

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")
LANG_RE = re.compile(
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*(?:-x(?:-[A-Za-z\d]{1,8})+)?$"
    r"|^x(?:-[A-Za-z\d]{1,8})+$"
)
DURATION_RE = re.compile(
    r"^P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?"
    r"(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$"
)
TIMESTAMP_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$")
SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}$")
INTERACTION_TYPES = {
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
}
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")


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


IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def _ifi(value: dict, path: str) -> int:
    found = [k for k in IFIS if k in value]
    if len(found) > 1:
        _fail(path, "must have only one of mbox, mbox_sha1sum, openid, account")
    if "mbox" in value:
        mbox = _string(value["mbox"], f"{path}.mbox")
        if not mbox.startswith("mailto:") or "@" not in mbox:
            _fail(f"{path}.mbox", "must be a mailto: IRI")
    if "mbox_sha1sum" in value and not (
        isinstance(value["mbox_sha1sum"], str) and SHA1_RE.match(value["mbox_sha1sum"])
    ):
        _fail(f"{path}.mbox_sha1sum", "must be a SHA-1 hex digest")
    if "openid" in value:
        _iri(value["openid"], f"{path}.openid")
    if "account" in value:
        _account(value["account"], f"{path}.account")
    return len(found)


AGENT_KEYS = {"objectType", "name", *IFIS}


def agent(value, path: str) -> None:
    _obj(value, path, AGENT_KEYS)
    if value.get("objectType", "Agent") != "Agent":
        _fail(f"{path}.objectType", "must be 'Agent'")
    if "name" in value:
        _string(value["name"], f"{path}.name")
    if _ifi(value, path) != 1:
        _fail(path, "an Agent needs exactly one of mbox, mbox_sha1sum, openid, account")


def group(value, path: str) -> None:
    _obj(value, path, {*AGENT_KEYS, "member"}, {"objectType"})
    if value["objectType"] != "Group":
        _fail(f"{path}.objectType", "must be 'Group'")
    if "name" in value:
        _string(value["name"], f"{path}.name")
    identified = _ifi(value, path)
    members = value.get("member")
    if members is None and not identified:
        _fail(path, "an anonymous Group needs 'member'")
    if members is not None:
        if not isinstance(members, list) or (not identified and not members):
            _fail(f"{path}.member", "must be a list of Agents")
        for i, member in enumerate(members):
            agent(member, f"{path}.member[{i}]")


def actor(value, path: str) -> None:
    if isinstance(value, dict) and value.get("objectType") == "Group":
        group(value, path)
    else:
        agent(value, path)


def authority(value, path: str) -> None:
    """An Agent, or an anonymous Group of exactly two Agents (an OAuth consumer and user)."""
    if isinstance(value, dict) and value.get("objectType") == "Group":
        group(value, path)
        if any(k in value for k in IFIS):
            _fail(path, "an authority Group must be anonymous")
        if len(value.get("member") or []) != 2:
            _fail(f"{path}.member", "an authority Group has exactly two Agents")
    else:
        agent(value, path)


def verb(value, path: str) -> None:
    _obj(value, path, {"id", "display"}, {"id"})
    _iri(value["id"], f"{path}.id")
    if "display" in value:
        language_map(value["display"], f"{path}.display")


def _components(value, path: str) -> None:
    if not isinstance(value, list):
        _fail(path, "must be a list")
    seen = set()
    for i, item in enumerate(value):
        _obj(item, f"{path}[{i}]", {"id", "description"}, {"id"})
        _string(item["id"], f"{path}[{i}].id")
        if item["id"] in seen:
            _fail(f"{path}[{i}].id", "is used twice")
        seen.add(item["id"])
        if "description" in item:
            language_map(item["description"], f"{path}[{i}].description")


def definition(value, path: str) -> None:
    allowed = {
        "name",
        "description",
        "type",
        "moreInfo",
        "extensions",
        "interactionType",
        "correctResponsesPattern",
        *COMPONENT_LISTS,
    }
    _obj(value, path, allowed)
    for key in ("name", "description"):
        if key in value:
            language_map(value[key], f"{path}.{key}")
    for key in ("type", "moreInfo"):
        if key in value:
            _iri(value[key], f"{path}.{key}")
    if "extensions" in value:
        extensions(value["extensions"], f"{path}.extensions")
    kind = value.get("interactionType")
    if kind is not None and (not isinstance(kind, str) or kind not in INTERACTION_TYPES):
        _fail(f"{path}.interactionType", f"must be one of {', '.join(sorted(INTERACTION_TYPES))}")
    if "correctResponsesPattern" in value:
        if kind is None:
            _fail(f"{path}.correctResponsesPattern", "needs an interactionType")
        pattern = value["correctResponsesPattern"]
        if not isinstance(pattern, list) or not all(isinstance(p, str) for p in pattern):
            _fail(f"{path}.correctResponsesPattern", "must be a list of strings")
    for key in COMPONENT_LISTS:
        if key in value:
            if kind is None:
                _fail(f"{path}.{key}", "needs an interactionType")
            _components(value[key], f"{path}.{key}")


def activity(value, path: str) -> None:
    _obj(value, path, {"objectType", "id", "definition"}, {"id"})
    if value.get("objectType", "Activity") != "Activity":
        _fail(f"{path}.objectType", "must be 'Activity'")
    _iri(value["id"], f"{path}.id")
    if "definition" in value:
        definition(value["definition"], f"{path}.definition")


def statement_ref(value, path: str) -> None:
    _obj(value, path, {"objectType", "id"}, {"objectType", "id"})
    _uuid(value["id"], f"{path}.id")


def _object(value, path: str, *, sub: bool = False) -> None:
    if not isinstance(value, dict):
        _fail(path, "must be a JSON object")
    kind = value.get("objectType", "Activity")
    if kind == "Activity":
        activity(value, path)
    elif kind == "Agent":
        agent(value, path)
    elif kind == "Group":
        group(value, path)
    elif kind == "StatementRef":
        statement_ref(value, path)
    elif kind == "SubStatement" and not sub:
        _statement_body(value, path, sub=True)
    else:
        _fail(f"{path}.objectType", f"'{kind}' is not allowed here")


def result(value, path: str) -> None:
    _obj(value, path, {"score", "success", "completion", "response", "duration", "extensions"})
    if "score" in value:
        score = _obj(value["score"], f"{path}.score", {"scaled", "raw", "min", "max"})
        for key in score:
            _number(score[key], f"{path}.score.{key}")
        if "scaled" in score and not -1 <= score["scaled"] <= 1:
            _fail(f"{path}.score.scaled", "must be from -1 to 1")
        low, high, raw = score.get("min"), score.get("max"), score.get("raw")
        if low is not None and high is not None and low > high:
            _fail(f"{path}.score.min", "must not be more than max")
        if raw is not None and (
            (low is not None and raw < low) or (high is not None and raw > high)
        ):
            _fail(f"{path}.score.raw", "must be between min and max")
    for key in ("success", "completion"):
        if key in value:
            _bool(value[key], f"{path}.{key}")
    if "response" in value:
        _string(value["response"], f"{path}.response")
    if "duration" in value:
        duration = value["duration"]
        if not (isinstance(duration, str) and DURATION_RE.match(duration)):
            _fail(f"{path}.duration", "must be an ISO 8601 duration")
        if "W" in duration and duration != duration.split("W")[0] + "W":
            _fail(f"{path}.duration", "weeks (W) can't be combined with other units")
    if "extensions" in value:
        extensions(value["extensions"], f"{path}.extensions")


def context(value, path: str, obj: dict) -> None:
    allowed = {
        "registration",
        "instructor",
        "team",
        "contextActivities",
        "revision",
        "platform",
        "language",
        "statement",
        "extensions",
    }
    _obj(value, path, allowed)
    if "registration" in value:
        _uuid(value["registration"], f"{path}.registration")
    if "instructor" in value:
        actor(value["instructor"], f"{path}.instructor")
    if "team" in value:
        group(value["team"], f"{path}.team")
    if "contextActivities" in value:
        activities = _obj(
            value["contextActivities"],
            f"{path}.contextActivities",
            {"parent", "grouping", "category", "other"},
        )
        for key, items in activities.items():
            items = items if isinstance(items, list) else [items]
            for i, item in enumerate(items):
                activity(item, f"{path}.contextActivities.{key}[{i}]")
    for key in ("revision", "platform"):
        if key in value:
            _string(value[key], f"{path}.{key}")
            if obj.get("objectType", "Activity") != "Activity":
                _fail(f"{path}.{key}", "is only allowed when the object is an Activity")
    if "language" in value and not (
        isinstance(value["language"], str) and LANG_RE.match(value["language"])
    ):
        _fail(f"{path}.language", "must be an RFC 5646 language tag")
    if "statement" in value:
        statement_ref(value["statement"], f"{path}.statement")
        if value["statement"].get("objectType") != "StatementRef":
            _fail(f"{path}.statement.objectType", "must be 'StatementRef'")
    if "extensions" in value:
        extensions(value["extensions"], f"{path}.extensions")


def attachments(value, path: str) -> None:
    if not isinstance(value, list):
        _fail(path, "must be a list")
    for i, item in enumerate(value):
        p = f"{path}[{i}]"
        _obj(
            item,
            p,
            {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"},
            {"usageType", "display", "contentType", "length", "sha2"},
        )
        _iri(item["usageType"], f"{p}.usageType")
        language_map(item["display"], f"{p}.display")
        if "description" in item:
            language_map(item["description"], f"{p}.description")
        _string(item["contentType"], f"{p}.contentType")
        if isinstance(item["length"], bool) or not isinstance(item["length"], int):
            _fail(f"{p}.length", "must be a whole number")
        _string(item["sha2"], f"{p}.sha2")
        if "fileUrl" in item:
            _iri(item["fileUrl"], f"{p}.fileUrl")


def _statement_body(value: dict, path: str, *, sub: bool = False) -> None:
    allowed = {"actor", "verb", "object", "result", "context", "timestamp", "attachments"}
    if sub:
        allowed.add("objectType")
    else:
        allowed |= {"id", "stored", "authority", "version"}
    _obj(value, path, allowed, {"actor", "verb", "object"})
    actor(value["actor"], f"{path}.actor")
    verb(value["verb"], f"{path}.verb")
    _object(value["object"], f"{path}.object", sub=sub)
    if "result" in value:
        result(value["result"], f"{path}.result")
    if "context" in value:
        context(value["context"], f"{path}.context", value["object"])
    if "timestamp" in value:
        timestamp(value["timestamp"], f"{path}.timestamp")
    if "attachments" in value:
        attachments(value["attachments"], f"{path}.attachments")
    if value["verb"]["id"] == VOIDED and value["object"].get("objectType") != "StatementRef":
        _fail(f"{path}.object", "a voiding statement's object must be a StatementRef")


def validate_statement(value, path: str = "statement") -> dict:
    if not isinstance(value, dict):
        _fail(path, "must be a JSON object")
    _statement_body(value, path)
    if "id" in value:
        _uuid(value["id"], f"{path}.id")
    if "stored" in value:
        timestamp(value["stored"], f"{path}.stored")
    if "authority" in value:
        authority(value["authority"], f"{path}.authority")
    if "version" in value:
        version = value["version"]
        if not isinstance(version, str) or not re.match(r"^1\.0(\.\d+)?$", version):
            _fail(f"{path}.version", "must be a 1.0.x version")
    return value
