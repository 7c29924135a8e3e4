"""Checking incoming statements against xAPI 1.0.3, at least as strictly as Ralph's model.

``validate_statement(data)`` raises ``InvalidStatement`` with a message that says where
(``statement.context.registration``) and what is wrong.
"""

import re

from tracking.lrs.actors import actor, agent, authority, group
from tracking.lrs.values import (
    LANG_RE,
    InvalidStatement,
    _bool,
    _fail,
    _iri,
    _number,
    _obj,
    _string,
    _uuid,
    extensions,
    language_map,
    timestamp,
)

__all__ = [
    "InvalidStatement",
    "actor",
    "agent",
    "authority",
    "group",
    "timestamp",
    "validate_statement",
]

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
DURATION_RE = re.compile(
    r"^P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?"
    r"(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$"
)
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
