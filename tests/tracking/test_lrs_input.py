"""The embedded LRS answers every bad body with a JSON 400 that says where: never a 500."""

import io
import json

import pytest

from tests.tracking.test_lrs import V, basic, post, stmt
from tracking.actions import create_lrs_client
from tracking.models import Statement


@pytest.fixture
def writer(db):
    client, secret = create_lrs_client("writer")
    return {**V, **basic(client.key, secret)}


def raw_post(client, headers, body: bytes, **extra):
    return client.generic(
        "POST", "/xapi/statements", body, content_type="application/json", **headers, **extra
    )


def assert_json_400(response, *words):
    assert response.status_code == 400, response.content[:300]
    message = response.json()["error"]
    for word in words:
        assert word in message
    return message


def test_json_nested_100000_deep_is_a_400(client, writer):
    body = b"[" * 100_000 + b"]" * 100_000
    assert_json_400(raw_post(client, writer, body), "deeper than 32")


def test_deep_extension_is_a_400_with_its_path(client, writer):
    value: list = []
    for _ in range(40):
        value = [value]
    extensions = {"http://x.test/ext": {"a": value}}
    response = post(client, writer, stmt(context={"extensions": extensions}))
    message = assert_json_400(response, "statement.context.extensions.http://x.test/ext.a[0]")
    assert "32" in message
    assert not Statement.objects.exists()


def test_shallow_extension_is_fine(client, writer):
    extensions = {"http://x.test/ext": {"a": [[{"b": [1, 2]}]]}}
    assert post(client, writer, stmt(context={"extensions": extensions})).status_code == 200


@pytest.mark.parametrize("value", ["2026-02-30T10:00:00Z", "2026-13-01T00:00:00Z"])
def test_impossible_timestamp_is_a_400(client, writer, value):
    assert_json_400(post(client, writer, stmt(timestamp=value)), "statement.timestamp")
    batch = [stmt(1), stmt(2, timestamp=value)]
    assert_json_400(post(client, writer, batch), "statements[1].timestamp")


def test_impossible_since_in_a_query_is_a_400(client, writer):
    response = client.get("/xapi/statements", {"since": "2026-02-30T10:00:00Z"}, **writer)
    assert_json_400(response, "since")


def test_deep_agent_in_a_query_is_a_400(client, writer):
    response = client.get("/xapi/statements", {"agent": "[" * 100_000}, **writer)
    assert_json_400(response, "agent")


@pytest.mark.parametrize(
    "body, where",
    [
        (b"\xff\xfe", "not valid JSON"),
        (b'{"actor": ', "not valid JSON"),
        (json.dumps([1]).encode(), "statement: must be a JSON object"),
        (json.dumps([stmt(), 1]).encode(), "statements[1]"),
        (json.dumps(stmt(actor=[[[]]])).encode(), "statement.actor"),
        (json.dumps(stmt(result={"score": {"raw": "1e999"}})).encode(), "statement.result"),
        (json.dumps(stmt(id=["x"])).encode(), "statement.id"),
    ],
)
def test_odd_bodies_are_json_400s(client, writer, body, where):
    assert_json_400(raw_post(client, writer, body), where)


def test_chunked_body_without_content_length_is_read(client, writer):
    body = json.dumps(stmt()).encode()
    response = raw_post(
        client,
        writer,
        body,
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        # What gunicorn hands over: the de-chunked stream, ending at the body's end.
        **{"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True},
    )
    assert response.status_code == 200, response.content
    assert Statement.objects.count() == 1


def test_chunked_body_over_the_limit_is_a_413(client, writer, settings):
    settings.XAPI_MAX_BODY_BYTES = 1000
    body = json.dumps([stmt(n) for n in range(50)]).encode()
    response = raw_post(
        client,
        writer,
        body,
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        # What gunicorn hands over: the de-chunked stream, ending at the body's end.
        **{"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert response.json()["error"]


def test_lrs_takes_bodies_over_djangos_limit_and_the_site_does_not(client, writer, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440  # Django's default
    filler = "x" * 3_000_000
    body = json.dumps(stmt(result={"response": filler})).encode()
    assert raw_post(client, writer, body).status_code == 200
    response = client.post("/accounts/login/", {"login": "a@b.test", "password": filler})
    assert response.status_code == 400


def test_nul_characters_are_a_400_with_their_path(client, writer):
    actor = {"objectType": "Agent", "account": {"homePage": "http://x.test", "name": "a\x00b"}}
    assert_json_400(post(client, writer, stmt(actor=actor)), "statement.actor.account.name")
    batch = [stmt(1), stmt(2, result={"extensions": {"http://x.test/e": {"\x00": 1}}})]
    assert_json_400(post(client, writer, batch), "statements[1].result.extensions")
    assert not Statement.objects.exists()
    # An escaped backslash before "u0000" is text, not a NUL.
    fine = stmt(result={"response": "\\u0000 is how JSON writes NUL"})
    assert post(client, writer, fine).status_code == 200


@pytest.mark.parametrize("name", ["verb", "activity", "registration", "since"])
def test_nul_in_a_query_parameter_is_a_400(client, writer, name):
    assert_json_400(client.get("/xapi/statements", {name: "a\x00"}, **writer), name)


def test_timestamp_past_the_year_9999_in_utc_is_a_400(client, writer):
    value = "9999-12-31T23:59:59-14:00"
    assert_json_400(post(client, writer, stmt(timestamp=value)), "statement.timestamp")


ODD_QUERIES = [
    {"statementId": "not-a-uuid"},
    {"voidedStatementId": "\x00"},
    {"registration": "nope"},
    {"activity": "x" * 5000},
    {"limit": "99999999999999999999999"},
    {"until": "9999-12-31T23:59:59-14:00"},
    {"since": "2026-01-01T25:00:00Z"},
    {"agent": '{"account": {"homePage": "http://x.test", "name": "\\u0000"}}'},
    {"agent": "[]"},
    {"more": "garbage"},
]
ODD_BODIES = [
    stmt(id="00000000-0000-0000-0000-00000000000g"),
    stmt(timestamp="0000-01-01T00:00:00Z"),
    stmt(stored="2026-02-30T10:00:00Z"),
    stmt(context={"registration": "\x00"}),
    stmt(result={"score": {"raw": 1e308}}),
    {"actor": "x", "verb": None, "object": 1},
    "string",
    None,
    [[]],
]


@pytest.mark.parametrize("params", ODD_QUERIES)
def test_odd_queries_never_give_a_500(client, writer, params):
    response = client.get("/xapi/statements", params, **writer)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.json()["error"]


@pytest.mark.parametrize("body", ODD_BODIES)
def test_odd_statements_never_give_a_500(client, writer, body):
    response = post(client, writer, body)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response.json()["error"]
