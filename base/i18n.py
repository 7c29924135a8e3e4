"""Language maps ({"nb": "...", "en": "..."}) as stored for content."""

from django.conf import settings
from django.utils.translation import get_language

CONTENT_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def current_language() -> str:
    lang = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return lang if lang in CONTENT_LANGUAGES else settings.LANGUAGE_CODE


def pick(mapping: dict | None, language: str | None = None):
    """Return the value for the active (or given) language, falling back to bokmål, then any."""
    if not mapping:
        return ""
    lang = language or current_language()
    for code in (lang, settings.LANGUAGE_CODE, *mapping.keys()):
        if code in mapping:
            return mapping[code]
    return ""
