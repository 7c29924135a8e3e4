"""The xAPI vocabulary of this project: verbs, activity types, extensions (docs/xapi.md)."""

from django.conf import settings

ADL = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITY = "http://adlnet.gov/expapi/activities/"
AS = "http://activitystrea.ms/schema/1.0/"

# The project's own namespace for what ADL has no term for. Stable across deployments.
PROFILE = "https://arbeidsmiljo-lms.no/xapi"

VERBS = {
    "registered": (ADL + "registered", {"en": "registered", "nb": "meldte seg på"}),
    "launched": (ADL + "launched", {"en": "launched", "nb": "startet"}),
    "experienced": (ADL + "experienced", {"en": "experienced", "nb": "leste"}),
    "answered": (ADL + "answered", {"en": "answered", "nb": "svarte på"}),
    "passed": (ADL + "passed", {"en": "passed", "nb": "besto"}),
    "failed": (ADL + "failed", {"en": "failed", "nb": "besto ikke"}),
    "completed": (ADL + "completed", {"en": "completed", "nb": "fullførte"}),
    # Teams (workplace trios)
    "created": (AS + "create", {"en": "created", "nb": "opprettet"}),
    "joined": (AS + "join", {"en": "joined", "nb": "ble med i"}),
    "left": (AS + "leave", {"en": "left", "nb": "forlot"}),
    "declared-seat-empty": (
        PROFILE + "/verbs/declared-seat-empty",
        {"en": "declared a seat empty in", "nb": "meldte at plassen står tom i"},
    ),
    "mapped": (
        PROFILE + "/verbs/mapped-factors",
        {"en": "mapped factors for", "nb": "kartla faktorer for"},
    ),
    "drafted": (PROFILE + "/verbs/drafted", {"en": "drafted", "nb": "skrev utkast til"}),
    "confirmed": (AS + "confirm", {"en": "confirmed", "nb": "bekreftet"}),
    "agreed": (AS + "agree", {"en": "agreed", "nb": "ble enige om"}),
    "assessed": (PROFILE + "/verbs/self-assessed", {"en": "self-assessed", "nb": "vurderte"}),
    "checked-in": (PROFILE + "/verbs/checked-in", {"en": "checked in on", "nb": "fulgte opp"}),
}

ACTIVITY_TYPES = {
    "module": ADL_ACTIVITY + "module",
    "page": "http://activitystrea.ms/schema/1.0/page",
    "assessment": ADL_ACTIVITY + "assessment",
    "question": ADL_ACTIVITY + "cmi.interaction",
    "industry": PROFILE + "/activity-types/industry",
    "profile": "http://adlnet.gov/expapi/activities/profile",
    "team": PROFILE + "/activity-types/team",
    "action-plan": PROFILE + "/activity-types/action-plan",
    "factor-mapping": PROFILE + "/activity-types/factor-mapping",
    "self-assessment": PROFILE + "/activity-types/self-assessment",
    "check-in": PROFILE + "/activity-types/check-in",
}

EXT_MODULE_VERSION = PROFILE + "/extensions/module-version"
EXT_ATTEMPT = PROFILE + "/extensions/attempt-number"
EXT_SEAT = PROFILE + "/extensions/seat"
EXT_PLAN_VERSION = PROFILE + "/extensions/plan-version"
EXT_FACTORS = PROFILE + "/extensions/factors"
EXT_ACTIONS = PROFILE + "/extensions/actions"
EXT_INDICATORS = PROFILE + "/extensions/indicators"
EXT_ACTION_STATUSES = PROFILE + "/extensions/action-statuses"
EXT_CHECK_IN = PROFILE + "/extensions/check-in-number"


def site() -> str:
    return settings.SITE_URL.rstrip("/")


def module_iri(slug: str) -> str:
    return f"{site()}/xapi/activities/modules/{slug}"


def page_iri(slug: str, key: str) -> str:
    return f"{module_iri(slug)}/pages/{key}"


def quiz_iri(slug: str) -> str:
    return f"{module_iri(slug)}/quiz"


def question_iri(slug: str, key: str) -> str:
    return f"{quiz_iri(slug)}/questions/{key}"


def industry_iri(slug: str) -> str:
    return f"{site()}/xapi/activities/industries/{slug}"


def team_iri(public_id) -> str:
    return f"{site()}/xapi/activities/teams/{public_id}"


def team_part_iri(public_id, part: str) -> str:
    """The team's action plan, factor mapping, self-assessment or a check-in."""
    return f"{team_iri(public_id)}/{part}"


# Reminders (the reminder engine, reminders/): sent to a person, and followed by them.
VERBS["reminded"] = (
    PROFILE + "/verbs/was-reminded",
    {"en": "was reminded of", "nb": "ble påminnet om"},
)
VERBS["followed-reminder"] = (
    PROFILE + "/verbs/followed-reminder",
    {"en": "followed the reminder", "nb": "fulgte påminnelsen"},
)
ACTIVITY_TYPES["reminder"] = PROFILE + "/activity-types/reminder"
EXT_DUE_ON = PROFILE + "/extensions/due-on"


def reminder_iri(kind: str) -> str:
    return f"{site()}/xapi/activities/reminders/{kind}"


# Certificates (certificates/): earned on completion, revoked by staff, renewed by a
# refresher. The object is the certificate (an opaque id, never its verification code).
VERBS["earned"] = (PROFILE + "/verbs/earned", {"en": "earned", "nb": "fikk"})
VERBS["had-revoked"] = (
    PROFILE + "/verbs/had-revoked",
    {"en": "had revoked", "nb": "fikk trukket tilbake"},
)
VERBS["renewed"] = (PROFILE + "/verbs/renewed", {"en": "renewed", "nb": "fornyet"})
ACTIVITY_TYPES["certificate"] = PROFILE + "/activity-types/certificate"
EXT_EXPIRES_ON = PROFILE + "/extensions/expires-on"
EXT_RENEWED_BY = PROFILE + "/extensions/renewed-by"


def certificate_iri(public_id) -> str:
    return f"{site()}/xapi/activities/certificates/{public_id}"
