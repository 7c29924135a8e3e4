from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """200 while the process runs."""
    return JsonResponse({"status": "ok"})


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return False
    return True


def _broker_ok() -> bool:
    """Connect to CELERY_BROKER_URL, giving up after BROKER_PROBE_TIMEOUT seconds."""
    from kombu import Connection

    timeout = settings.BROKER_PROBE_TIMEOUT
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            connect_timeout=timeout,
            transport_options={**options, "socket_timeout": timeout},
        ) as conn:
            conn.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=timeout
            )
    except Exception:  # noqa: BLE001 - any broker failure means "not ready"
        return False
    return True


@never_cache
def readyz(request):
    """200 when the database and the broker answer, 503 otherwise."""
    checks = {
        "database": "ok" if _database_ok() else "down",
        "broker": "ok" if _broker_ok() else "down",
    }
    ready = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )


def bare(request):
    """A view that does nothing: the benchmark's baseline for the server's own cost."""
    return HttpResponse(b"ok", content_type="text/plain")


def bare_authenticated(request):
    """The baseline plus what every learner page pays: the session and the user."""
    return HttpResponse(str(request.user.is_authenticated).encode(), content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context: the database may be what failed.
    return HttpResponse(loader.render_to_string("500.html"), status=500)
