"""Agents and Groups (actor, authority, members, instructors, teams) in xAPI 1.0.3."""

from tracking.lrs.values import SHA1_RE, _account, _fail, _iri, _obj, _string

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
