"""The embedded LRS: /xapi/about and the Statements resource (xAPI 1.0.3); the other
resources are in document_views.py.

Thin: parse and check the request, call an action or a selector, answer.
"""

import json
import re
from functools import wraps

from django.conf import settings
from django.core import signing
from django.core.exceptions import RequestDataTooBig
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from tracking.lrs import multipart, query, read, scopes
from tracking.lrs.attachments import attachment_bodies, read_body
from tracking.lrs.auth import authenticate
from tracking.lrs.body import request_body
from tracking.lrs.store import StatementConflict, store_statements
from tracking.lrs.validation import InvalidStatement, validate_statement
from tracking.statements import xapi_timestamp

VERSION = "1.0.3"
VERSION_RE = re.compile(r"^1\.0(\.\d+)?$")
SUPPORTED = ("1.0.3", "1.0.2", "1.0.1", "1.0.0")


def _answer(response: HttpResponse) -> HttpResponse:
    response["X-Experience-API-Version"] = VERSION
    return response


def error(status: int, message: str) -> HttpResponse:
    return _answer(JsonResponse({"error": message}, status=status))


def xapi_view(view):
    """Version header, authentication and scopes, shared by every resource but /about."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            _within_limit(request)
            alternate(request)
        except RequestDataTooBig:
            return too_big()
        except InvalidStatement as exc:
            return error(400, str(exc))
        response = _checked(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            response["X-Experience-API-Consistent-Through"] = xapi_timestamp(timezone.now())
        return response

    def _checked(request, *args, **kwargs):
        version = request.headers.get("X-Experience-API-Version", "")
        if not version:
            return error(400, "the X-Experience-API-Version header is required")
        if not VERSION_RE.match(version):
            return error(400, f"X-Experience-API-Version {version!r} is not supported (1.0.x)")
        client = authenticate(request)
        if client is None:
            response = error(401, "valid LRS client credentials are required (HTTP Basic)")
            response["WWW-Authenticate"] = 'Basic realm="xAPI"'
            return response
        # A client scoped to an organisation's learners reads only what concerns them.
        client.read_scope = scopes.read_scope(client)
        writes = request.method in ("PUT", "POST", "DELETE")
        if writes and (not client.can_write or client.read_scope is not None):
            return error(403, "this LRS client may read, not write")
        return _answer(view(request, client, *args, **kwargs))

    return wrapper


def too_big() -> HttpResponse:
    limit = settings.XAPI_MAX_BODY_BYTES
    return error(413, f"the body is larger than this LRS takes ({limit} bytes)")


def _within_limit(request) -> None:
    """Refuse a body over XAPI_MAX_BODY_BYTES before reading it (the form body of the
    alternate syntax is read by Django, under its DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.XAPI_MAX_BODY_BYTES:
        raise RequestDataTooBig


ALTERNATE_HEADERS = {
    "Authorization": "HTTP_AUTHORIZATION",
    "X-Experience-API-Version": "HTTP_X_EXPERIENCE_API_VERSION",
    "Content-Type": "CONTENT_TYPE",
    "Content-Length": "CONTENT_LENGTH",
    "If-Match": "HTTP_IF_MATCH",
    "If-None-Match": "HTTP_IF_NONE_MATCH",
}


def alternate(request) -> None:
    """xAPI's alternate request syntax (Communication 1.3): a POST with ?method=X whose
    form body carries the headers, the parameters and the content. Rewrites ``request``
    in place into the request it stands for."""
    if request.method != "POST" or "method" not in request.GET:
        return
    if set(request.GET) != {"method"}:
        raise InvalidStatement("with ?method=, every other parameter goes in the form body")
    if not (request.content_type or "").startswith("application/x-www-form-urlencoded"):
        raise InvalidStatement("the alternate request syntax needs a form-encoded body")
    method = request.GET["method"].upper()
    if method not in ("GET", "PUT", "POST", "DELETE", "HEAD"):
        raise InvalidStatement(f"method {method!r} is not allowed")
    form = request.POST.copy()
    content = form.pop("content", [""])[-1]
    request.META["CONTENT_TYPE"] = "application/json"  # unless the form says otherwise
    for name, meta in ALTERNATE_HEADERS.items():
        for key in (name, name.lower()):
            if key in form:
                request.META[meta] = form.pop(key)[-1]
    request.__dict__.pop("headers", None)
    request.method = method
    request.GET = form
    request._body = content.encode()
    request.content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip()


@csrf_exempt
def about(request):
    if request.method not in ("GET", "HEAD"):
        return error(405, "GET only")
    return _answer(JsonResponse({"version": list(SUPPORTED)}))


def _body(request) -> tuple[object, list[multipart.Part]]:
    return read_body(request_body(request), request.META.get("CONTENT_TYPE", ""))


def _store(statements, client, parts) -> HttpResponse | list[str]:
    try:
        for i, statement in enumerate(statements):
            validate_statement(
                statement, "statement" if len(statements) == 1 else f"statements[{i}]"
            )
        bodies = attachment_bodies(statements, parts)
        try:
            return store_statements(statements, client=client, attachments=bodies)
        except IntegrityError:
            # The same id arrived at the same moment from elsewhere: look again, now that
            # the other request has committed (same content: fine; other content: 409).
            return store_statements(statements, client=client, attachments=bodies)
    except InvalidStatement as exc:
        return error(400, str(exc))
    except StatementConflict as exc:
        return error(409, f"statement {exc} exists already with other content")


@xapi_view
def not_supported(request, client, rest=""):
    return error(404, f"/xapi/{rest} is not a resource of this LRS")


@xapi_view
def statements(request, client):
    if request.method == "PUT":
        return _put(request, client)
    if request.method == "POST":
        return _post(request, client)
    if request.method in ("GET", "HEAD"):
        response = _get(request, client)
        if request.method == "HEAD":
            response.content = b""
        return response
    return error(405, "GET, HEAD, PUT or POST")


def _put(request, client):
    statement_id = request.GET.get("statementId")
    if not statement_id:
        return error(400, "PUT needs the statementId parameter")
    try:
        body, parts = _body(request)
    except RequestDataTooBig:
        return too_big()
    except InvalidStatement as exc:
        return error(400, str(exc))
    if not isinstance(body, dict):
        return error(400, "PUT takes one statement (a JSON object)")
    if "id" in body and str(body["id"]).lower() != statement_id.lower():
        return error(400, "the statement's id differs from statementId")
    body["id"] = statement_id
    stored = _store([body], client, parts)
    return stored if isinstance(stored, HttpResponse) else HttpResponse(status=204)


def _post(request, client):
    try:
        body, parts = _body(request)
    except RequestDataTooBig:
        return too_big()
    except InvalidStatement as exc:
        return error(400, str(exc))
    batch = body if isinstance(body, list) else [body]
    if not batch:
        return error(400, "no statements in the body")
    ids = [str(s.get("id", "")).lower() for s in batch if isinstance(s, dict) and "id" in s]
    if len(ids) != len(set(ids)):
        return error(400, "the batch holds two statements with the same id")
    stored = _store(batch, client, parts)
    return stored if isinstance(stored, HttpResponse) else JsonResponse(stored, safe=False)


def _get(request, client):
    consistent = xapi_timestamp(timezone.now())
    try:
        params = query.parse(request.GET)
    except query.BadQuery as exc:
        return error(400, str(exc))
    if params.single is not None:
        row = read.single_statement(params.single, voided=params.voided, within=_within(client))
        if row is None:
            return error(404, "no such statement")
        served = [query.shape(read.as_served(row), params, request)]
        result = served[0]
    else:
        if params.more:
            try:
                params = query.from_more(params.more)
            except signing.BadSignature:
                return error(400, "the 'more' link is not valid")
        rows, more = read.statement_page(params, within=_within(client))
        served = [query.shape(read.as_served(r), params, request) for r in rows]
        result = {"statements": served, "more": query.more_url(request, more) if more else ""}
    if params.attachments:
        response = _with_attachments(result, served)
    else:
        response = JsonResponse(result)
    if params.single is not None:
        response["Last-Modified"] = row.stored.strftime("%a, %d %b %Y %H:%M:%S GMT")
    response["X-Experience-API-Consistent-Through"] = consistent
    return response


def _within(client):
    """The statements the client may read (a filter), or None for all of them."""
    scope = getattr(client, "read_scope", None)
    return None if scope is None else scope.statements()


def _with_attachments(result: dict, served: list[dict]) -> HttpResponse:
    """attachments=true: the result as the first part, then every attachment body held
    for the statements (Communication 2.1.3)."""
    first = json.dumps(result, cls=DjangoJSONEncoder).encode()
    parts = [(a.content_type, bytes(a.content)) for a in read.attachments_of(served)]
    body, content_type = multipart.build(first, parts)
    return HttpResponse(body, content_type=content_type)
