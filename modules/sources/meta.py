"""``module.yaml``: a module's metadata, checked field by field."""

import re
from pathlib import Path

from base.roles import ROLE_SLUGS
from modules.sources import fields as f
from modules.sources.markup import render_inline
from modules.sources.problems import Problems
from modules.sources.yamlfile import YamlDoc

CONTENT_LANGUAGES = ("nb", "en", "pl")
MODULE_KEYS = {
    "slug",
    "version",
    "languages",
    "roles",
    "industries",
    "minutes",
    "validity_months",
    "title",
    "summary",
    "outcomes",
    "pages",
    "joint",
    "refreshes",
}
JOINT_KEYS = {"prompts", "follow_up_months"}
DEFAULT_FOLLOW_UP_MONTHS = [1, 3, 6]
VERSION_RE = re.compile(r"^(\d+)\.(\d+)$")


def _slug(doc: YamlDoc, folder: Path, problems: Problems) -> str | None:
    path = doc.path
    slug = f.text(doc, ("slug",), problems)
    if slug and slug != folder.name:
        problems.add(
            path, doc.line("slug"), f"slug '{slug}' must equal the folder name '{folder.name}'"
        )
    if slug and not f.SLUG_RE.match(slug):
        problems.add(path, doc.line("slug"), "slug must be lower-case-with-hyphens")
    return slug


def _version(doc: YamlDoc, problems: Problems) -> tuple[object, int]:
    path = doc.path
    version = f.get(doc, ("version",))
    major = 1
    if isinstance(version, float):
        problems.add(
            path, doc.line("version"), f'write the version in quotes: version: "{version}"'
        )
    elif not isinstance(version, str) or not VERSION_RE.match(version):
        problems.add(path, doc.line("version"), 'version must look like "1.0" (MAJOR.MINOR)')
    else:
        major = int(VERSION_RE.match(version)[1])
    return version, major


def _languages(doc: YamlDoc, problems: Problems) -> list[str]:
    languages = f.get(doc, ("languages",))
    if (
        not isinstance(languages, list)
        or not languages
        or any(lang not in CONTENT_LANGUAGES for lang in languages)
        or len(set(languages)) != len(languages)
    ):
        problems.add(
            doc.path,
            doc.line("languages"),
            f"languages must be a list from {', '.join(CONTENT_LANGUAGES)}",
        )
        if not isinstance(languages, list):
            languages = []
        languages = [lang for lang in languages if lang in CONTENT_LANGUAGES] or ["nb"]
    return languages


def _roles(doc: YamlDoc, problems: Problems) -> list[str]:
    roles = f.get(doc, ("roles",))
    if not isinstance(roles, list) or not roles or any(r not in ROLE_SLUGS for r in roles):
        problems.add(
            doc.path, doc.line("roles"), f"roles must be a list from {', '.join(ROLE_SLUGS)}"
        )
        roles = []
    return roles


def _industries(doc: YamlDoc, industries: list[str], problems: Problems):
    inds = f.get(doc, ("industries",))
    if inds == "all":
        return inds
    if not isinstance(inds, list) or not inds:
        problems.add(
            doc.path,
            doc.line("industries"),
            "industries must be 'all' or a list of industry slugs",
        )
        inds = []
    for i, slug in enumerate(inds):
        if not isinstance(slug, str) or slug not in industries:
            problems.add(
                doc.path,
                doc.line("industries", i),
                f"unknown industry '{slug}' (see industries.yaml)",
            )
    return inds


def _outcomes(doc: YamlDoc, languages: list[str], problems: Problems) -> dict:
    outcomes_raw = f.get(doc, ("outcomes",))
    outcomes: dict = {}
    if not isinstance(outcomes_raw, dict):
        problems.add(
            doc.path, doc.line("outcomes"), "outcomes must map each language to a list of texts"
        )
        return outcomes
    for lang in languages:
        items = outcomes_raw.get(lang)
        if (
            not isinstance(items, list)
            or not 1 <= len(items) <= 8
            or not all(isinstance(x, str) and x.strip() for x in items)
        ):
            problems.add(
                doc.path,
                doc.line("outcomes", lang),
                f"outcomes.{lang} must be a list of 1 to 8 texts",
            )
        else:
            outcomes[lang] = [x.strip() for x in items]
    return outcomes


