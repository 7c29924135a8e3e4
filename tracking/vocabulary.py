"""The xAPI vocabulary of this project: verbs, activity types, extensions (docs/xapi.md)."""

from django.conf import settings

ADL = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITY = "http://adlnet.gov/expapi/activities/"

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
}

ACTIVITY_TYPES = {
    "module": ADL_ACTIVITY + "module",
    "page": "http://activitystrea.ms/schema/1.0/page",
    "assessment": ADL_ACTIVITY + "assessment",
    "question": ADL_ACTIVITY + "cmi.interaction",
    "industry": PROFILE + "/activity-types/industry",
    "profile": "http://adlnet.gov/expapi/activities/profile",
}

EXT_MODULE_VERSION = PROFILE + "/extensions/module-version"
EXT_ATTEMPT = PROFILE + "/extensions/attempt-number"


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
