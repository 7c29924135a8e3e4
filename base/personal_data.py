"""Everything the site holds about a person, gathered from every app (GDPR art. 15/20).

Like ``modules/hooks.py``: each app registers, in its ``AppConfig.ready()``, a function
``user → JSON-able dict`` under a section name, so this layer never imports the apps
above it and a new app adds its part without touching the others. A section holds only
what is about the person themself; secrets (password hashes, MFA keys, tokens) never.
"""

from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

_sections: dict[str, Callable] = {}


def register(name: str, section: Callable) -> Callable:
    """Add (or replace, when ``ready()`` runs again) the section ``name``."""
    _sections[name] = section
    return section


def sections() -> list[str]:
    return sorted(_sections)


def collect(user) -> dict:
    """The person's data: one key per registered section, in a stable order."""
    return {
        "exported_at": timezone.now().isoformat(),
        "sections": {name: _sections[name](user) for name in sorted(_sections)},
    }


class Encoder(DjangoJSONEncoder):
    """Dates, times, UUIDs and decimals as strings; stored bytes as text when they are."""

    def default(self, o):
        if isinstance(o, bytes | memoryview):
            raw = bytes(o)
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                return raw.hex()
        return super().default(o)
