import hashlib
import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from reporting import actions, selectors
from reporting.models import ApiToken
from tests.api.conftest import bearer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SCOPES = "/api/v1/scopes"


def test_only_the_hash_of_the_token_is_kept(owner_a):
    row, token = actions.create_api_token(acting_user=owner_a, name="Excel", days=30)
    assert token.startswith("lmsapi_") and len(token) == 50
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(ApiToken.objects.filter(pk=row.pk).values().get())
    assert token.startswith(row.prefix) and len(row.prefix) < 20
    assert row.expires_at - timezone.now() > timedelta(days=29)


def test_only_course_owners_may_create_tokens():
    with pytest.raises(PermissionDenied):
        actions.create_api_token(acting_user=UserFactory(), name="x", days=30)
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_name_and_a_known_lifetime(owner_a):
    for name, days in (("  ", 30), ("x" * 101, 30), ("ok", 7)):
        with pytest.raises(ValidationError):
            actions.create_api_token(acting_user=owner_a, name=name, days=days)
    assert not ApiToken.objects.exists()


def test_at_most_ten_tokens_in_use(owner_a):
    for i in range(10):
        actions.create_api_token(acting_user=owner_a, name=f"t{i}", days=30)
    with pytest.raises(ValidationError):
        actions.create_api_token(acting_user=owner_a, name="one more", days=30)
    actions.revoke_api_token(ApiToken.objects.first().pk, acting_user=owner_a)
    actions.create_api_token(acting_user=owner_a, name="one more", days=30)


def test_only_the_owner_revokes_their_token(owner_a, owner_b, token_a):
    row = ApiToken.objects.get(user=owner_a)
    with pytest.raises(ObjectDoesNotExist):
        actions.revoke_api_token(row.pk, acting_user=owner_b)
    assert selectors.usable_token(token_a) == row
    actions.revoke_api_token(row.pk, acting_user=owner_a)
    assert selectors.usable_token(token_a) is None


def test_a_token_works_until_it_expires(owner_a, client):
    _row, token = actions.create_api_token(acting_user=owner_a, name="t", days=30)
    assert client.get(SCOPES, **bearer(token)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        response = client.get(SCOPES, **bearer(token))
    assert response.status_code == 401
    assert response.json()["detail"]


def test_last_used_is_written_at_most_every_five_minutes(owner_a, token_a, client):
    row = ApiToken.objects.get()
    assert row.last_used_at is None
    client.get(SCOPES, **bearer(token_a))
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    client.get(SCOPES, **bearer(token_a))
    assert ApiToken.objects.get().last_used_at == first
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        client.get(SCOPES, **bearer(token_a))
    assert ApiToken.objects.get().last_used_at > first


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer lmsapi_" + "A" * 43,  # well-formed, unknown
        "Bearer not-a-token",
        "Basic dXNlcjpwYXNz",
        "Token {token}",  # the right token, the wrong scheme
    ],
)
def test_no_valid_token_is_401_with_a_json_error(header, token_a, client):
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header.format(token=token_a)}
    response = client.get(SCOPES, **extra)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_in_the_query_string_is_not_read(token_a, client):
    assert client.get(SCOPES, {"token": token_a}).status_code == 401
    assert client.get(SCOPES, {"access_token": token_a}).status_code == 401


def test_a_session_is_no_api_login(owner_a, client):
    client.force_login(owner_a)
    assert client.get(SCOPES).status_code == 401


def test_a_deactivated_owners_token_stops_working(owner_a, token_a, client):
    owner_a.is_active = False
    owner_a.save()
    assert client.get(SCOPES, **bearer(token_a)).status_code == 401


@pytest.mark.parametrize("debug", [False, True])
def test_the_log_never_holds_a_token(token_a, client, caplog, settings, debug):
    settings.DEBUG = debug
    with caplog.at_level(logging.DEBUG):
        client.get(SCOPES, **bearer(token_a))
        client.get(SCOPES, {"token": token_a}, HTTP_AUTHORIZATION=f"Token {token_a}")
        client.get(f"/api/v1/scopes/{token_a}/funnel", **bearer(token_a))
    request_lines = [r for r in caplog.records if r.name == "lms.request"]
    assert len(request_lines) == 3
    assert token_a not in caplog.text
    assert token_a[len("lmsapi_") :][:20] not in caplog.text


# The token pages


def test_the_owner_creates_a_token_and_sees_it_once(owner_a, client):
    client.force_login(owner_a)
    page = client.get(reverse("api_tokens"))
    assert page.status_code == 200
    response = client.post(reverse("api_tokens"), {"name": "Årsrapport", "lifetime": "365"})
    assert response.status_code == 200
    row = ApiToken.objects.get()
    token = response.context["token"]
    assert token.encode() in response.content
    assert "no-store" in response["Cache-Control"]
    listing = client.get(reverse("api_tokens"))
    assert token.encode() not in listing.content
    assert row.prefix.encode() in listing.content and "Årsrapport" in listing.text
    assert client.get(SCOPES, **bearer(token)).status_code == 200


def test_a_bad_name_says_so_and_makes_nothing(owner_a, client):
    client.force_login(owner_a)
    response = client.post(reverse("api_tokens"), {"name": "", "lifetime": "90"})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_the_token_stops_working(owner_a, token_a, client):
    row = ApiToken.objects.get()
    client.force_login(owner_a)
    url = reverse("api_token_revoke", args=[row.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and b'method="post"' in confirm.content
    assert ApiToken.objects.get().revoked_at is None
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("api_tokens")
    assert ApiToken.objects.get().revoked_at is not None
    assert client.get(SCOPES, **bearer(token_a)).status_code == 401


def test_nobody_but_the_owner_reaches_a_token(owner_b, token_a, client):
    row = ApiToken.objects.get()
    url = reverse("api_token_revoke", args=[row.pk])
    assert client.get(url).status_code == 302  # anonymous: log in first
    assert client.get(reverse("api_tokens")).status_code == 302
    client.force_login(owner_b)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert ApiToken.objects.get().revoked_at is None
    assert b"Script A" not in client.get(reverse("api_tokens")).content


@pytest.mark.parametrize("who", ["learner", "staff"])
def test_people_without_a_scope_have_no_token_pages(who, client, admin_user):
    user = admin_user if who == "staff" else UserFactory()
    client.force_login(user)
    assert client.get(reverse("api_tokens")).status_code == 404
    assert client.post(reverse("api_tokens"), {"name": "x", "lifetime": "30"}).status_code == 404
    assert not ApiToken.objects.exists()


def test_the_data_download_lists_tokens_by_name_and_dates_only(owner_a, token_a, client):
    from base import personal_data

    actions.revoke_api_token(ApiToken.objects.get().pk, acting_user=owner_a)
    section = personal_data.collect(owner_a)["sections"]["reporting"]
    (entry,) = section["api_tokens"]
    assert entry["name"] == "Script A" and entry["created_at"] and entry["revoked_at"]
    row = ApiToken.objects.get()
    text = repr(section)
    assert token_a not in text and row.token_hash not in text and row.prefix not in text
