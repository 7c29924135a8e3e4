"""The API's report endpoints, as owner A's token, owner B's token, a learner and a team
member (who can't have a token), no token and a revoked token; the same tables as the
dashboards, with the same small-number rule and scopes; pages; the schema; the docs."""

import json
import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from openapi_spec_validator import validate

from reporting import actions, selectors
from reporting.models import ApiToken
from tests.api.conftest import bearer
from tests.reporting.conftest import populated, world  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def endpoints(w) -> list[str]:
    """Every report endpoint for a scope key."""
    slug = w.basics.module.slug
    year = timezone.localdate().year
    return [
        "funnel",
        "funnel?by=organisation",
        f"funnel?module={slug}&by=role",
        "teams",
        "indicators",
        f"item-analysis/{slug}",
        "refreshers",
        f"annual-report/{year}",
        "named/completions",
        "named/refreshers-due",
    ]


def url(org, tail: str) -> str:
    return f"/api/v1/scopes/{org.public_id}/{tail}"


def token_for(user) -> str:
    return actions.create_api_token(acting_user=user, name="script", days=30)[1]


def test_each_person_gets_what_they_may(client, populated, trio):  # noqa: F811
    w = populated
    tokens = {"owner_a": token_for(w.owner_a), "owner_b": token_for(w.owner_b)}
    revoked = token_for(w.owner_a)
    actions.revoke_api_token(ApiToken.objects.latest("pk").pk, acting_user=w.owner_a)
    learner = w.people["a1"][0]
    member = trio.seats.filter(state="filled").first().user
    for person in (learner, member):  # no token possible for them
        with pytest.raises(PermissionDenied):
            actions.create_api_token(acting_user=person, name="x", days=30)
    expected = {
        "owner_a": {"a": 200, "b": 404},
        "owner_b": {"a": 404, "b": 200},
        "revoked": {"a": 401, "b": 401},
        "none": {"a": 401, "b": 401},
    }
    headers = {
        "owner_a": bearer(tokens["owner_a"]),
        "owner_b": bearer(tokens["owner_b"]),
        "revoked": bearer(revoked),
        "none": {},
    }
    wrong = []
    for who, by_org in expected.items():
        for key, status in by_org.items():
            org = w.union_a if key == "a" else w.union_b
            for tail in endpoints(w):
                response = client.get(url(org, tail), **headers[who])
                if response.status_code != status:
                    wrong.append(f"{who} {tail} of {key}: {response.status_code} not {status}")
                elif status != 200:
                    assert set(response.json()) == {"detail"}, response.content
    # A logged-in session is no credential, whoever it is.
    for person in (w.owner_a, learner, member):
        client.force_login(person)
        for tail in endpoints(w):
            if client.get(url(w.union_a, tail)).status_code != 401:
                wrong.append(f"session of {person.pk}: {tail}")
        client.logout()
    assert not wrong, "\n".join(wrong)


def test_owner_a_reads_nothing_of_b(client, populated):  # noqa: F811
    w = populated
    headers = bearer(token_for(w.owner_a))
    seen = client.get("/api/v1/scopes", **headers).content.decode()
    for tail in endpoints(w):
        seen += client.get(url(w.union_a, tail), **headers).content.decode()
    for name in ("Forbund B", "Berit", str(w.union_b.public_id), "Hovedorganisasjonen"):
        assert name not in seen
    assert "Lokallag A1" in seen and "Anne 0" in seen


def test_the_scopes_of_the_token_s_owner(client, populated):  # noqa: F811
    w = populated
    response = client.get("/api/v1/scopes", **bearer(token_for(w.owner_a)))
    assert response.json() == [
        {
            "organisation": str(w.union_a.public_id),
            "name": "Forbund A",
            "kind": "union",
            "modules": None,
        }
    ]


def as_served(table) -> dict:
    """The selector's table as the API serves it (a visible cell's text is "")."""
    data = json.loads(json.dumps(table.as_dict()))
    for row in data["rows"]:
        for cell in row["cells"].values():
            cell.setdefault("text", "")
    return data


def test_the_same_tables_as_the_dashboards_small_numbers_hidden(client, populated):  # noqa: F811
    w = populated
    headers = bearer(token_for(w.owner_a))
    got = client.get(url(w.union_a, "funnel?by=organisation"), **headers).json()
    assert got == as_served(selectors.funnel(w.scope_a, by="organisation"))
    rows = {r["cells"]["organisation"]["value"]: r["cells"] for r in got["rows"]}
    # A2 has 2 people: hidden as "< 5", with no value; A1 goes with it (secondary).
    assert rows["Lokallag A2"]["completed"] == {"value": None, "hidden": "small", "text": "< 5"}
    assert rows["Lokallag A1"]["completed"]["hidden"] == "secondary"
    assert rows["Lokallag A1"]["completed"]["value"] is None
    year = timezone.localdate().year
    annual = client.get(url(w.union_a, f"annual-report/{year}"), **headers).json()
    assert annual == as_served(selectors.annual_report(w.scope_a, year))
    hidden = [c for r in annual["rows"] for c in r["cells"].values() if c["hidden"]]
    assert hidden and all(c["value"] is None for c in hidden)


