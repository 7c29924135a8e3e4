from django.urls import path, register_converter

from reporting import views


class ScopeConverter:
    """A report scope in a URL: an organisation's public id, or "site" (staff)."""

    regex = "site|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(ScopeConverter, "scope")

urlpatterns = [
    path("reports/", views.index, name="report_index"),
    path("reports/<scope:scope>/", views.overview, name="report_overview"),
    path("reports/<scope:scope>/teams/", views.teams, name="report_teams"),
    path("reports/<scope:scope>/questions/", views.questions, name="report_questions"),
    path("reports/<scope:scope>/refreshers/", views.refreshers, name="report_refreshers"),
    path("reports/<scope:scope>/annual/", views.annual, name="report_annual"),
    path("reports/<scope:scope>/names/", views.names, name="report_names"),
    path(
        "reports/<scope:scope>/export/<slug:report>.<slug:fmt>",
        views.export,
        name="report_export",
    ),
]
