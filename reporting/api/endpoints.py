"""The course owners' JSON API (django-ninja): their scopes, and for each scope the same
report tables as the dashboards, built by the same selectors (small numbers already
hidden there). Thin: check the scope, call a selector, return its table.

Descriptions are marked for translation (``gettext_noop``) and translated on the
documentation page; the schema itself is in English.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError

from organisations.selectors import Scope, scope_for, scopes_for
from reporting import selectors
from reporting.api.auth import TokenAuth
from reporting.api.schemas import Error, InvalidParameters, ScopeOut

api = NinjaAPI(
    title="Arbeidsmiljø LMS: course owners' API",
    version="1",
    description=gettext_noop(
        "Completion and follow-up figures for the organisations you are course owner "
        "for. Every request needs a token: Authorization: Bearer <token>."
    ),
    urls_namespace="api",
    docs_url=None,  # the site's own page at /api/docs: no outside resources, no inline JS
    openapi_url="/openapi.json",
    auth=TokenAuth(),
)

# Every operation may answer these (400: a control character in the address; 401: no
# valid token; 422: a parameter that doesn't fit its type).
ERRORS = {400: Error, 401: Error, 422: InvalidParameters}
SCOPED_ERRORS = {**ERRORS, 404: Error}


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    response = api.create_response(
        request,
        {"detail": _("A valid API token is needed: Authorization: Bearer <token>.")},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = [
        {
            "parameter": ".".join(str(part) for part in error.get("loc", ())[1:])
            or str(error.get("loc", ("",))[0]),
            "message": str(error.get("msg", "")),
        }
        for error in exc.errors
    ]
    return api.create_response(
        request,
        {"detail": _("Some of the parameters are not valid."), "errors": errors},
        status=422,
    )


def scope_or_404(request, organisation) -> Scope:
    """The token owner's scope over that organisation; 404 when they hold none (whether
    the organisation exists is not revealed)."""
    scope = scope_for(request.auth, organisation)
    if scope is None:
        raise Http404
    return scope


v1 = Router(tags=["v1"])


@v1.get(
    "/scopes",
    response={200: list[ScopeOut], **ERRORS},
    summary=gettext_noop("Your scopes"),
    description=gettext_noop(
        "The organisations you are course owner for, with the modules you follow there."
    ),
    operation_id="list_scopes",
)
def list_scopes(request):
    scopes = scopes_for(request.auth)
    slugs = selectors.module_slugs(set().union(*(s.module_ids or () for s in scopes)))
    return [
        {
            "organisation": s.organisation.public_id,
            "name": s.organisation.name,
            "kind": s.organisation.kind,
            "modules": None
            if s.module_ids is None
            else sorted(slugs[pk] for pk in s.module_ids if pk in slugs),
        }
        for s in scopes
    ]


api.add_router("/v1/", v1)
