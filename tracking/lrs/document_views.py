"""The document resources of the embedded LRS (State, Activity Profile, Agent Profile)
and the Agents and Activities resources (xAPI 1.0.3, Communication 2.2 to 2.7).

Thin: parse the parameters, call the store or a read, answer. Authentication, the
version header, the alternate request syntax and the write permission are
``views.xapi_view``'s."""

import json
import uuid
from dataclasses import dataclass

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.utils.http import http_date

from tracking.identity import agent_key
from tracking.lrs import documents, people
from tracking.lrs.body import request_body
from tracking.lrs.documents import Address, DocumentError, Preconditions
from tracking.lrs.validation import InvalidStatement, actor, timestamp
from tracking.lrs.values import IRI_RE
from tracking.lrs.views import error, too_big, xapi_view
from tracking.models import DocumentKind

MAX_ACTIVITY = 1000
MAX_AGENT = 600


@dataclass(frozen=True)
class Resource:
    kind: str
    required: tuple[str, ...]
    id_param: str
    allowed: frozenset[str]


STATE = Resource(
    DocumentKind.STATE,
    ("activityId", "agent"),
    "stateId",
    frozenset({"activityId", "agent", "registration", "stateId", "since"}),
)
ACTIVITY_PROFILE = Resource(
    DocumentKind.ACTIVITY_PROFILE,
    ("activityId",),
    "profileId",
    frozenset({"activityId", "profileId", "since"}),
)
AGENT_PROFILE = Resource(
    DocumentKind.AGENT_PROFILE,
    ("agent",),
    "profileId",
    frozenset({"agent", "profileId", "since"}),
)


class BadParameter(DocumentError):
    status = 400


def _known(params, allowed) -> None:
    unknown = set(params) - set(allowed)
    if unknown:
        raise BadParameter(f"unknown parameter(s): {', '.join(sorted(unknown))}")
    for name, value in params.items():
        if "\x00" in value:
            raise BadParameter(f"{name}: the NUL character is not allowed")


def _agent(params) -> tuple[dict, str]:
    if "agent" not in params:
        raise BadParameter("the agent parameter is required")
    try:
        value = json.loads(params["agent"])
        actor(value, "agent")
    except (ValueError, RecursionError, InvalidStatement) as exc:
        raise BadParameter(f"agent must be an Agent as JSON: {exc}") from exc
    key = agent_key(value)
    if not key:
        raise BadParameter("agent must be identified (mbox, mbox_sha1sum, openid or account)")
    if len(key) > MAX_AGENT:
        raise BadParameter(f"agent: its identifier is longer than {MAX_AGENT} characters")
    return value, key


def _activity(params) -> str:
    value = params.get("activityId")
    if value is None:
        raise BadParameter("the activityId parameter is required")
    if not IRI_RE.match(value):
        raise BadParameter("activityId must be an absolute IRI")
    if len(value) > MAX_ACTIVITY:
        raise BadParameter(f"activityId is longer than {MAX_ACTIVITY} characters")
    return value


def _registration(params) -> str | None:
    value = params.get("registration")
    if value is None:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError as exc:
        raise BadParameter("registration must be a UUID") from exc


def _address(params, resource: Resource) -> Address:
    _known(params, resource.allowed)
    activity = _activity(params) if "activityId" in resource.required else ""
    agent = _agent(params)[1] if "agent" in resource.required else ""
    registration = _registration(params) if resource is STATE else None
    return Address(resource.kind, activity, agent, registration, params.get(resource.id_param, ""))


def _preconditions(request) -> Preconditions:
    return Preconditions(request.META.get("HTTP_IF_MATCH"), request.META.get("HTTP_IF_NONE_MATCH"))


def _document_response(doc) -> HttpResponse:
    response = HttpResponse(bytes(doc.content), content_type=doc.content_type)
    response["ETag"] = f'"{doc.etag}"'
    response["Last-Modified"] = http_date(doc.updated.timestamp())
    return response


def _within(client):
    """The documents the client may read (a filter), or None for all of them."""
    scope = getattr(client, "read_scope", None)
    return None if scope is None else scope.documents()


def _get(request, client, resource: Resource, address: Address) -> HttpResponse:
    if resource.id_param in request.GET:
        doc = documents.find(address, within=_within(client))
        if doc is None:
            return error(404, f"no such document ({resource.id_param} {address.document_id!r})")
        return _document_response(doc)
    since = None
    if "since" in request.GET:
        try:
            since = timestamp(request.GET["since"], "since")
        except InvalidStatement as exc:
            raise BadParameter(str(exc)) from exc
    ids = documents.document_ids(
        resource.kind,
        activity=address.activity,
        agent=address.agent,
        registration=address.registration,
        since=since,
        within=_within(client),
    )
    return JsonResponse(ids, safe=False)


def _write(request, resource: Resource, address: Address) -> HttpResponse:
    if resource.id_param not in request.GET:
        raise BadParameter(f"{request.method} needs the {resource.id_param} parameter")
    content = request_body(request)
    doc = documents.save(
        address,
        content,
        request.META.get("CONTENT_TYPE", ""),
        merge=request.method == "POST",
        pre=_preconditions(request),
        need_precondition=request.method == "PUT" and resource is not STATE,
    )
    response = HttpResponse(status=204)
    response["ETag"] = f'"{doc.etag}"'
    return response


def _delete(request, resource: Resource, address: Address) -> HttpResponse:
    if resource.id_param in request.GET:
        documents.delete(address, _preconditions(request))
    elif resource is STATE:
        documents.delete_states(
            activity=address.activity, agent=address.agent, registration=address.registration
        )
    else:
        raise BadParameter(f"DELETE needs the {resource.id_param} parameter")
    return HttpResponse(status=204)


def _handled(request, client, resource: Resource) -> HttpResponse:
    try:
        address = _address(request.GET, resource)
        if request.method in ("GET", "HEAD"):
            return _headless(request, _get(request, client, resource, address))
        if request.method in ("PUT", "POST"):
            return _write(request, resource, address)
        if request.method == "DELETE":
            return _delete(request, resource, address)
    except RequestDataTooBig:
        return too_big()
    except (DocumentError, InvalidStatement) as exc:
        return error(getattr(exc, "status", 400), str(exc))
    return error(405, "GET, HEAD, PUT, POST or DELETE")


def _headless(request, response: HttpResponse) -> HttpResponse:
    if request.method == "HEAD":
        response.content = b""
    return response


@xapi_view
def state(request, client):
    return _handled(request, client, STATE)


@xapi_view
def activity_profile(request, client):
    return _handled(request, client, ACTIVITY_PROFILE)


@xapi_view
def agent_profile(request, client):
    return _handled(request, client, AGENT_PROFILE)


@xapi_view
def agents(request, client):
    if request.method not in ("GET", "HEAD"):
        return error(405, "GET or HEAD")
    try:
        _known(request.GET, {"agent"})
        agent, _key = _agent(request.GET)
    except DocumentError as exc:
        return error(exc.status, str(exc))
    scope = getattr(client, "read_scope", None)
    within = None if scope is None else scope.statements()
    return _headless(request, JsonResponse(people.person(agent, within=within)))


@xapi_view
def activities(request, client):
    if request.method not in ("GET", "HEAD"):
        return error(405, "GET or HEAD")
    try:
        _known(request.GET, {"activityId"})
        activity_id = _activity(request.GET)
    except DocumentError as exc:
        return error(exc.status, str(exc))
    found = people.activity(activity_id)
    if found is None:
        return error(404, "no statement names this activity")
    return _headless(request, JsonResponse(found))