def _page_keys(doc: YamlDoc, problems: Problems) -> list:
    pages = f.get(doc, ("pages",))
    if not isinstance(pages, list) or not pages:
        problems.add(doc.path, doc.line("pages"), "pages must be a non-empty list of page keys")
        return []
    for i, key in enumerate(pages):
        if not isinstance(key, str) or not f.SLUG_RE.match(key):
            problems.add(
                doc.path,
                doc.line("pages", i),
                f"page key {key!r} must be lower-case-with-hyphens",
            )
        elif pages.count(key) > 1:
            problems.add(doc.path, doc.line("pages", i), f"page '{key}' is listed twice")
    return pages


def read_module_meta(doc: YamlDoc, folder: Path, industries: list[str], problems: Problems):
    """The checked metadata of ``module.yaml`` as ``(meta, major, page keys)``; problems are
    added, and the caller decides from them whether the module is usable."""
    f.unknown_keys(doc, (), MODULE_KEYS, problems)
    slug = _slug(doc, folder, problems)
    version, major = _version(doc, problems)
    languages = _languages(doc, problems)
    roles = _roles(doc, problems)
    inds = _industries(doc, industries, problems)
    minutes = f.integer(doc, ("minutes",), problems, 1, 240)
    validity = f.integer(doc, ("validity_months",), problems, 1, 120, required=False)
    meta = {
        "slug": slug,
        "version": version,
        "languages": languages,
        "roles": roles,
        "industries": inds,
        "minutes": minutes,
        "validity_months": validity,
        "title": f.lang_map(doc, ("title",), languages, problems),
        "summary": f.lang_map(doc, ("summary",), languages, problems),
        "outcomes": _outcomes(doc, languages, problems),
        "_pages_line": doc.line("pages"),
    }
    pages = _page_keys(doc, problems)
    meta["joint"] = read_joint(doc, languages, problems)
    meta["refreshes"] = _refreshes(doc, slug, problems)
    meta["_refreshes_line"] = doc.line("refreshes")
    return meta, major, list(pages)


def _refreshes(doc: YamlDoc, slug: str | None, problems: Problems) -> str:
    """``refreshes``: the slug of the module this one is a refresher for (the loader checks
    that the tree has it)."""
    refreshes = f.text(doc, ("refreshes",), problems, required=False)
    if refreshes and (not f.SLUG_RE.match(refreshes) or refreshes == slug):
        problems.add(doc.path, doc.line("refreshes"), "refreshes must be another module's slug")
        return ""
    return refreshes or ""


def read_joint(doc: YamlDoc, languages: list[str], problems: Problems) -> dict | None:
    """The joint session ("fellesøkt"): discussion prompts and follow-up intervals."""
    if f.get(doc, ("joint",)) is None:
        return None
    if f.require_mapping(doc, ("joint",), problems) is None:
        return None
    f.unknown_keys(doc, ("joint",), JOINT_KEYS, problems)
    prompts_raw = f.get(doc, ("joint", "prompts"))
    prompts: dict[str, list[str]] = {}
    if not isinstance(prompts_raw, dict):
        problems.add(
            doc.path,
            doc.line("joint", "prompts"),
            "joint.prompts must map each language to a list of discussion prompts",
        )
    else:
        for lang in languages:
            items = prompts_raw.get(lang)
            if (
                not isinstance(items, list)
                or not 1 <= len(items) <= 8
                or not all(isinstance(x, str) and x.strip() for x in items)
            ):
                problems.add(
                    doc.path,
                    doc.line("joint", "prompts", lang),
                    f"joint.prompts.{lang} must be a list of 1 to 8 texts",
                )
            else:
                prompts[lang] = [render_inline(x.strip()) for x in items]
        counts = {len(v) for v in prompts.values()}
        if len(counts) > 1:
            problems.add(
                doc.path,
                doc.line("joint", "prompts"),
                "joint.prompts must have as many prompts in every language",
            )
    months = f.get(doc, ("joint", "follow_up_months"))
    if months is None:
        months = list(DEFAULT_FOLLOW_UP_MONTHS)
    elif (
        not isinstance(months, list)
        or not 1 <= len(months) <= 6
        or not all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 36 for m in months)
        or months != sorted(set(months))
    ):
        problems.add(
            doc.path,
            doc.line("joint", "follow_up_months"),
            "joint.follow_up_months must be 1 to 6 rising whole numbers of months from 1 to 36",
        )
        months = []
    return {"prompts": prompts, "follow_up_months": months}
