"""Building the project's xAPI statements, in one place (profile: docs/xapi.md).

Statements are built with ``tincan``'s model and returned as plain dicts in xAPI 1.0.3
form. Rules kept here: our own UUID ``id``; ``timestamp`` in UTC with milliseconds;
``duration`` rounded to 0.01 s; no ``version``; the actor is an ``account`` with
``homePage`` = XAPI_ACTOR_HOMEPAGE and ``name`` = the user's opaque ``xapi_id`` — never an e-mail or
a name. The learner's role is left out: "union representative" would reveal union
membership (special-category data) to every LRS the statements reach.
"""

import json
import uuid
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
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
    return Agent(
        account=AgentAccount(home_page=settings.XAPI_ACTOR_HOMEPAGE, name=str(user.xapi_id))
    )


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


def _plain(mapping: dict[str, str]) -> dict[str, str]:
    """Language map of plain text from sanitised HTML (xAPI names are not HTML)."""
    return {lang: strip_tags(text).strip() for lang, text in mapping.items()}


# --- reminders ---------------------------------------------------------------------------


def _reminder_event(user, verb: str, kind: str, due_on, when=None) -> dict:
    return _finish(
        TinCanStatement(
            actor=actor(user),
            verb=_verb(verb),
            object=_activity(v.reminder_iri(kind), "reminder", {"en": kind, "nb": kind}),
            context=Context(
                context_activities=ContextActivities(
                    category=[
                        Activity(
                            id=v.PROFILE,
                            definition=ActivityDefinition(type=v.ACTIVITY_TYPES["profile"]),
                        )
                    ]
                ),
                extensions=Extensions({v.EXT_DUE_ON: due_on.isoformat()}),
            ),
        ),
        when,
    )


def reminder_sent(user, kind: str, due_on, when=None) -> dict:
    """A reminder of ``kind`` (due ``due_on``) went to ``user`` in their reminder e-mail."""
    return _reminder_event(user, "reminded", kind, due_on, when)


def reminder_followed(user, kind: str, due_on) -> dict:
    """``user`` opened the link of a reminder."""
    return _reminder_event(user, "followed-reminder", kind, due_on)


# --- certificates --------------------------------------------------------------------------


def _certificate_event(certificate, verb: str, extra=None, when=None) -> dict:
    """The holder (pseudonymous, as elsewhere) and the certificate, in the context of the
    completion that earned it (its registration, industry and the module version)."""
    enrolment = certificate.enrolment
    context = _context(enrolment, parent=False)
    context.context_activities.parent = [_module_activity(certificate.version)]
    context.extensions[v.EXT_MODULE_VERSION] = certificate.version_label
    if certificate.expires_on:
        context.extensions[v.EXT_EXPIRES_ON] = certificate.expires_on.isoformat()
    context.extensions.update(extra or {})
    return _finish(
        TinCanStatement(
            actor=actor(certificate.user),
            verb=_verb(verb),
            object=_activity(
                v.certificate_iri(certificate.public_id), "certificate", certificate.module_title
            ),
            context=context,
        ),
        when,
    )


def certificate_earned(certificate) -> dict:
    """The holder earned ``certificate`` by completing a module (or its refresher)."""
    return _certificate_event(certificate, "earned")


def certificate_revoked(certificate) -> dict:
    """Staff revoked the holder's ``certificate`` (the reason stays on the site)."""
    return _certificate_event(certificate, "had-revoked", when=certificate.revoked_at)


def certificate_renewed(old, new) -> dict:
    """A refresher renewed ``old``: ``new`` took its place, ``old`` stays as history."""
    return _certificate_event(old, "renewed", {v.EXT_RENEWED_BY: v.certificate_iri(new.public_id)})
