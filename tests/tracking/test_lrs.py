"""The embedded LRS at /xapi/: the Statements resource and /about, over HTTP."""

import base64
import json
import uuid
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from ralph.models.xapi.base.statements import BaseXapiStatement

from tracking.actions import create_lrs_client
from tracking.models import Statement

V = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}


def basic(key: str, secret: str) -> dict:
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.fixture
def writer(db):
    client, secret = create_lrs_client("writer")
    return {**V, **basic(client.key, secret)}


@pytest.fixture
def reader(db):
    client, secret = create_lrs_client("reader", can_write=False)
    return {**V, **basic(client.key, secret)}


def stmt(n: int = 1, **extra) -> dict:
    return {
        "actor": {"objectType": "Agent", "account": {"homePage": "http://x.test", "name": f"p{n}"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "exp"}},
        "object": {"objectType": "Activity", "id": f"http://x.test/a/{n}"},
        **extra,
    }


def post(client, headers, body, **params):
    return client.post(
        "/xapi/statements", json.dumps(body), content_type="application/json", **headers
    )


def put(client, headers, body, statement_id):
    return client.put(
        f"/xapi/statements?statementId={statement_id}",
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


def test_about_needs_no_auth(client, db):
    response = client.get("/xapi/about")
    assert response.status_code == 200
    assert "1.0.3" in response.json()["version"]
    assert response["X-Experience-API-Version"] == "1.0.3"


def test_version_header_is_required(client, writer):
    headers = {k: v for k, v in writer.items() if k != "HTTP_X_EXPERIENCE_API_VERSION"}
    assert post(client, headers, stmt()).status_code == 400
    assert (
        post(client, {**headers, "HTTP_X_EXPERIENCE_API_VERSION": "0.95"}, stmt()).status_code
        == 400
    )
    assert (
        post(client, {**headers, "HTTP_X_EXPERIENCE_API_VERSION": "1.0.1"}, stmt()).status_code
        == 200
    )


def test_wrong_credentials_get_401(client, writer):
    response = post(client, {**V, **basic("nobody", "nothing")}, stmt())
    assert response.status_code == 401
    assert "Basic" in response["WWW-Authenticate"]
    assert client.get("/xapi/statements", **V).status_code == 401
    assert not Statement.objects.exists()


def test_read_only_client_cannot_write(client, reader):
    assert post(client, reader, stmt()).status_code == 403
    assert client.get("/xapi/statements", **reader).status_code == 200


def test_post_one_and_many_then_get(client, writer):
    response = post(client, writer, stmt(1))
    assert response.status_code == 200
    (first,) = response.json()
    response = post(client, writer, [stmt(2), stmt(3)])
    assert response.status_code == 200 and len(response.json()) == 2
    got = client.get(f"/xapi/statements?statementId={first}", **writer)
    assert got.status_code == 200
    body = got.json()
    assert body["id"] == first and body["version"] == "1.0.0"
    assert body["authority"]["account"]["name"].startswith("client:")
    assert "X-Experience-API-Consistent-Through" in got
    BaseXapiStatement(**body)
    many = client.get("/xapi/statements", **writer).json()
    assert [s["object"]["id"] for s in many["statements"]][:3] == [
        "http://x.test/a/3",
        "http://x.test/a/2",
        "http://x.test/a/1",
    ]


def test_put_then_same_again_is_204_and_different_is_409(client, writer):
    sid = str(uuid.uuid4())
    assert put(client, writer, stmt(1), sid).status_code == 204
    assert put(client, writer, stmt(1), sid).status_code == 204
    assert put(client, writer, stmt(2), sid).status_code == 409
    assert Statement.objects.count() == 1


def test_post_batch_is_all_or_nothing(client, writer):
    bad = stmt(2)
    bad["verb"]["id"] = "not an iri"
    response = post(client, writer, [stmt(1), bad])
    assert response.status_code == 400
    assert "statements[1].verb.id" in response.json()["error"]
    assert not Statement.objects.exists()


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"id": "not-a-uuid"}, "statement.id"),
        ({"timestamp": "2026-01-01T10:00:00"}, "statement.timestamp"),
        ({"actor": {"name": "no identifier"}}, "statement.actor"),
        ({"actor": {"mbox": "x@example.test"}}, "statement.actor.mbox"),
        ({"result": {"score": {"scaled": 2}}}, "statement.result.score.scaled"),
        ({"result": {"duration": "12 seconds"}}, "statement.result.duration"),
        ({"context": {"registration": "nope"}}, "statement.context.registration"),
        ({"verb": {"id": "http://x.test/v", "display": {"not a tag!": "x"}}}, "display"),
        ({"unknown": 1}, "statement.unknown"),
        ({"version": "2.0.0"}, "statement.version"),
        ({"object": {"objectType": "StatementRef", "id": "x"}}, "statement.object.id"),
    ],
)
def test_invalid_statements_are_400_with_where(client, writer, change, where):
    response = post(
        client, writer, stmt(1, **change) if "unknown" in change else {**stmt(1), **change}
    )
    assert response.status_code == 400
    assert where in response.json()["error"]
    assert not Statement.objects.exists()


