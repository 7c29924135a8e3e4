"""Two clients posting the same statement id at the same moment."""

import json
import uuid

import pytest
from django.test import Client

from tests.concurrency import run_at_once
from tests.tracking.test_lrs import stmt
from tracking.actions import create_lrs_client
from tracking.models import Statement

pytestmark = pytest.mark.django_db(transaction=True)


def test_same_id_at_once_is_stored_once_and_both_succeed():
    import base64

    key_client, secret = create_lrs_client("racer")
    headers = {
        "HTTP_X_EXPERIENCE_API_VERSION": "1.0.3",
        "HTTP_AUTHORIZATION": "Basic "
        + base64.b64encode(f"{key_client.key}:{secret}".encode()).decode(),
    }
    body = json.dumps(stmt(1, id=str(uuid.uuid4())))

    def send():
        return (
            Client()
            .post("/xapi/statements", body, content_type="application/json", **headers)
            .status_code
        )

    statuses = run_at_once(send, send)
    assert statuses == [200, 200]
    assert Statement.objects.count() == 1
