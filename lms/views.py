from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """200 while the process runs."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
