"""Reads of the Agents and Activities resources: the Person object of an agent, and an
activity with the definition merged from every statement that names it."""

from django.db.models import Q

from tracking.identity import agent_key
from tracking.models import Statement

IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
# The most statements read for a Person's names (newest first).
PERSON_STATEMENTS = 200


def person(agent: dict, within=None) -> dict:
    """The Person object (Communication 2.4): the agent's identifier and every name the
    LRS has seen for it as a statement's actor."""
    names: list[str] = []
    if isinstance(agent.get("name"), str):
        names.append(agent["name"])
    key = agent_key(agent)
    rows = Statement.objects.filter(agent=key)
    if within is not None:  # a scoped client: names only from statements it may read
        rows = rows.filter(within)
    actors = rows.order_by("-seq").values_list("data__actor", flat=True)[:PERSON_STATEMENTS]
    for actor in actors:
        name = actor.get("name") if isinstance(actor, dict) else None
        if isinstance(name, str) and name not in names:
            names.append(name)
    out: dict = {"objectType": "Person"}
    if names:
        out["name"] = names
    for ifi in IFIS:
        if ifi in agent:
            out[ifi] = [agent[ifi]]
    return out


def _occurrences(statement: dict, activity_id: str):
    """Every Activity object with ``activity_id`` in a statement (and its SubStatement)."""
    obj = statement.get("object") or {}
    if obj.get("objectType", "Activity") == "Activity" and obj.get("id") == activity_id:
        yield obj
    if obj.get("objectType") == "SubStatement":
        yield from _occurrences(obj, activity_id)
    context = statement.get("context") or {}
    for items in (context.get("contextActivities") or {}).values():
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, dict) and item.get("id") == activity_id:
                yield item


MERGED_MAPS = ("name", "description", "extensions")


def _merge(into: dict, definition: dict) -> None:
    """A later definition wins, key by key; language maps and extensions merge by entry."""
    for key, value in definition.items():
        if key in MERGED_MAPS and isinstance(value, dict) and isinstance(into.get(key), dict):
            into[key] = {**into[key], **value}
        else:
            into[key] = value


def activity(activity_id: str) -> dict | None:
    """The activity as the LRS knows it, or None if no statement names it."""
    framed = f"\n{activity_id}\n"
    rows = (
        Statement.objects.filter(Q(activity=activity_id) | Q(related_activities__contains=framed))
        .order_by("seq")
        .values_list("data", flat=True)
    )
    found, definition = False, {}
    for data in rows.iterator(chunk_size=200):
        for occurrence in _occurrences(data, activity_id):
            found = True
            if isinstance(occurrence.get("definition"), dict):
                _merge(definition, occurrence["definition"])
    if not found:
        return None
    out = {"objectType": "Activity", "id": activity_id}
    if definition:
        out["definition"] = definition
    return out
