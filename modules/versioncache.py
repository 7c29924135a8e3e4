"""An in-process cache of module versions' content.

A module version never changes after import (a change makes a new version), so its
pages and rendered variants can be kept in memory and shared by every request. The key
includes ``imported_at`` so that a version id reused by a database (after a rollback or
deletion) can never return another version's content. Cached objects are shared between
threads: callers must not modify them.
"""

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


def clear() -> None:
    _load.cache_clear()
