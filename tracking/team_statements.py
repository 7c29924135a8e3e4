"""The statements of workplace teams (profile: docs/xapi.md, "Teams").

The team is an identified xAPI Group in ``context.team``, named by an opaque id; members'
seats are left out of their statements for the same reason as the learner's role (a
union rep's seat reveals union membership).
"""

from django.conf import settings
from tincan import (
    Activity,
    ActivityDefinition,
    AgentAccount,
    Context,
    ContextActivities,
    Extensions,
    Group,
    Result,
)
from tincan import Statement as TinCanStatement

from tracking import vocabulary as v
from tracking.statements import _activity, _finish, _module_activity, _verb, actor


def team_group(team) -> Group:
    return Group(
        account=AgentAccount(home_page=settings.XAPI_ACTOR_HOMEPAGE, name=f"team:{team.public_id}")
    )


def _team_activity(team) -> Activity:
    return _activity(
        v.team_iri(team.public_id),
        "team",
        {"nb": "Arbeidsmiljøteam", "en": "Work-environment team"},
    )


def _team_part(team, part: str, kind: str, name: dict) -> Activity:
    return _activity(v.team_part_iri(team.public_id, part), kind, name)


def _team_context(team, *, parent: bool, extra=None) -> Context:
    industry = team.workplace.industry
    grouping = [
        _activity(
            v.industry_iri(industry.slug),
            "industry",
            industry.names,
        )
    ]
    grouping += [_module_activity(version) for version in team.versions.all()]
    activities = ContextActivities(
        grouping=grouping,
        category=[
            Activity(id=v.PROFILE, definition=ActivityDefinition(type=v.ACTIVITY_TYPES["profile"]))
        ],
    )
    if parent:
        activities.parent = [_team_activity(team)]
    return Context(
        registration=team.registration,
        team=team_group(team),
        context_activities=activities,
        extensions=Extensions(extra) if extra else None,
    )


def _team_event(team, who, verb: str, *, obj=None, result=None, extra=None, when=None) -> dict:
    data = _finish(
        TinCanStatement(
            actor=who if isinstance(who, Group) else actor(who),
            verb=_verb(verb),
            object=obj or _team_activity(team),
            result=result,
            context=_team_context(team, parent=obj is not None, extra=extra),
        ),
        when,
    )
    for person in (data["actor"], data["context"]["team"]):
        if not person.get("member"):
            person.pop("member", None)
    return data


PLAN_NAME = {"nb": "Handlingsplan", "en": "Action plan"}


def team_created(team, user) -> dict:
    return _team_event(team, user, "created")


def member_joined(team, user) -> dict:
    return _team_event(team, user, "joined")


def member_left(team, user) -> dict:
    return _team_event(team, user, "left")


def seat_declared_empty(team, user, role: str) -> dict:
    # A seat nobody holds names no one: its role may be told.
    return _team_event(team, user, "declared-seat-empty", extra={v.EXT_SEAT: role})


def factors_mapped(team, user, keys: list[str], own: int) -> dict:
    obj = _team_part(
        team, "factors", "factor-mapping", {"nb": "Kartlegging av faktorer", "en": "Factor mapping"}
    )
    # The team's own words stay on the site; only how many there were is told.
    result = Result(extensions=Extensions({v.EXT_FACTORS: {"ranked": keys, "own": own}}))
    return _team_event(team, user, "mapped", obj=obj, result=result)


def _plan(team) -> Activity:
    return _team_part(team, "action-plan", "action-plan", PLAN_NAME)


def plan_drafted(team, user, plan) -> dict:
    return _team_event(
        team,
        user,
        "drafted",
        obj=_plan(team),
        extra={v.EXT_PLAN_VERSION: plan.number, v.EXT_ACTIONS: plan.actions.count()},
        when=plan.created_at,
    )


def plan_confirmed(team, user, plan) -> dict:
    return _team_event(
        team, user, "confirmed", obj=_plan(team), extra={v.EXT_PLAN_VERSION: plan.number}
    )


def plan_agreed(team, plan) -> dict:
    """The team agreed: the Group is the actor."""
    return _team_event(
        team,
        team_group(team),
        "agreed",
        obj=_plan(team),
        result=Result(completion=True),
        extra={v.EXT_PLAN_VERSION: plan.number, v.EXT_ACTIONS: plan.actions.count()},
        when=plan.agreed_at,
    )


def self_assessed(team, user, answers: dict[str, int], check_in=None) -> dict:
    if check_in is None:
        obj = _team_part(
            team, "baseline", "self-assessment", {"nb": "Egenvurdering", "en": "Self-assessment"}
        )
        extra = None
    else:
        obj = _team_part(
            team,
            f"check-ins/{check_in.number}",
            "check-in",
            {"nb": f"Oppfølging {check_in.number}", "en": f"Check-in {check_in.number}"},
        )
        extra = {v.EXT_CHECK_IN: check_in.number}
    result = Result(extensions=Extensions({v.EXT_INDICATORS: answers}))
    return _team_event(team, user, "assessed", obj=obj, result=result, extra=extra)


def checked_in(team, user, check_in, statuses: dict[str, int]) -> dict:
    obj = _team_part(
        team,
        f"check-ins/{check_in.number}",
        "check-in",
        {"nb": f"Oppfølging {check_in.number}", "en": f"Check-in {check_in.number}"},
    )
    return _team_event(
        team,
        user,
        "checked-in",
        obj=obj,
        result=Result(completion=True, extensions=Extensions({v.EXT_ACTION_STATUSES: statuses})),
        extra={v.EXT_CHECK_IN: check_in.number},
        when=check_in.done_at,
    )
