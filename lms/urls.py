from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from lms import home, views
from reporting.api.docs import api_docs
from reporting.api.endpoints import api

urlpatterns = [
    path("", home.home, name="home"),
    path("", include("modules.urls")),
    path("", include("quizzes.urls")),
    path("", include("teams.urls")),
    path("", include("reminders.urls")),
    path("", include("certificates.urls")),
    path("", include("reporting.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("language/", account_views.set_language, name="set_language"),
    # Before the admin's own URLs: its login would skip two-factor login and rate limits.
    path("admin/login/", account_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("xapi/", include("tracking.lrs.urls")),
    # The course owners' API: /api/openapi.json, /api/docs and /api/v1/…
    path("api/docs", api_docs, name="api_docs"),
    path("api/", api.urls),
    path("reports/tokens/", include("reporting.token_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

if settings.BENCHMARK_VIEWS:
    urlpatterns += [
        path("bench/bare", views.bare),
        path("bench/bare-auth", views.bare_authenticated),
    ]

handler404 = "lms.views.page_not_found"
handler500 = "lms.views.server_error"
