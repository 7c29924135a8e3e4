"""The course owners' JSON API (django-ninja): their scopes, and for each scope the same
report tables as the dashboards, built by the same selectors (small numbers already
hidden there). Thin: check the scope, call a selector, return its table.

Descriptions are marked for translation (``gettext_noop``) and translated on the
documentation page; the schema itself is in English.
"""

import math
from datetime import date
from typing import Literal
from uuid import UUID

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import NinjaAPI, Path, Query, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError

from organisations.selectors import Scope, scope_for, scopes_for
from reporting import selectors
from reporting.api.auth import TokenAuth
from reporting.api.schemas import Error, InvalidParameters, PageOut, ScopeOut, TableOut

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


# --- the report tables, per scope --------------------------------------------------------

ORGANISATION = Path(..., description=gettext_noop("The organisation's public id (see scopes)."))
MODULE = Query(
    None,
    description=gettext_noop("Only this module (its slug); leave out for every module."),
    min_length=1,
    max_length=80,
)
SINCE = Query(None, description=gettext_noop("From this date (YYYY-MM-DD)."))
UNTIL = Query(None, description=gettext_noop("Until this date (YYYY-MM-DD), inclusive."))
INDUSTRY = Query(None, description=gettext_noop("Only this industry (its slug)."), max_length=80)
ROLE = Query(None, description=gettext_noop("Only learners in this role."))
BY = Query(None, description=gettext_noop("Break the figures down by."))
PAGE = Query(1, ge=1, le=1_000_000, description=gettext_noop("The page, from 1."))
PAGE_SIZE = Query(50, ge=1, le=200, description=gettext_noop("Rows per page (at most 200)."))


def _module(scope: Scope, slug: str | None) -> int | None:
    """The module's id, if the scope covers it; 404 otherwise (like an unknown slug)."""
    if slug is None:
        return None
    module_id = selectors.module_id(slug)
    if module_id is None or not scope.covers_module(module_id):
        raise Http404
    return module_id


