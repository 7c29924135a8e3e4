"""Site-wide middleware: health probes, one log line per request, no control characters in
URLs, no-store on secrets."""

import logging
import re
import time
import uuid
from urllib.parse import quote

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from base.text import has_unsafe_characters
from lms import views
from lms.logformat import API_TOKEN_RE

request_log = logging.getLogger("lms.request")

PROBES = {"/healthz": views.healthz, "/readyz": views.readyz}
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# URL parameters that are secrets (invitation tokens, password-reset keys): never logged.
SECRET_KWARGS = {"token", "key", "uidb36"}
# Pages that show a secret: a live invitation link, a TOTP secret, recovery codes, a
# password-reset key in the URL. Browsers and proxies must not keep them.
SECRET_PAGES = {
    "team_detail",
    "team_join",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reset_password_from_key",
}


class HealthMiddleware:
    """``/healthz`` and ``/readyz`` answer before anything looks at the Host header, so
    a load balancer or ``make run`` can probe by IP address whatever ALLOWED_HOSTS says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)


def loggable_path(request) -> str:
    """The path without its query string, secret URL parameters and anything that looks
    like an API token replaced by ``*``."""
    path = API_TOKEN_RE.sub("*", request.path)
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_KWARGS and str(value):
                path = path.replace(str(value), "*")
    # Percent-encoded: a newline or control character in a URL can't forge a log line.
    return quote(path, safe="/:@-._~!$&'()*+,;=")


class RequestLogMiddleware:
    """One line per request: request id (also sent back as ``X-Request-ID``), method,
    path, status and duration. Nothing else about the person or the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if REQUEST_ID_RE.match(given) else uuid.uuid4().hex
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        response["X-Request-ID"] = request.request_id
        request_log.info(
            "request_id=%s method=%s path=%s status=%s duration_ms=%.1f",
            request.request_id,
            request.method,
            loggable_path(request),
            response.status_code,
            duration_ms,
        )
        return response


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name in SECRET_PAGES:
            add_never_cache_headers(response)
        return response


class UnsafeURLMiddleware:
    """A path or query parameter with a control character or bidi override is refused
    (400) before any view sees it: NUL in a URL parameter is a 500 on PostgreSQL, and
    no link the site makes has one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lrs = request.path_info.startswith("/xapi/")
        api = request.path_info.startswith("/api/")
        if has_unsafe_characters(request.path_info):
            message = _("The address contains characters that are not allowed.")
            if lrs:
                return JsonResponse({"error": f"path: {message}"}, status=400)
            if api:
                return JsonResponse({"detail": message}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        # The LRS checks its own query parameters and names the one at fault.
        if not lrs and any(
            has_unsafe_characters(key) or any(has_unsafe_characters(v) for v in values)
            for key, values in request.GET.lists()
        ):
            message = _("The address contains characters that are not allowed.")
            if api:
                return JsonResponse({"detail": message}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
