"""Parts of a module folder that other apps own (the quiz: ``quiz.yaml``, ``questions/``).

``load_content`` and ``import_content`` are the one place content is checked and
imported; they call each registered part's reader and importer. An app registers its
part in its ``AppConfig.ready()``, so this layer never imports the apps above it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ModuleScope:
    """What a module offers, which the parts' contents are checked against."""

    languages: list[str]
    roles: list[str]
    industries: list[str]  # the module's industries ("all" already resolved)
    known_industries: set[str]  # every industry in industries.yaml


@dataclass(frozen=True)
class ContentPart:
    """``read(folder, scope, problems)`` checks the part's files and returns what to import
    (or None: the module has no such part, or it has problems); ``store(version, value)``
    imports it into a new module version, in the import's transaction. ``required`` parts
    must be passed (the quiz) before a module counts as completed."""

    name: str
    files: frozenset[str]
    read: Callable[[Path, ModuleScope, Any], Any]
    store: Callable[[Any, Any], None]
    required_for_completion: bool = False


_PARTS: dict[str, ContentPart] = {}


def register(part: ContentPart) -> None:
    _PARTS[part.name] = part


def registered() -> list[ContentPart]:
    return list(_PARTS.values())
