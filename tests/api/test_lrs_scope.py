"""LRS clients scoped to an organisation (create_lrs_client NAME --organisation …): they
read only about the organisation's consenting members, never write, and see nothing of
anyone else (empty lists, 404 for a single item)."""

import io
import json
import uuid
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from modules.models import Module
from organisations.actions import join_organisation
from organisations.models import Organisation
from tests.factories import UserFactory
from tests.tracking.test_lrs import basic
from tracking.actions import create_lrs_client
from tracking.models import LRSClient
from tracking.vocabulary import module_iri, page_iri

pytestmark = pytest.mark.django_db
V = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}


def agent(user) -> dict:
    return {"account": {"homePage": settings.XAPI_ACTOR_HOMEPAGE, "name": str(user.xapi_id)}}


def statement(user, module: str, page: str = "p1") -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": agent(user),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": page_iri(module, page)},
        "context": {"contextActivities": {"parent": [{"id": module_iri(module)}]}},
    }


def command(*args) -> dict:
    out = io.StringIO()
    call_command("create_lrs_client", *args, stdout=out)
    key, secret = (line.split("=", 1)[1] for line in out.getvalue().splitlines())
    return {**V, **basic(key, secret)}


@pytest.fixture
def world(db):
    kind = Organisation.Kind
    union_a = Organisation.objects.create(name="Forbund A", kind=kind.UNION)
    branch_a = Organisation.objects.create(name="Lag A1", kind=kind.BRANCH, parent=union_a)
    union_b = Organisation.objects.create(name="Forbund B", kind=kind.UNION)
    in_a, in_branch, in_b, nowhere = UserFactory.create_batch(4)
    join_organisation(in_a, union_a, consent=True)
    join_organisation(in_branch, branch_a, consent=True)
    join_organisation(in_b, union_b, consent=True)
    Module.objects.create(slug="m1")
    Module.objects.create(slug="m2")
    writer_row, secret = create_lrs_client("writer")
    writer = {**V, **basic(writer_row.key, secret)}
    ids = {}
    for name, user in (("a", in_a), ("branch", in_branch), ("b", in_b), ("none", nowhere)):
        for module in ("m1", "m2"):
            s = statement(user, module)
            ids[(name, module)] = s["id"]
    return {
        "union_a": union_a,
        "union_b": union_b,
        "users": {"a": in_a, "branch": in_branch, "b": in_b, "none": nowhere},
        "writer": writer,
        "ids": ids,
    }


def _store_all(client, world):
    for (name, module), sid in world["ids"].items():
        body = statement(world["users"][name], module)
        body["id"] = sid
        r = client.post(
            "/xapi/statements", json.dumps(body), content_type="application/json", **world["writer"]
        )
        assert r.status_code == 200, r.content


def _read_all(client, headers, **params) -> list[str]:
    """Every statement id the client can read, following the more links."""
    found, target = [], "/xapi/statements?" + urlencode(params)
    while target:
        r = client.get(target, **headers)
        assert r.status_code == 200, r.content
        found += [s["id"] for s in r.json()["statements"]]
        target = r.json()["more"]
    return found


def _ids(world, *names, modules=("m1", "m2")):
    return {world["ids"][(n, m)] for n in names for m in modules}


def test_client_a_reads_only_a_s_consenting_members_following_more_links(client, world):
    _store_all(client, world)
    a = command("A", "--organisation", str(world["union_a"].public_id))
    b = command("B", "--organisation", "Forbund B")  # by exact name
    got_a = _read_all(client, a, limit=1)
    assert len(got_a) == 4 and set(got_a) == _ids(world, "a", "branch")
    assert set(_read_all(client, b, limit=3)) == _ids(world, "b")
    # Unscoped clients are unaffected.
    reader_row, secret = create_lrs_client("reader", can_write=False)
    assert len(_read_all(client, {**V, **basic(reader_row.key, secret)})) == 8


def test_someone_else_s_statements_are_an_empty_list_or_404(client, world):
    _store_all(client, world)
    a = command("A", "--organisation", "Forbund A")
    them = json.dumps(agent(world["users"]["b"]))
    assert _read_all(client, a, agent=them) == []
    assert _read_all(client, a, agent=json.dumps(agent(world["users"]["none"]))) == []
    r = client.get(f"/xapi/statements?statementId={world['ids'][('b', 'm1')]}", **a)
    assert r.status_code == 404
    r = client.get(f"/xapi/statements?statementId={world['ids'][('a', 'm1')]}", **a)
    assert r.status_code == 200


def test_withdrawn_consent_hides_the_learner_at_once(client, world):
    from organisations.actions import leave_organisation

    _store_all(client, world)
    a = command("A", "--organisation", "Forbund A")
    leave_organisation(world["users"]["a"], world["union_a"])
    assert set(_read_all(client, a)) == _ids(world, "branch")


def test_a_client_limited_to_a_module_reads_only_that_module(client, world):
    _store_all(client, world)
    a = command("A1", "--organisation", "Forbund A", "--module", "m1")
    assert set(_read_all(client, a)) == _ids(world, "a", "branch", modules=("m1",))


def test_a_scoped_client_never_writes(client, world):
    a = command("A", "--organisation", "Forbund A")
    assert not LRSClient.objects.get(name="A").can_write
    body = statement(world["users"]["a"], "m1")
    r = client.post("/xapi/statements", json.dumps(body), content_type="application/json", **a)
    assert r.status_code == 403
    # Even if someone later ticks "can write" in the admin.
    LRSClient.objects.filter(name="A").update(can_write=True)
    r = client.post("/xapi/statements", json.dumps(body), content_type="application/json", **a)
    assert r.status_code == 403


def _doc_url(path, **params) -> str:
    params = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
    return f"/xapi/{path}?{urlencode(params)}"


def test_documents_only_of_the_organisation_s_members(client, world):
    writer = world["writer"]
    activity = page_iri("m1", "p1")
    for name in ("a", "b"):
        who = agent(world["users"][name])
        for path, params in (
            ("activities/state", {"activityId": activity, "agent": who, "stateId": "s"}),
            ("agents/profile", {"agent": who, "profileId": "p"}),
        ):
            r = client.post(
                _doc_url(path, **params), b'{"x": 1}', content_type="application/json", **writer
            )
            assert r.status_code == 204, r.content
    a = command("A", "--organisation", "Forbund A")
    mine, theirs = agent(world["users"]["a"]), agent(world["users"]["b"])
    for who, status in ((mine, 200), (theirs, 404)):
        state = _doc_url("activities/state", activityId=activity, agent=who, stateId="s")
        assert client.get(state, **a).status_code == status
        profile = _doc_url("agents/profile", agent=who, profileId="p")
        assert client.get(profile, **a).status_code == status
    listing = _doc_url("activities/state", activityId=activity, agent=theirs)
    assert client.get(listing, **a).json() == []
    assert client.get(_doc_url("agents/profile", agent=theirs), **a).json() == []
    assert client.get(_doc_url("agents/profile", agent=mine), **a).json() == ["p"]
    delete = _doc_url("activities/state", activityId=activity, agent=mine, stateId="s")
    assert client.delete(delete, **a).status_code == 403


def test_the_command_refuses_unknown_organisations_and_modules(world):
    for args in (
        ("X", "--organisation", "Nobody"),
        ("X", "--organisation", str(uuid.uuid4())),
        ("X", "--organisation", "Forbund A", "--module", "no-such-module"),
        ("X", "--module", "m1"),
    ):
        with pytest.raises(CommandError):
            command(*args)
    assert not LRSClient.objects.filter(name="X").exists()
