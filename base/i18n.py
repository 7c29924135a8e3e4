"""Language maps ({"nb": "...", "en": "..."}) as stored for content."""

from django.conf import settings
from django.utils.translation import get_language

CONTENT_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
# Where a text is missing in a language, the next best: Polish readers get English.
FALLBACKS = {"pl": ("en",)}


def preference(language: str) -> tuple[str, ...]:
    """``language``, then its fallbacks, then bokmål."""
    return (language, *FALLBACKS.get(language, ()), settings.LANGUAGE_CODE)


def current_language() -> str:
    lang = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return lang if lang in CONTENT_LANGUAGES else settings.LANGUAGE_CODE


def pick(mapping: dict | None, language: str | None = None):
    """Return the value for the active (or given) language, falling back as ``preference``
    says (Polish to English), then to bokmål, then to any."""
    if not mapping:
        return ""
    lang = language or current_language()
    for code in (*preference(lang), *mapping.keys()):
        if code in mapping:
            return mapping[code]
    return ""
