"""The store of the document resources (State, Activity Profile, Agent Profile): one row
per document, written whole (PUT) or merged (POST of a JSON object), with the ETag
preconditions of xAPI 1.0.3 Communication 3.1."""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, router, transaction
from django.utils import timezone

from base.db import write_queue
from tracking.models import Document, DocumentKind


class DocumentError(Exception):
    """A request the document resources refuse; ``status`` is the HTTP status."""

    status = 400


class BadDocument(DocumentError):
    status = 400


class PreconditionFailed(DocumentError):
    status = 412


class DocumentConflict(DocumentError):
    status = 409


@dataclass(frozen=True)
class Address:
    kind: str
    activity: str = ""
    agent: str = ""
    registration: str | None = None
    document_id: str = ""

    @property
    def key(self) -> str:
        parts = (self.kind, self.activity, self.agent, self.registration or "", self.document_id)
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Preconditions:
    """The If-Match and If-None-Match headers, as sent (None when absent)."""

    if_match: str | None = None
    if_none_match: str | None = None

    @property
    def given(self) -> bool:
        return self.if_match is not None or self.if_none_match is not None


def etag_of(content: bytes) -> str:
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()


def is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() == "application/json"


def _tags(header: str) -> set[str]:
    return {t.strip().removeprefix("W/").strip('"').lower() for t in header.split(",") if t.strip()}


def check(doc: Document | None, pre: Preconditions) -> None:
    """Raise PreconditionFailed unless the headers hold for ``doc`` (None: no document)."""
    if pre.if_match is not None:
        tags = _tags(pre.if_match)
        if doc is None or not ("*" in tags or doc.etag in tags):
            raise PreconditionFailed("If-Match does not match the document's ETag")
    if pre.if_none_match is not None and doc is not None:
        tags = _tags(pre.if_none_match)
        if "*" in tags or doc.etag in tags:
            raise PreconditionFailed("If-None-Match: the document exists already")


def _json_object(content: bytes, what: str) -> dict:
    try:
        value = json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BadDocument(f"{what} is not valid JSON") from exc
    if not isinstance(value, dict):
        raise BadDocument(f"{what} is not a JSON object")
    return value


def _merged(doc: Document | None, content: bytes, content_type: str) -> bytes:
    """POST: a JSON object merged into the document held (top-level keys replaced); with
    no document held, the content as a PUT would store it."""
    if doc is None:
        if is_json(content_type):
            _json_object(content, "the document")
        return content
    if not is_json(content_type):
        raise BadDocument("only JSON merges: send Content-Type application/json, or use PUT")
    new = _json_object(content, "the document")
    if not is_json(doc.content_type):
        raise BadDocument("the document held is not JSON, so it can't be merged into: use PUT")
    old = _json_object(bytes(doc.content), "the document held")
    return json.dumps({**old, **new}, ensure_ascii=False).encode()


def find(address: Address, within=None) -> Document | None:
    """The document at the address; ``within``: a filter it must pass (a scoped client's)."""
    rows = Document.objects.filter(key=address.key)
    if within is not None:
        rows = rows.filter(within)
    return rows.first()


def save(
    address: Address,
    content: bytes,
    content_type: str,
    *,
    merge: bool,
    pre: Preconditions,
    need_precondition: bool = False,
) -> Document:
    """PUT (``merge=False``) or POST (``merge=True``) one document. With
    ``need_precondition`` (the profiles' PUT), overwriting without If-Match or
    If-None-Match is a DocumentConflict, and creating one without them a BadDocument (as
    ADL's conformance suite reads xAPI 1.0.3, Communication 3.1)."""
    try:
        return _save(address, content, content_type, merge, pre, need_precondition)
    except IntegrityError:
        # Made at the same moment by another request: now it exists, go again.
        return _save(address, content, content_type, merge, pre, need_precondition)


def _save(address, content, content_type, merge, pre, need_precondition) -> Document:
    with write_queue(router.db_for_write(Document)), transaction.atomic():
        doc = Document.objects.select_for_update().filter(key=address.key).first()
        check(doc, pre)
        if need_precondition and not pre.given:
            if doc is not None:
                raise DocumentConflict(
                    "the document exists: send If-Match with its ETag to overwrite it"
                )
            raise BadDocument("PUT needs If-None-Match: * to create a profile (or If-Match)")
        if merge:
            merged = _merged(doc, content, content_type)
            content_type = content_type if merged is content else "application/json"
            content = merged
        if doc is None:
            doc = Document(
                key=address.key,
                kind=address.kind,
                activity=address.activity,
                agent=address.agent,
                registration=address.registration,
                document_id=address.document_id,
            )
        doc.content, doc.content_type = content, content_type or "application/octet-stream"
        doc.etag, doc.updated = etag_of(content), timezone.now()
        doc.save()
        return doc


def delete(address: Address, pre: Preconditions) -> None:
    with write_queue(router.db_for_write(Document)), transaction.atomic():
        doc = Document.objects.select_for_update().filter(key=address.key).first()
        check(doc, pre)
        if doc is not None:
            doc.delete()


def _matching(kind: str, activity: str, agent: str, registration: str | None):
    rows = Document.objects.filter(kind=kind)
    if activity:
        rows = rows.filter(activity=activity)
    if agent:
        rows = rows.filter(agent=agent)
    if registration:
        rows = rows.filter(registration=registration)
    return rows


def document_ids(
    kind: str,
    *,
    activity="",
    agent="",
    registration=None,
    since: datetime | None = None,
    within=None,
) -> list[str]:
    """The ids of the documents at an activity and/or agent (a state's registration, if
    given), changed after ``since``; ``within``: a filter they must pass."""
    rows = _matching(kind, activity, agent, registration)
    if within is not None:
        rows = rows.filter(within)
    if since is not None:
        rows = rows.filter(updated__gt=since)
    return list(rows.order_by("updated", "pk").values_list("document_id", flat=True))


def delete_states(*, activity: str, agent: str, registration: str | None) -> None:
    """DELETE of the State resource without stateId: every state of the activity and agent
    (of the registration, if given)."""
    with write_queue(router.db_for_write(Document)), transaction.atomic():
        _matching(DocumentKind.STATE, activity, agent, registration).delete()


def delete_agent_documents(agent: str) -> int:
    """Every state and agent profile whose agent is ``agent`` (an agent key), in the
    caller's transaction: used when the person's account is deleted."""
    if not agent:
        return 0
    return Document.objects.filter(agent=agent).delete()[0]
