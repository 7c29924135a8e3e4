"""When are two statements the same statement? (xAPI 1.0.3: statement comparison)"""

import json

from django.utils.dateparse import parse_datetime

SET_BY_LRS = ("stored", "authority", "version")


def comparable(statement: dict) -> dict:
    """A statement without what each LRS sets itself and with defaults made explicit."""
    out = {k: v for k, v in statement.items() if k not in SET_BY_LRS}
    if "timestamp" in out:
        out["timestamp"] = parse_datetime(out["timestamp"])
    if isinstance(out.get("actor"), dict):
        out["actor"] = {k: v for k, v in out["actor"].items() if k != "objectType"} | {
            "objectType": out["actor"].get("objectType", "Agent")
        }
    obj = out.get("object")
    if isinstance(obj, dict):
        out["object"] = {**obj, "objectType": obj.get("objectType", "Activity")}
    return json.loads(json.dumps(out, sort_keys=True, default=str))


def same_statement(stored: dict, incoming: dict) -> bool:
    """``incoming`` may leave out the timestamp the LRS filled in when it stored it."""
    a, b = comparable(stored), comparable(incoming)
    if "timestamp" not in incoming:
        a.pop("timestamp", None)
    return a == b