def test_named_lists_come_in_pages(client, populated):  # noqa: F811
    w = populated
    headers = bearer(token_for(w.owner_a))
    first = client.get(url(w.union_a, "named/completions?page_size=1"), **headers).json()
    assert (first["count"], first["pages"], first["page"], first["previous"]) == (2, 2, 1, None)
    assert len(first["table"]["rows"]) == 1
    second = client.get(first["next"], **headers).json()
    assert second["next"] is None and second["previous"].endswith("page=1")
    assert "page_size=1" in first["next"]
    names = [page["table"]["rows"][0]["cells"]["name"]["value"] for page in (first, second)]
    assert sorted(names) == ["Anne 0", "Anne 1"]
    beyond = client.get(url(w.union_a, "named/completions?page=9"), **headers).json()
    assert beyond["table"]["rows"] == [] and beyond["count"] == 2
    due = client.get(url(w.union_b, "named/refreshers-due"), **bearer(token_for(w.owner_b)))
    assert due.status_code == 200 and due.json()["table"]["key"] == "named-refreshers"


def test_bad_parameters_are_a_clear_422_and_unknown_modules_404(client, populated):  # noqa: F811
    w = populated
    headers = {**bearer(token_for(w.owner_a)), "HTTP_ACCEPT_LANGUAGE": "nb"}
    r = client.get(url(w.union_a, "funnel?since=2026-02-01&until=2026-01-01"), **headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["parameter"] == "since"
    assert r.json()["detail"] != "The start date is after the end date."  # in bokmål
    for tail in (
        "funnel?by=height",
        "annual-report/1066",
        "named/completions?page=0",
        "named/completions?page_size=500",
        "funnel?since=yesterday",
    ):
        r = client.get(url(w.union_a, tail), **headers)
        assert r.status_code == 422, tail
        assert r.json()["errors"], tail
    assert client.get("/api/v1/scopes/not-a-uuid/funnel", **headers).status_code == 422
    for tail in ("funnel?module=no-such", "item-analysis/no-such", "funnel?industry=no-such"):
        assert client.get(url(w.union_a, tail), **headers).status_code == 404, tail
    r = client.get(url(w.union_a, "funnel?module=%01"), **headers)
    assert r.status_code == 400 and r.json()["detail"]


def test_a_scope_limited_to_modules_refuses_the_others(client, populated):  # noqa: F811
    w = populated
    scope_row = w.owner_a.owner_scopes.get()
    scope_row.modules.set([w.refresher.module])
    headers = bearer(token_for(w.owner_a))
    slug = w.basics.module.slug
    assert client.get(url(w.union_a, f"item-analysis/{slug}"), **headers).status_code == 404
    assert client.get(url(w.union_a, f"funnel?module={slug}"), **headers).status_code == 404
    scopes = client.get("/api/v1/scopes", **headers).json()
    assert scopes[0]["modules"] == [w.refresher.module.slug]


def test_the_schema_is_valid_openapi_and_documents_the_rules(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    cell = schema["components"]["schemas"]["CellOut"]["properties"]
    assert "fewer than 5" in cell["hidden"]["description"]
    operations = [op for item in schema["paths"].values() for op in item.values()]
    assert len(operations) == 9
    for op in operations:
        assert {"200", "401", "422"} <= set(op["responses"]), op["operationId"]


def test_the_docs_page_works_without_scripts_or_outside_resources(client):
    response = client.get("/api/docs", HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html and "style=" not in html
    assert not re.search(r'(src|href)="https?://', html)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    for operation_id in ("list_scopes", "funnel", "named_completions", "annual_report"):
        assert f'id="{operation_id}"' in html
    assert "Områdene dine" in html  # summaries in the reader's language


def test_date_filters_reach_the_selector(client, populated):  # noqa: F811
    w = populated
    headers = bearer(token_for(w.owner_a))
    future = client.get(url(w.union_a, "named/completions?since=2999-01-01"), **headers).json()
    assert future["count"] == 0
    today = date.today().isoformat()
    now = client.get(url(w.union_a, f"named/completions?until={today}"), **headers).json()
    assert now["count"] == 2
