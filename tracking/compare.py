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


def same_as_signed(received: dict, signed: dict) -> bool:
    """Is ``received`` the statement a signer made as ``signed`` (xAPI 1.0.3, Data 2.6)?

    Differences the LRS may cause are ignored: the ``id`` and ``timestamp`` it fills in
    when the signer left them out, and ``stored``, ``authority`` and ``version``.
    """
    received = dict(received)
    signed = dict(signed)
    if "id" not in signed:
        received.pop("id", None)
    for statement in (received, signed):
        if isinstance(statement.get("id"), str):
            statement["id"] = statement["id"].lower()
    try:
        return same_statement(received, signed)
    except (TypeError, ValueError):  # a payload that is no statement at all
        return False
