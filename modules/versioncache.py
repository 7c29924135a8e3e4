"""An in-process cache of module versions' content.

A module version never changes after import (a change makes a new version), so its
pages and rendered variants can be kept in memory and shared by every request. The key
includes ``imported_at`` so that a version id reused by a database (after a rollback or
deletion) can never return another version's content. Cached objects are shared between
threads: callers must not modify them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from modules.models import ModuleVersion, Page, PageVariant


@dataclass(frozen=True)
class VersionContent:
    version: ModuleVersion
    pages: tuple[Page, ...]
    variants: dict[int, tuple[PageVariant, ...]] = field(default_factory=dict)


@lru_cache(maxsize=128)
def _load(version_id: int, imported_at: datetime) -> VersionContent:
    version = ModuleVersion.objects.select_related("module").get(pk=version_id)
    pages = tuple(Page.objects.filter(version_id=version_id).order_by("order"))
    variants: dict[int, list[PageVariant]] = {}
    for variant in PageVariant.objects.filter(page__version_id=version_id).order_by("pk"):
        variants.setdefault(variant.page_id, []).append(variant)
    return VersionContent(version, pages, {k: tuple(v) for k, v in variants.items()})


def version_content(version_id: int, imported_at: datetime) -> VersionContent:
    return _load(version_id, imported_at)


# Rendered page bodies by (version id, imported_at, variant id, language of the page
# around it): a version's pages never change, so neither does their HTML. Emptied when
# full; a few thousand bodies of a few KB each.
_bodies: dict[tuple, str] = {}
MAX_BODIES = 4096


def rendered_body(key: tuple, render: Callable[[], str]) -> str:
    """The body cached under ``key`` (which starts with the version's id and import
    time), made by ``render()`` the first time."""
    body = _bodies.get(key)
    if body is None:
        body = render()
        if len(_bodies) >= MAX_BODIES:
            _bodies.clear()
        _bodies[key] = body
    return body


def clear() -> None:
    _load.cache_clear()
    _bodies.clear()
