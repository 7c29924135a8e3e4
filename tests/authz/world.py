"""The people, objects and URLs the authorisation table is checked with."""

import re

from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

LOGIN = "302L"  # a redirect to the login page


def walk(patterns=None, prefix="", namespace=""):
    """(key, route, pattern) for every pattern: the key is the URL's name (with its
    namespace) or, for an unnamed pattern, its full route."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            yield (f"{namespace}{p.name}" if p.name else route), route, p


ADMIN_MODEL = re.compile(r"^admin/(\w+)/(\w+)/")


def admin_model(route: str):
    match = ADMIN_MODEL.match(route)
    if match is None:
        return None
    try:
        return apps.get_model(match[1], match[2])
    except LookupError:
        return None


def sample_kwargs(world, key, route, pattern) -> dict:
    values = {
        "slug": world["starter"].module.slug,
        "enrolment_id": world["enrolment"].pk,
        "attempt_id": world["attempt"].pk,
        "number": 1,
        "public_id": world["team"].public_id,
        "role": "union_rep",
        "invitation_id": world["invitation"].pk,
        "token": world["invitation"].token if key == "team_join" else world["optout"],
        "key": "nokey",
        "uidb36": "1",
        "id": world["learner"].pk,
        "content_type_id": world["content_type_id"],
        "app_label": "teams",
        "url": "nowhere/",
        "rest": "activities/state",
        "code": "ABCDEFGHJK",  # no certificate has it: the neutral "not valid"
        "token_id": 1,  # no API token exists in the table's world
        "organisation": world["organisation"].public_id,  # the course owner's scope
        "year": 2026,
        "module": world["starter"].module.slug,
        "scope": world["organisation"].public_id,  # the course owner's scope
        "report": "funnel",
        "fmt": "csv",
    }
    model = admin_model(route)
    kwargs = {}
    for name in pattern.pattern.regex.groupindex:
        if name == "object_id":
            first = model.objects.order_by("pk").first() if model else None
            kwargs[name] = first.pk if first else 999999
        else:
            kwargs[name] = values[name]
    return kwargs


def url_for(world, key, route, pattern) -> str:
    kwargs = sample_kwargs(world, key, route, pattern)
    if pattern.name:
        return reverse(key, kwargs=kwargs)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m[1]]), route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), path)
    return "/" + path.lstrip("^").rstrip("$")


def outcome(response) -> str:
    if response.status_code in (301, 302) and "/login/" in response.get("Location", ""):
        return LOGIN
    return str(response.status_code)


def build_world(request):
    """Everyone and everything the table is about, made once for the whole table."""
    from accounts.permissions import COURSE_OWNER_GROUP
    from quizzes.actions import start_attempt
    from reminders.optout import make_token
    from teams.actions import invite
    from tests.factories import UserFactory

    get = request.getfixturevalue
    from organisations.models import Organisation, OwnerScope

    owner = UserFactory(email="owner@example.test")
    owner.groups.add(Group.objects.get_or_create(name=COURSE_OWNER_GROUP)[0])
    organisation = Organisation.objects.create(name="Forbundet", kind=Organisation.Kind.UNION)
    OwnerScope.objects.create(user=owner, organisation=organisation)
    enrolment = get("enrolment")
    team, leader = get("team"), get("leader")
    from django.contrib.contenttypes.models import ContentType

    return {
        "starter": get("starter"),
        "organisation": organisation,
        "learner": get("learner"),
        "enrolment": enrolment,
        "attempt": start_attempt(enrolment),
        "team": team,
        "invitation": invite(team.public_id, "union_rep", acting_user=leader),
        "optout": make_token([], user=get("other_learner")),
        "content_type_id": ContentType.objects.get_for_model(team).pk,
        "people": {
            "anonymous": None,
            "learner": get("learner"),
            "other_learner": get("other_learner"),
            "member": leader,
            "outsider": get("outsider"),
            "course_owner": owner,
            "staff": get("admin_user"),
        },
    }


def clients(world) -> dict[str, Client]:
    """One client per person; every request says it speaks xAPI 1.0.3, so the LRS's URLs
    answer whether the person may use them rather than that the header is missing."""
    out = {}
    for who, user in world["people"].items():
        out[who] = Client(HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
        if user is not None:
            out[who].force_login(user)
    return out
