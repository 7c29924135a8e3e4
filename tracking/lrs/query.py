"""The query parameters of GET /xapi/statements, the "more" links and the formats."""

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from django.core import signing

from tracking.identity import agent_key
from tracking.lrs.validation import InvalidStatement, actor, timestamp

MAX_LIMIT = 500
SINGLE_ALLOWED = {"statementId", "voidedStatementId", "attachments", "format"}
KNOWN = {
    "statementId",
    "voidedStatementId",
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
    "more",
}
_SALT = "xapi-more"


class BadQuery(ValueError):
    pass


@dataclass
class Query:
    single: str | None = None
    voided: bool = False
    agent: str = ""
    verb: str = ""
    activity: str = ""
    registration: str = ""
    related_activities: bool = False
    related_agents: bool = False
    since: str = ""
    until: str = ""
    limit: int = 100
    format: str = "exact"
    ascending: bool = False
    attachments: bool = False  # answer multipart/mixed with the attachments' bodies
    more: str = ""
    after_seq: int | None = None  # for "more": continue after this statement
    through_seq: int | None = None  # and see nothing added after the first page


def _bool(value: str, name: str) -> bool:
    if value not in ("true", "false"):
        raise BadQuery(f"{name} must be true or false")
    return value == "true"


def parse(params) -> Query:
    unknown = set(params) - KNOWN
    if unknown:
        raise BadQuery(f"unknown parameter(s): {', '.join(sorted(unknown))}")
    q = Query()
    if "more" in params:
        q.more = params["more"]
        return q
    for name in ("statementId", "voidedStatementId"):
        if name in params:
            if "statementId" in params and "voidedStatementId" in params:
                raise BadQuery("give statementId or voidedStatementId, not both")
            extra = set(params) - SINGLE_ALLOWED
            if extra:
                raise BadQuery(f"{name} can't be combined with {', '.join(sorted(extra))}")
            q.single = params[name]
            q.voided = name == "voidedStatementId"
    if "agent" in params:
        try:
            value = json.loads(params["agent"])
            actor(value, "agent")
        except (ValueError, InvalidStatement) as exc:
            raise BadQuery(f"agent must be an Agent or Group as JSON: {exc}") from exc
        q.agent = agent_key(value)
    for name in ("verb", "activity", "registration"):
        setattr(q, name, params.get(name, ""))
    for name in ("since", "until"):
        if name in params:
            try:
                timestamp(params[name], name)
            except InvalidStatement as exc:
                raise BadQuery(str(exc)) from exc
            setattr(q, name, params[name])
    for name in ("related_activities", "related_agents", "ascending", "attachments"):
        if name in params:
            setattr(q, name, _bool(params[name], name))
    if "limit" in params:
        try:
            q.limit = int(params["limit"])
        except ValueError as exc:
            raise BadQuery("limit must be a whole number") from exc
        if q.limit < 0:
            raise BadQuery("limit must not be negative")
    q.limit = MAX_LIMIT if q.limit == 0 else min(q.limit, MAX_LIMIT)
    if "format" in params:
        if params["format"] not in ("ids", "exact", "canonical"):
            raise BadQuery("format must be ids, exact or canonical")
        q.format = params["format"]
    return q


def since_until(q: Query) -> tuple[datetime | None, datetime | None]:
    since = timestamp(q.since, "since") if q.since else None
    until = timestamp(q.until, "until") if q.until else None
    return since, until


def more_token(q: Query, last_seq: int, through_seq: int) -> str:
    data = asdict(q)
    data.update(more="", after_seq=last_seq, through_seq=through_seq)
    return signing.dumps(data, salt=_SALT, compress=True)


def from_more(token: str) -> Query:
    return Query(**signing.loads(token, salt=_SALT))


def more_url(request, token: str) -> str:
    return f"{request.path}?more={token}"


IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def _ids_only(value):
    """format=ids: agents and identified groups by identifier only, activities by id only,
    anonymous groups by their members' identifiers."""
    if isinstance(value, dict):
        kind = value.get("objectType")
        if "id" in value and kind in (None, "Activity") and "verb" not in value:
            return {"id": value["id"]}
        ifi = [k for k in IFIS if k in value]
        if kind in (None, "Agent", "Group") and (ifi or "member" in value):
            out = {"objectType": kind} if kind else {}
            if ifi:
                out[ifi[0]] = value[ifi[0]]
            else:
                out["member"] = [_ids_only(m) for m in value["member"]]
            return out
        return {k: _ids_only(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_ids_only(v) for v in value]
    return value


LANGUAGE_MAPS = {"display", "name", "description"}


def _canonical(value, languages: list[str]):
    """format=canonical: every language map reduced to the one language the client wants."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if (
                key in LANGUAGE_MAPS
                and isinstance(item, dict)
                and item
                and all(isinstance(v, str) for v in item.values())
            ):
                chosen = next((lang for lang in languages if lang in item), next(iter(item)))
                out[key] = {chosen: item[chosen]}
            else:
                out[key] = _canonical(item, languages)
        return out
    if isinstance(value, list):
        return [_canonical(v, languages) for v in value]
    return value


def shape(statement: dict, q: Query, request) -> dict:
    if q.format == "ids":
        return {
            k: (_ids_only(v) if k in ("actor", "object", "context", "authority") else v)
            for k, v in statement.items()
        }
    if q.format == "canonical":
        header = request.headers.get("Accept-Language", "")
        wanted = [part.split(";")[0].strip() for part in header.split(",") if part.strip()]
        return _canonical(statement, wanted)
    return statement