def test_not_json_is_400(client, writer):
    response = client.post("/xapi/statements", "{nope", content_type="application/json", **writer)
    assert response.status_code == 400
    response = client.post("/xapi/statements", "x", content_type="text/plain", **writer)
    assert response.status_code == 400


def test_filters(client, writer):
    registration = str(uuid.uuid4())
    post(client, writer, [stmt(1), stmt(2, context={"registration": registration})])
    agent = json.dumps({"account": {"homePage": "http://x.test", "name": "p1"}})
    got = client.get("/xapi/statements", {"agent": agent}, **writer).json()["statements"]
    assert [s["actor"]["account"]["name"] for s in got] == ["p1"]
    got = client.get("/xapi/statements", {"registration": registration}, **writer).json()
    assert len(got["statements"]) == 1
    got = client.get("/xapi/statements", {"activity": "http://x.test/a/2"}, **writer).json()
    assert len(got["statements"]) == 1
    verb = "http://adlnet.gov/expapi/verbs/experienced"
    assert len(client.get("/xapi/statements", {"verb": verb}, **writer).json()["statements"]) == 2


def test_related_activities(client, writer):
    parent = {"contextActivities": {"parent": [{"id": "http://x.test/module"}]}}
    post(client, writer, [stmt(1, context=parent), stmt(2)])
    plain = client.get("/xapi/statements", {"activity": "http://x.test/module"}, **writer)
    assert plain.json()["statements"] == []
    related = client.get(
        "/xapi/statements",
        {"activity": "http://x.test/module", "related_activities": "true"},
        **writer,
    )
    assert len(related.json()["statements"]) == 1


def test_more_link_stays_correct_while_statements_are_added(client, writer):
    post(client, writer, [stmt(i) for i in range(5)])
    first = client.get("/xapi/statements", {"limit": 2}, **writer).json()
    post(client, writer, [stmt(i) for i in range(10, 13)])  # added between pages
    seen = [s["id"] for s in first["statements"]]
    more = first["more"]
    while more:
        page = client.get(more, **writer).json()
        seen += [s["id"] for s in page["statements"]]
        more = page["more"]
    assert len(seen) == 5 == len(set(seen))


def test_voiding(client, writer):
    (target,) = post(client, writer, stmt(1)).json()
    voiding = stmt(9)
    voiding["verb"] = {"id": "http://adlnet.gov/expapi/verbs/voided"}
    voiding["object"] = {"objectType": "StatementRef", "id": target}
    assert post(client, writer, voiding).status_code == 200
    assert client.get(f"/xapi/statements?statementId={target}", **writer).status_code == 404
    voided = client.get(f"/xapi/statements?voidedStatementId={target}", **writer)
    assert voided.status_code == 200 and voided.json()["id"] == target
    ids = [s["id"] for s in client.get("/xapi/statements", **writer).json()["statements"]]
    assert target not in ids


