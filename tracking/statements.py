"""Building the project's xAPI statements, in one place (profile: docs/xapi.md).

Statements are built with ``tincan``'s model and returned as plain dicts in xAPI 1.0.3
form. Rules kept here: our own UUID ``id``; ``timestamp`` in UTC with milliseconds;
``duration`` rounded to 0.01 s; no ``version``; the actor is an ``account`` with
``homePage`` = SITE_URL and ``name`` = the user's opaque ``xapi_id`` — never an e-mail or
a name. The learner's role is left out: "union representative" would reveal union
membership (special-category data) to every LRS the statements reach.
"""

import json
import uuid
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.html import strip_tags
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    AgentAccount,
    Context,
    ContextActivities,
    Extensions,
    Group,
    LanguageMap,
    Result,
    Score,
    Verb,
)
from tincan import Statement as TinCanStatement

from tracking import vocabulary as v


def xapi_timestamp(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def xapi_duration(value: timedelta) -> str:
    seconds = Decimal(value.total_seconds()).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{int(hours)}H"
    if minutes:
        out += f"{int(minutes)}M"
    return out + f"{secs.normalize():f}S".replace(".00S", "S")


def actor(user) -> Agent:
    return Agent(account=AgentAccount(home_page=v.site(), name=str(user.xapi_id)))


def _verb(name: str) -> Verb:
    iri, display = v.VERBS[name]
    return Verb(id=iri, display=LanguageMap(display))


def _activity(iri: str, kind: str, name: dict | None = None, **definition) -> Activity:
    return Activity(
        id=iri,
        definition=ActivityDefinition(
            type=v.ACTIVITY_TYPES[kind], name=LanguageMap(name) if name else None, **definition
        ),
    )


def _module_activity(version) -> Activity:
    return _activity(
        v.module_iri(version.module.slug),
        "module",
        version.title,
        description=LanguageMap(version.summary) if version.summary else None,
    )


def _context(enrolment, *, parent: bool, language: str | None = None, extra=None) -> Context:
    version = enrolment.version
    activities = ContextActivities(
        grouping=[
            _activity(
                v.industry_iri(enrolment.industry.slug),
                "industry",
                enrolment.industry.names,
            )
        ],
        category=[
            Activity(id=v.PROFILE, definition=ActivityDefinition(type=v.ACTIVITY_TYPES["profile"]))
        ],
    )
    if parent:
        activities.parent = [_module_activity(version)]
    extensions = {v.EXT_MODULE_VERSION: f"{version.label} (#{version.number})", **(extra or {})}
    return Context(
        registration=enrolment.registration,
        context_activities=activities,
        language=language,
        extensions=Extensions(extensions),
    )


def _finish(statement: TinCanStatement, when: datetime | None = None) -> dict:
    statement.id = uuid.uuid4()
    statement.version = None  # tincan 1.0.0 fills in "1.0.3"; the LRS sets the version
    data = json.loads(statement.to_json())
    data.pop("version", None)
    data["timestamp"] = xapi_timestamp(when or timezone.now())
    return data


def _round_duration(data: dict, duration: timedelta | None) -> dict:
    if duration is not None:
        data.setdefault("result", {})["duration"] = xapi_duration(duration)
    return data


def _module_event(enrolment, verb: str) -> dict:
    return _finish(
        TinCanStatement(
            actor=actor(enrolment.user),
            verb=_verb(verb),
            object=_module_activity(enrolment.version),
            context=_context(enrolment, parent=False),
        )
    )


def registered(enrolment) -> dict:
    return _module_event(enrolment, "registered")


def launched(enrolment) -> dict:
    return _module_event(enrolment, "launched")


def experienced(enrolment, page, titles: dict[str, str], language: str) -> dict:
    slug = enrolment.version.module.slug
    return _finish(
        TinCanStatement(
            actor=actor(enrolment.user),
            verb=_verb("experienced"),
            object=_activity(v.page_iri(slug, page.key), "page", titles),
            context=_context(enrolment, parent=True, language=language),
        )
    )


def answered(enrolment, attempt, question, selected: list[str], correct: bool) -> dict:
    slug = enrolment.version.module.slug
    choices = list(question.choices.all())
    true_false = question.type == "true_false"
    right = [c.key for c in choices if c.is_correct]
    definition = {
        "interaction_type": "true-false" if true_false else "choice",
        "correct_responses_pattern": [right[0] if true_false else "[,]".join(right)],
    }
    if not true_false:
        definition["choices"] = [
            {"id": c.key, "description": LanguageMap(_plain(c.text))} for c in choices
        ]
    statement = TinCanStatement(
        actor=actor(enrolment.user),
        verb=_verb("answered"),
        object=_activity(
            v.question_iri(slug, question.key), "question", _plain(question.prompt), **definition
        ),
        result=Result(success=correct, response="[,]".join(selected)),
        context=_context(
            enrolment,
            parent=True,
            extra={v.EXT_ATTEMPT: attempt.number},
        ),
    )
    statement.context.context_activities.parent.append(
        _activity(v.quiz_iri(slug), "assessment", enrolment.version.title)
    )
    return _finish(statement, attempt.submitted_at)


def quiz_result(enrolment, attempt) -> dict:
    """passed or failed, with the score and the attempt's duration."""
    slug = enrolment.version.module.slug
    raw = attempt.correct_count
    statement = TinCanStatement(
        actor=actor(enrolment.user),
        verb=_verb("passed" if attempt.passed else "failed"),
        object=_activity(v.quiz_iri(slug), "assessment", enrolment.version.title),
        result=Result(
            score=Score(
                scaled=round(raw / attempt.question_count, 4) if attempt.question_count else 0,
                raw=raw,
                min=0,
                max=attempt.question_count,
            ),
            success=bool(attempt.passed),
            completion=True,
        ),
        context=_context(enrolment, parent=True, extra={v.EXT_ATTEMPT: attempt.number}),
    )
    data = _finish(statement, attempt.submitted_at)
    return _round_duration(data, attempt.duration)


def completed(enrolment) -> dict:
    return _finish(
        TinCanStatement(
            actor=actor(enrolment.user),
            verb=_verb("completed"),
            object=_module_activity(enrolment.version),
            result=Result(completion=True),
            context=_context(enrolment, parent=False),
        ),
        enrolment.completed_at,
    )


# Teams (workplace trios). The team is an identified xAPI Group in ``context.team``, named by
# an opaque id; members' seats are left out of their statements for the same reason as
# the learner's role (a union rep's seat reveals union membership).


def team_group(team) -> Group:
    return Group(account=AgentAccount(home_page=v.site(), name=f"team:{team.public_id}"))


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


def _plain(mapping: dict[str, str]) -> dict[str, str]:
    """Language map of plain text from sanitised HTML (xAPI names are not HTML)."""
    return {lang: strip_tags(text).strip() for lang, text in mapping.items()}
