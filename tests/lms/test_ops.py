import uuid

import pytest
from django.db import connection
from django.db.utils import OperationalError
from kombu import Connection

from lms.celery import app


def test_healthz(client):
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_readyz_when_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_readyz_when_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503


def test_broker_round_trip():
    """A message goes through the configured broker and back (file system or Redis)."""
    name = f"ci-{uuid.uuid4().hex}"
    with Connection(
        app.conf.broker_url, transport_options=app.conf.broker_transport_options
    ) as conn:
        queue = conn.SimpleQueue(name)
        try:
            queue.put({"hello": name})
            message = queue.get(timeout=5)
            assert message.payload == {"hello": name}
            message.ack()
        finally:
            queue.close()


def test_unknown_url_is_site_styled_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b'class="site-header"' in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_whatever_the_host_header(client, path):
    response = client.get(path, HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert client.get("/", HTTP_HOST="10.1.2.3:8000").status_code == 400


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_readyz_503_when_the_broker_is_down(client, settings):
    settings.BROKER_PROBE_TIMEOUT = 0.5
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get("/readyz", HTTP_HOST="10.1.2.3")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "down"}


@pytest.mark.django_db
def test_readyz_checks_the_configured_broker(client):
    assert client.get("/readyz").json()["broker"] == "ok"
