"""The course owners' dashboards and exports: thin views over ``reporting.selectors``.
Each page answers 404 for a scope the person does not hold (an organisation's existence
is not revealed) and sends a visitor who is not logged in to log in."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from reporting import exports, selectors
from reporting.forms import ModuleChoice, ReportFilter, YearChoice
from reporting.permissions import report_scope, report_scopes
from reporting.scopes import is_site, scope_key, scope_name


def _scope(request, key):
    scope = report_scope(request.user, key)
    if scope is None:
        raise Http404
    return scope


class BadFilter(Exception):
    def __init__(self, form):
        self.form = form


def _filter(request, modules) -> ReportFilter:
    form = ReportFilter(request.GET, modules=modules)
    if not form.is_valid():
        raise BadFilter(form)
    return form


def _module_form(request, modules) -> ModuleChoice | None:
    if not modules:
        return None
    data = request.GET if "module" in request.GET else {"module": modules[0][0]}
    form = ModuleChoice(data, modules=modules)
    if not form.is_valid():
        raise BadFilter(form)
    return form


def _year_form(request, scope) -> YearChoice:
    years = selectors.years(scope)
    data = request.GET if "year" in request.GET else {"year": years[0]}
    form = YearChoice(data, years=years)
    if not form.is_valid():
        raise BadFilter(form)
    return form


def build(report: str, request, scope, modules) -> list:
    """The tables of one report (a page shows them; an export writes one), from the
    request's GET filters; ``modules``: the scope's (``selectors.module_choices``).
    Raises BadFilter for filters that don't make sense. The scope is one the person
    holds (``report_scope``)."""
    today = timezone.localdate()
    if report == "funnel":
        form = _filter(request, modules)
        tables = [selectors.funnel(scope, **form.selector_kwargs())]
        if form.cleaned_data.get("by"):
            tables.append(
                selectors.funnel(scope, by=form.cleaned_data["by"], **form.selector_kwargs())
            )
        return tables
    if report == "teams":
        return [selectors.teams(scope), selectors.indicators(scope)]
    if report == "questions":
        form = _module_form(request, modules)
        return [selectors.item_analysis(scope, form.cleaned_data["module"])] if form else []
    if report == "refreshers":
        return [selectors.refresher_status(scope, today=today)]
    if report == "annual":
        return [selectors.annual_report(scope, _year_form(request, scope).cleaned_data["year"])]
    if report == "names":
        if is_site(scope):  # staff read figures, never names
            raise Http404
        return [
            selectors.named_completions(scope),
            selectors.named_refreshers_due(scope, today=today),
        ]
    raise Http404


def _page(request, key, report, template, **context):
    scope = _scope(request, key)
    modules = selectors.module_choices(scope)
    try:
        tables = build(report, request, scope, modules)
        form_error = None
    except BadFilter as bad:
        tables, form_error = [], bad.form
    query = request.GET.urlencode()
    context.update(
        {
            "scope": scope,
            "scope_key": scope_key(scope),
            "scope_name": scope_name(scope),
            "is_site": is_site(scope),
            "tables": tables,
            "bad_form": form_error,
            "query": query,
            "report": report,
            "tabs": _tabs(scope, report),
        }
    )
    context.update(_forms(report, request, scope, modules, form_error))
    return render(request, template, context, status=400 if form_error else 200)


def _forms(report, request, scope, modules, bad):
    if report == "funnel":
        return {"filter_form": bad or ReportFilter(request.GET or None, modules=modules)}
    if report == "questions":
        return {"filter_form": bad or _module_form(request, modules)}
    if report == "annual":
        return {"filter_form": bad or _year_form(request, scope)}
    return {}


TABS = (
    ("funnel", "report_overview"),
    ("teams", "report_teams"),
    ("questions", "report_questions"),
    ("refreshers", "report_refreshers"),
    ("annual", "report_annual"),
    ("names", "report_names"),
)


def _tabs(scope, current):
    key = scope_key(scope)
    return [
        {"report": report, "url": reverse(name, args=[key]), "current": report == current}
        for report, name in TABS
        if report != "names" or not is_site(scope)
    ]


@login_required
def index(request):
    scopes = report_scopes(request.user)
    if not scopes:
        raise Http404
    if len(scopes) == 1:
        return redirect("report_overview", scope_key(scopes[0]))
    entries = [{"key": scope_key(s), "name": scope_name(s), "site": is_site(s)} for s in scopes]
    return render(request, "reporting/index.html", {"entries": entries})


@login_required
def overview(request, scope):
    return _page(request, scope, "funnel", "reporting/overview.html")


@login_required
def teams(request, scope):
    return _page(request, scope, "teams", "reporting/teams.html")


@login_required
def questions(request, scope):
    return _page(request, scope, "questions", "reporting/questions.html")


@login_required
def refreshers(request, scope):
    return _page(request, scope, "refreshers", "reporting/refreshers.html")


@login_required
def annual(request, scope):
    return _page(request, scope, "annual", "reporting/annual.html")


@login_required
def names(request, scope):
    return _page(request, scope, "names", "reporting/names.html")


FORMATS = {
    "csv": ("text/csv; charset=utf-8", exports.to_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.to_xlsx,
    ),
}


@never_cache
@login_required
def export(request, scope, report, fmt):
    """One table of a report as CSV or XLSX (``?table=`` picks which, for reports with
    two); the same filters as the page. The file name is the table's key and the date:
    no names, no organisation."""
    scope = _scope(request, scope)
    if fmt not in FORMATS:
        raise Http404
    try:
        tables = build(report, request, scope, selectors.module_choices(scope))
    except BadFilter:
        return HttpResponseBadRequest()
    wanted = request.GET.get("table")
    table = next((t for t in tables if t.key == wanted), tables[0] if tables else None)
    if table is None:
        raise Http404
    content_type, write = FORMATS[fmt]
    response = HttpResponse(write(table), content_type=content_type)
    filename = f"{table.key}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response
