"""Reading the body of an LRS request: its own size limit, chunked bodies, JSON depth.

The LRS reads from the request stream itself rather than through ``request.body``, so
Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` stays at its default for the rest of the site
while statements with attachments may reach ``XAPI_MAX_BODY_BYTES``. A body sent with
``Transfer-Encoding: chunked`` (no Content-Length) is read to its end when the server
says the stream ends there (``wsgi.input_terminated``, as gunicorn does).
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig

from tracking.lrs.depth import MAX_DEPTH, first_nul
from tracking.lrs.validation import InvalidStatement

CHUNK = 64 * 1024


def _content_length(request) -> int | None:
    value = request.META.get("CONTENT_LENGTH")
    if not value:
        return None
    try:
        length = int(value)
    except ValueError as exc:
        raise InvalidStatement("the Content-Length header is not a number") from exc
    if length < 0:
        raise InvalidStatement("the Content-Length header is negative")
    return length


def _read(stream, limit: int, size: int | None) -> bytes:
    chunks, total = [], 0
    while size is None or total < size:
        chunk = stream.read(CHUNK if size is None else min(CHUNK, size - total))
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            raise RequestDataTooBig
        chunks.append(chunk)
    return b"".join(chunks)


def request_body(request) -> bytes:
    """The body, at most XAPI_MAX_BODY_BYTES (over it: ``RequestDataTooBig``)."""
    limit = settings.XAPI_MAX_BODY_BYTES
    if "_body" in request.__dict__:  # already read (the alternate request syntax)
        if len(request._body) > limit:
            raise RequestDataTooBig
        return request._body
    length = _content_length(request)
    if length is not None:
        if length > limit:
            raise RequestDataTooBig
        body = _read(request, limit, length)
    elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
        if not request.META.get("wsgi.input_terminated"):
            raise InvalidStatement("this server can't take chunked bodies; send Content-Length")
        body = _read(request.META["wsgi.input"], limit, None)
    else:
        body = b""
    request._body = body
    return body


def parse_json(raw: bytes):
    """JSON from bytes. Python's decoder refuses nesting past the interpreter's recursion
    limit by itself (a RecursionError, which we turn into a 400 here); anything under it
    that is too deep is refused where free-form JSON is allowed (``extensions``)."""
    try:
        value = json.loads(raw or b"null")
    except RecursionError as exc:
        raise InvalidStatement(f"the body nests deeper than {MAX_DEPTH} levels") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidStatement(f"the body is not valid JSON: {exc}") from exc
    # A byte search first: the walk only runs for the rare body that may hold a NUL.
    if b"\\u0000" in raw:
        where = first_nul(value)
        if where is not None:
            where = where.replace("$", "statements" if isinstance(value, list) else "statement", 1)
            raise InvalidStatement(f"{where}: the NUL character (\\u0000) is not allowed")
    return value