def _period(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise _InvalidPeriod


class _InvalidPeriod(Exception):
    pass


@api.exception_handler(_InvalidPeriod)
def _invalid_period(request, exc):
    message = _("The start date is after the end date.")
    return api.create_response(
        request,
        {"detail": message, "errors": [{"parameter": "since", "message": message}]},
        status=422,
    )


@api.exception_handler(selectors.OutOfScope)
def _out_of_scope(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


def _table(table) -> dict:
    return table.as_dict()


def _page(request, table, page: int, page_size: int) -> dict:
    """One page of a list's rows, with the addresses of the pages either side."""
    data = table.as_dict()
    rows = data["rows"]
    count = len(rows)
    pages = max(1, math.ceil(count / page_size))
    data["rows"] = rows[(page - 1) * page_size : page * page_size]

    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return f"{request.path}?{params.urlencode()}"

    return {
        "table": data,
        "page": page,
        "page_size": page_size,
        "count": count,
        "pages": pages,
        "next": link(page + 1) if page < pages else None,
        "previous": link(min(page - 1, pages)) if page > 1 else None,
    }


Role = Literal["leader", "safety_rep", "union_rep"]
Breakdown = Literal["industry", "role", "organisation", "period"]


@v1.get(
    "/scopes/{organisation}/funnel",
    response={200: TableOut, **SCOPED_ERRORS},
    summary=gettext_noop("Completion funnel"),
    description=gettext_noop(
        "People at each step (enrolled, started, completed, certified, refreshed): one row "
        "per module, or with by, one row per industry, role, organisation or month and a "
        "total row."
    ),
    operation_id="funnel",
)
def funnel(
    request,
    organisation: UUID = ORGANISATION,
    module: str | None = MODULE,
    industry: str | None = INDUSTRY,
    role: Role | None = ROLE,
    since: date | None = SINCE,
    until: date | None = UNTIL,
    by: Breakdown | None = BY,
):
    scope = scope_or_404(request, organisation)
    _period(since, until)
    industry_id = None
    if industry is not None:
        industry_id = selectors.industry_id(industry)
        if industry_id is None:
            raise Http404
    return _table(
        selectors.funnel(
            scope,
            module=_module(scope, module),
            since=since,
            until=until,
            by=by,
            industry=industry_id,
            role=role,
        )
    )


@v1.get(
    "/scopes/{organisation}/teams",
    response={200: TableOut, **SCOPED_ERRORS},
    summary=gettext_noop("Teams"),
    description=gettext_noop(
        "Trios formed, seats filled or declared empty, joint sessions, plans agreed, "
        "check-ins and plan items done."
    ),
    operation_id="teams",
)
def teams(request, organisation: UUID = ORGANISATION, module: str | None = MODULE):
    scope = scope_or_404(request, organisation)
    return _table(selectors.teams(scope, module=_module(scope, module)))


@v1.get(
    "/scopes/{organisation}/indicators",
    response={200: TableOut, **SCOPED_ERRORS},
    summary=gettext_noop("Self-assessment indicators"),
    description=gettext_noop(
        "The four self-assessment indicators at baseline and at follow-up: mean change and n."
    ),
    operation_id="indicators",
)
def indicators(request, organisation: UUID = ORGANISATION, module: str | None = MODULE):
    scope = scope_or_404(request, organisation)
    return _table(selectors.indicators(scope, module=_module(scope, module)))


@v1.get(
    "/scopes/{organisation}/item-analysis/{module}",
    response={200: TableOut, **SCOPED_ERRORS},
    summary=gettext_noop("Quiz item analysis"),
    description=gettext_noop(
        "Facility and discrimination of each question of a module's quiz, with the "
        "questions most people fail and those that don't separate stronger from weaker "
        "learners flagged."
    ),
    operation_id="item_analysis",
)
def item_analysis(
    request,
    organisation: UUID = ORGANISATION,
    module: str = Path(..., description=gettext_noop("The module's slug."), max_length=80),
):
    scope = scope_or_404(request, organisation)
    return _table(selectors.item_analysis(scope, _module(scope, module)))


@v1.get(
    "/scopes/{organisation}/refreshers",
    response={200: TableOut, **SCOPED_ERRORS},
    summary=gettext_noop("Refresher status"),
    description=gettext_noop(
        "Certificates expiring in the next 90 days and expired ones, by organisation."
    ),
    operation_id="refresher_status",
)
def refresher_status(request, organisation: UUID = ORGANISATION, module: str | None = MODULE):
    scope = scope_or_404(request, organisation)
    return _table(
        selectors.refresher_status(scope, today=timezone.localdate(), module=_module(scope, module))
    )


@v1.get(
    "/scopes/{organisation}/annual-report/{year}",
    response={200: TableOut, **SCOPED_ERRORS},
    summary=gettext_noop("Annual report"),
    description=gettext_noop(
        "How many union reps, safety reps and leaders completed training with preventive "
        "work-environment content in the year, by member organisation and by industry."
    ),
    operation_id="annual_report",
)
def annual_report(
    request,
    organisation: UUID = ORGANISATION,
    year: int = Path(..., ge=2000, le=2100, description=gettext_noop("The year, e.g. 2026.")),
):
    scope = scope_or_404(request, organisation)
    return _table(selectors.annual_report(scope, year))


@v1.get(
    "/scopes/{organisation}/named/completions",
    response={200: PageOut, **SCOPED_ERRORS},
    summary=gettext_noop("Who has completed"),
    description=gettext_noop(
        "Who completed which module, and when: only learners who agreed to show their name "
        "to the organisation. In pages."
    ),
    operation_id="named_completions",
)
def named_completions(
    request,
    organisation: UUID = ORGANISATION,
    module: str | None = MODULE,
    since: date | None = SINCE,
    until: date | None = UNTIL,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    scope = scope_or_404(request, organisation)
    _period(since, until)
    table = selectors.named_completions(
        scope, module=_module(scope, module), since=since, until=until
    )
    return _page(request, table, page, page_size)


@v1.get(
    "/scopes/{organisation}/named/refreshers-due",
    response={200: PageOut, **SCOPED_ERRORS},
    summary=gettext_noop("Whose refresher is due"),
    description=gettext_noop(
        "Whose certificate expires within 90 days or has expired without a refresher: only "
        "learners who agreed to show their name to the organisation. In pages."
    ),
    operation_id="named_refreshers_due",
)
def named_refreshers_due(
    request,
    organisation: UUID = ORGANISATION,
    module: str | None = MODULE,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    scope = scope_or_404(request, organisation)
    table = selectors.named_refreshers_due(
        scope, today=timezone.localdate(), module=_module(scope, module)
    )
    return _page(request, table, page, page_size)


api.add_router("/v1/", v1)
