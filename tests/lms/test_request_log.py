"""One log line per request, with its id; nothing that names a person or opens a door."""

import logging

import pytest
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "rett-passord-2026"


@pytest.fixture
def records(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def _request_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "lms.request"]


@pytest.mark.django_db
def test_one_line_per_request_with_its_id(client, records):
    response = client.get("/accounts/login/?next=/secret-query")
    lines = _request_lines(records)
    assert len(lines) == 1
    request_id = response["X-Request-ID"]
    assert len(request_id) >= 8
    assert lines[0] == (
        f"request_id={request_id} method=GET path=/accounts/login/ status=200 "
        + lines[0].split(" status=200 ")[1]
    )
    assert "duration_ms=" in lines[0] and "secret-query" not in lines[0]


@pytest.mark.django_db
def test_a_sane_incoming_request_id_is_kept(client, records):
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="from-the-proxy-42")
    assert response["X-Request-ID"] == "from-the-proxy-42"
    bad = client.get("/accounts/login/", HTTP_X_REQUEST_ID="x\nforged=1")
    assert bad["X-Request-ID"] != "x\nforged=1"


@pytest.mark.django_db
def test_logging_in_logs_no_address_name_or_secret(client, records):
    user = UserFactory(email="kari.nordmann@example.test", display_name="Kari Nordmann")
    user.set_password(PASSWORD)
    user.save()
    records.clear()  # from here on: what the site itself logs
    client.post(reverse("account_login"), {"login": user.email, "password": "feil-passord"})
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.get("/teams/join/AbCdEfGhIjKlMnOp1234/")
    client.get("/no-such-page/%0Aforged=1")
    text = "\n".join(r.getMessage() for r in records.records)
    for secret in ("kari", "Nordmann", PASSWORD, "feil-passord", "AbCdEfGhIjKlMnOp1234"):
        assert secret.lower() not in text.lower()
    assert "path=/teams/join/*/" in text
    assert "\nforged" not in text
    assert len(_request_lines(records)) == 4


def test_the_log_format_blots_out_addresses_even_in_tracebacks():
    from django.conf import settings

    from lms.logformat import RedactingFormatter

    spec = settings.LOGGING["formatters"]["plain"]
    assert spec["()"] == "lms.logformat.RedactingFormatter"
    formatter = RedactingFormatter(spec["format"])
    try:
        raise OSError("550 recipient refused: <kari.nordmann@example.test>")
    except OSError:
        import sys

        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "celery.app.trace", logging.ERROR, __file__, 1, "mail to %s failed", ("ola@x.no",), exc_info
    )
    text = formatter.format(record)
    assert "ola@x.no" not in text and "kari.nordmann" not in text
    assert "mail to [e-mail] failed" in text and "550 recipient refused" in text
