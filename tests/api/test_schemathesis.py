"""A bounded schemathesis run against the API through its WSGI application: generated
requests for every operation (a few examples each, a fixed seed) get no server error and
answers that match the schema: status codes, content types and bodies.

The token belongs to owner A; path parameters naming an organisation are set to A's
organisation (and a module's to the fixture module), so the examples reach the figures
(other organisations are 404, tested in test_endpoints.py)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from organisations.actions import join_organisation
from organisations.models import Organisation, OwnerScope
from reporting.actions import create_api_token
from tests.factories import UserFactory

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def owner_token(db, starter):
    """Owner A's token and scope, with a few consenting members. The WSGI handler would
    close the test's database connection after each request (Django's test client stops
    that the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    union = Organisation.objects.create(name="Forbund A", kind=Organisation.Kind.UNION)
    owner = UserFactory()
    OwnerScope.objects.create(user=owner, organisation=union)
    for i in range(6):
        join_organisation(UserFactory(display_name=f"Deltaker {i}"), union, consent=True)
    token = create_api_token(acting_user=owner, name="schemathesis", days=30)[1]
    yield union, starter.module.slug, token
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_generated_requests_by_its_schema(case, owner_token):
    union, module, token = owner_token
    if "organisation" in (case.path_parameters or {}):
        case.path_parameters["organisation"] = str(union.public_id)
    if "module" in (case.path_parameters or {}):
        case.path_parameters["module"] = module
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
    case.call_and_validate(checks=CHECKS)
