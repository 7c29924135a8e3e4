"""The embedded LRS's document resources (State, Activity Profile, Agent Profile) and the
Agents and Activities resources, over HTTP."""

import hashlib
import json
from urllib.parse import urlencode

import pytest
from django.test import override_settings

from tests.tracking.test_lrs import basic, post
from tracking.actions import create_lrs_client
from tracking.models import Document

V = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}
AGENT = {"objectType": "Agent", "account": {"homePage": "http://x.test", "name": "p1"}}
ACTIVITY = "http://x.test/a/1"
REG = "9acbe7bd-78fb-4cf3-865c-aa645a2959e5"


@pytest.fixture
def writer(db):
    client, secret = create_lrs_client("writer")
    return {**V, **basic(client.key, secret)}


@pytest.fixture
def reader(db):
    client, secret = create_lrs_client("reader", can_write=False)
    return {**V, **basic(client.key, secret)}


def url(path: str, **params) -> str:
    params = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
    return f"/xapi/{path}?{urlencode(params)}"


def state_url(**extra) -> str:
    return url("activities/state", activityId=ACTIVITY, agent=AGENT, **extra)


def send(client, method, target, headers, body=b"", content_type="application/json"):
    if isinstance(body, dict):
        body = json.dumps(body)
    return getattr(client, method)(target, body, content_type=content_type, **headers)


def test_state_put_get_etag_and_last_modified(client, writer):
    content = b"\x00\x01binary"
    r = send(client, "put", state_url(stateId="s1"), writer, content, "application/octet-stream")
    assert r.status_code == 204
    r = client.get(state_url(stateId="s1"), **writer)
    assert r.status_code == 200
    assert r.content == content
    assert r["Content-Type"] == "application/octet-stream"
    assert r["ETag"] == f'"{hashlib.sha1(content, usedforsecurity=False).hexdigest()}"'
    assert r["Last-Modified"].endswith("GMT")
    head = client.head(state_url(stateId="s1"), **writer)
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == r["ETag"]


def test_state_post_merges_json_one_level(client, writer):
    target = state_url(stateId="s1", registration=REG)
    send(client, "post", target, writer, {"a": {"x": 1}, "b": 1})
    assert send(client, "post", target, writer, {"a": {"y": 2}, "c": 3}).status_code == 204
    assert client.get(target, **writer).json() == {"a": {"y": 2}, "b": 1, "c": 3}
    # The same stateId without the registration is another document.
    assert client.get(state_url(stateId="s1"), **writer).status_code == 404


@pytest.mark.parametrize(
    ("first", "first_type", "second", "second_type"),
    [
        ({"a": 1}, "application/json", b"abc", "text/plain"),
        (b"abc", "text/plain", {"a": 1}, "application/json"),
        ({"a": 1}, "application/json", b'{"a": ', "application/json"),
        ({"a": 1}, "application/json", b"[1, 2]", "application/json"),
    ],
)
def test_state_post_that_cannot_merge_is_400_and_changes_nothing(
    client, writer, first, first_type, second, second_type
):
    target = state_url(stateId="s1")
    send(client, "put", target, writer, first, first_type)
    before = client.get(target, **writer).content
    r = send(client, "post", target, writer, second, second_type)
    assert r.status_code == 400 and "error" in r.json()
    assert client.get(target, **writer).content == before


def test_state_ids_since_and_delete_all(client, writer):
    for state_id in ("s1", "s2"):
        send(client, "put", state_url(stateId=state_id), writer, {"n": state_id})
    send(
        client,
        "put",
        url(
            "activities/state", activityId=ACTIVITY, agent={"mbox": "mailto:o@x.test"}, stateId="s3"
        ),
        writer,
        {},
    )
    assert client.get(state_url(), **writer).json() == ["s1", "s2"]
    assert client.get(state_url(since="2999-01-01T00:00:00Z"), **writer).json() == []
    assert client.get(state_url(since="yesterday"), **writer).status_code == 400
    assert client.delete(state_url(), **writer).status_code == 204
    assert client.get(state_url(), **writer).json() == []
    assert Document.objects.count() == 1  # the other agent's state