def test_single_get_rejects_other_filters(client, writer):
    response = client.get(
        "/xapi/statements", {"statementId": str(uuid.uuid4()), "verb": "http://x"}, **writer
    )
    assert response.status_code == 400


def test_head(client, writer):
    post(client, writer, stmt(1))
    response = client.head("/xapi/statements", **writer)
    assert response.status_code == 200 and response.content == b""


def test_the_learners_statements_by_registration(client, enrolment, writer):
    got = client.get(
        "/xapi/statements", {"registration": str(enrolment.registration)}, **writer
    ).json()["statements"]
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in got] == ["registered"]
    assert got[0]["authority"]["account"]["name"] == "lms"


def test_create_lrs_client_command(capsys, db):
    call_command("create_lrs_client", "ralph-test")
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("username=") and lines[1].startswith("password=")
    call_command("create_lrs_client", "reader", "--read-only")


def test_batch_with_the_same_id_twice_is_400(client, writer):
    sid = str(uuid.uuid4())
    response = post(client, writer, [stmt(1, id=sid), stmt(1, id=sid)])
    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_alternate_request_syntax_put(client, writer):
    sid = str(uuid.uuid4())
    form = {
        "statementId": sid,
        "content": json.dumps(stmt(1)),
        "X-Experience-API-Version": "1.0.3",
        "Authorization": writer["HTTP_AUTHORIZATION"],
    }
    response = client.post(
        "/xapi/statements?method=PUT",
        urlencode(form),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 204, response.content
    assert Statement.objects.filter(statement_id=sid).exists()


def test_alternate_request_syntax_rejects_extra_query_parameters(client, writer):
    response = client.post(
        f"/xapi/statements?method=PUT&statementId={uuid.uuid4()}",
        urlencode({"content": "{}"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_unknown_xapi_resources_answer_in_xapi_terms(client, writer):
    assert client.get("/xapi/activities/states", **writer).status_code == 404
    assert client.get("/xapi/activities/states").status_code == 400  # no version header


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"timestamp": "2026-01-01T10:00:00-00:00"}, "statement.timestamp"),
        ({"result": {"duration": "P4W1D"}}, "statement.result.duration"),
        (
            {"object": {"id": "http://x.test/q", "definition": {"interactionType": {"a": 1}}}},
            "interactionType",
        ),
        (
            {"authority": {"objectType": "Group", "mbox": "mailto:g@x.test", "member": []}},
            "statement.authority",
        ),
    ],
)
def test_more_invalid_statements(client, writer, change, where):
    response = post(client, writer, {**stmt(1), **change})
    assert response.status_code == 400
    assert where in response.json()["error"]


def test_single_context_activity_is_returned_as_a_list(client, writer):
    body = stmt(1, context={"contextActivities": {"parent": {"id": "http://x.test/p"}}})
    (sid,) = post(client, writer, body).json()
    got = client.get(f"/xapi/statements?statementId={sid}", **writer).json()
    assert got["context"]["contextActivities"]["parent"] == [{"id": "http://x.test/p"}]


def test_consistent_through_on_errors_too(client, writer):
    response = client.get("/xapi/statements?statementId=x&verb=y", **writer)
    assert response.status_code == 400
    assert "X-Experience-API-Consistent-Through" in response


def test_filtered_query_returns_statements_pointing_at_a_match(client, writer):
    (target,) = post(client, writer, stmt(1)).json()
    voiding = stmt(9)
    voiding["verb"] = {"id": "http://adlnet.gov/expapi/verbs/voided"}
    voiding["object"] = {"objectType": "StatementRef", "id": target}
    (voider,) = post(client, writer, voiding).json()
    got = client.get("/xapi/statements", {"activity": "http://x.test/a/1"}, **writer).json()
    assert [s["id"] for s in got["statements"]] == [voider]  # the target itself is voided