@pytest.mark.parametrize(
    "target",
    [
        url("activities/state", agent=AGENT, stateId="s"),  # no activityId
        url("activities/state", activityId=ACTIVITY, stateId="s"),  # no agent
        url("activities/state", activityId=ACTIVITY, agent="not json", stateId="s"),
        url("activities/state", activityId=ACTIVITY, agent={"name": "x"}, stateId="s"),
        state_url(stateId="s", registration="not-a-uuid"),
        state_url(),  # PUT without stateId
        state_url(stateId="s", unknown="1"),
        url("activities/profile", profileId="p"),
        url("agents/profile", profileId="p"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client, writer, target):
    r = send(client, "put", target, writer, {"a": 1})
    assert r.status_code == 400
    assert r.json()["error"]


def profile_url(**extra) -> str:
    return url("activities/profile", activityId=ACTIVITY, **extra)


def test_profile_etag_concurrency(client, writer):
    target = profile_url(profileId="p1")
    # A profile is created with If-None-Match: * (or by POST), not by a bare PUT.
    assert send(client, "put", target, writer, {"v": 1}).status_code == 400
    absent = {**writer, "HTTP_IF_NONE_MATCH": "*"}
    assert send(client, "put", target, absent, {"v": 1}).status_code == 204
    etag = client.get(target, **writer)["ETag"]
    # An existing document is not overwritten blindly, nor with a stale ETag.
    assert send(client, "put", target, writer, {"v": 2}).status_code == 409
    stale = {**writer, "HTTP_IF_MATCH": '"' + "0" * 40 + '"'}
    assert send(client, "put", target, stale, {"v": 2}).status_code == 412
    assert send(client, "put", target, absent, {"v": 2}).status_code == 412
    assert client.get(target, **writer).json() == {"v": 1}
    assert (
        send(client, "put", target, {**writer, "HTTP_IF_MATCH": etag}, {"v": 2}).status_code == 204
    )
    assert client.get(target, **writer).json() == {"v": 2}
    # If-Match on a document that does not exist fails; If-None-Match: * creates it.
    other = profile_url(profileId="p2")
    assert send(client, "put", other, {**writer, "HTTP_IF_MATCH": etag}, {}).status_code == 412
    assert send(client, "put", other, absent, {}).status_code == 204
    assert client.get(profile_url(), **writer).json() == ["p1", "p2"]
    assert client.delete(profile_url(), **writer).status_code == 400  # needs profileId
    assert client.delete(target, **stale).status_code == 412
    assert client.delete(target, **writer).status_code == 204
    assert client.get(target, **writer).status_code == 404


def test_agent_profile_and_alternate_syntax(client, writer):
    form = {
        "agent": json.dumps(AGENT),
        "profileId": "p1",
        "content": json.dumps({"k": "v"}),
        "Content-Type": "application/json",
        "If-None-Match": "*",
        "X-Experience-API-Version": "1.0.3",
        "Authorization": writer["HTTP_AUTHORIZATION"],
    }
    r = client.post(
        "/xapi/agents/profile?method=PUT",
        urlencode(form),
        content_type="application/x-www-form-urlencoded",
    )
    assert r.status_code == 204
    r = client.get(url("agents/profile", agent=AGENT, profileId="p1"), **writer)
    assert r.json() == {"k": "v"}


def test_read_only_client_reads_but_does_not_write(client, writer, reader):
    send(client, "put", state_url(stateId="s1"), writer, {"a": 1})
    assert client.get(state_url(stateId="s1"), **reader).status_code == 200
    assert send(client, "put", state_url(stateId="s2"), reader, {"a": 1}).status_code == 403
    assert send(client, "post", state_url(stateId="s1"), reader, {"a": 2}).status_code == 403
    assert client.delete(state_url(stateId="s1"), **reader).status_code == 403
    assert client.get(state_url(stateId="s1"), **reader).json() == {"a": 1}


@override_settings(XAPI_MAX_BODY_BYTES=100)
def test_documents_have_the_statements_body_limit(client, writer):
    r = send(client, "put", state_url(stateId="s1"), writer, b"x" * 101, "text/plain")
    assert r.status_code == 413
    assert not Document.objects.exists()


def test_agents_resource_returns_a_person(client, writer):
    named = {**AGENT, "name": "Learner One"}
    statement = {
        "actor": named,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": ACTIVITY},
    }
    assert post(client, writer, statement).status_code == 200
    r = client.get(url("agents", agent=AGENT), **writer)
    assert r.status_code == 200
    assert r.json() == {
        "objectType": "Person",
        "name": ["Learner One"],
        "account": [AGENT["account"]],
    }
    assert client.get("/xapi/agents", **writer).status_code == 400
    assert client.get(url("agents", agent={"name": "no id"}), **writer).status_code == 400


def test_activities_resource_merges_definitions(client, writer):
    def statement(name: dict, **extra):
        return {
            "actor": AGENT,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
            "object": {
                "objectType": "Activity",
                "id": ACTIVITY,
                "definition": {"name": name, **extra},
            },
        }

    post(
        client,
        writer,
        [statement({"en-US": "meeting"}), statement({"fr-FR": "réunion"}, type="http://x.test/t")],
    )
    r = client.get(url("activities", activityId=ACTIVITY), **writer)
    assert r.json() == {
        "objectType": "Activity",
        "id": ACTIVITY,
        "definition": {"name": {"en-US": "meeting", "fr-FR": "réunion"}, "type": "http://x.test/t"},
    }
    assert (
        client.get(url("activities", activityId="http://x.test/none"), **writer).status_code == 404
    )
    assert client.get("/xapi/activities", **writer).status_code == 400
    assert client.head(url("activities", activityId=ACTIVITY), **writer).content == b""


def test_deleting_an_account_deletes_the_documents_about_the_person(client, writer, learner):
    from django.conf import settings

    from accounts.actions import delete_account

    person = {"account": {"homePage": settings.XAPI_ACTOR_HOMEPAGE, "name": str(learner.xapi_id)}}
    send(
        client,
        "put",
        url("activities/state", activityId=ACTIVITY, agent=person, stateId="s"),
        writer,
        {},
    )
    send(client, "post", url("agents/profile", agent=person, profileId="p"), writer, {})
    send(client, "put", state_url(stateId="s"), writer, {})  # someone else's
    delete_account(learner, acting_user=learner)
    assert list(Document.objects.values_list("agent", flat=True)) == ["account|http://x.test|p1"]
