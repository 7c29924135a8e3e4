"""Load a content tree: industries, modules, pages and quizzes, checked and rendered.

``load_content(path)`` never touches the database. It returns every problem found
(``file:line: message``), and a tree only when there are none.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from base.roles import ROLE_SLUGS
from modules.sources import fields as f
from modules.sources.glossary import Glossary, read_glossary
from modules.sources.joint import read_industry_joint
from modules.sources.markup import render_inline
from modules.sources.pages import read_page
from modules.sources.parts import ModuleScope, registered
from modules.sources.problems import Problems
from modules.sources.yamlfile import YamlDoc, load_yaml

CONTENT_LANGUAGES = ("nb", "en", "pl")
# Industries (names, factors, regional safety reps) are in bokmål and English, and may
# be in Polish too; where Polish is missing, Polish readers get English.
INDUSTRY_LANGUAGES = ["nb", "en"]
INDUSTRY_OPTIONAL = ("pl",)
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
}
JOINT_KEYS = {"prompts", "follow_up_months"}
INDUSTRY_KEYS = {"slug", "name", "factors", "regional_safety_reps", "joint"}
MODULE_FILES = {"module.yaml", "pages"}  # and the registered parts' files
DEFAULT_FOLLOW_UP_MONTHS = [1, 3, 6]
VERSION_RE = re.compile(r"^(\d+)\.(\d+)$")
PAGE_FILE_RE = re.compile(
    r"^(?P<key>[a-z0-9-]+)\.(?P<lang>[a-z]{2})(?P<rest>(?:\.[a-z0-9_-]+){0,2})\.md$"
)


@dataclass
class IndustrySource:
    slug: str
    name_nb: str
    name_en: str
    order: int
    name_pl: str = ""
    factors: list[dict] = field(default_factory=list)
    regional_safety_reps: dict[str, str] = field(default_factory=dict)
    joint: dict[str, dict[str, list[str]]] = field(default_factory=dict)


@dataclass
class PageSource:
    key: str
    language: str
    industry: str
    role: str
    title: str
    html: str
    source: str
    sources: list[dict] = field(default_factory=list)  # {publisher, title, year}
    words: list[dict] = field(default_factory=list)  # {key, term, explanation}
    lix: float | None = None  # bokmål pages only


@dataclass
class ModuleSource:
    slug: str
    meta: dict
    major: int
    pages: list[str]
    variants: list[PageSource] = field(default_factory=list)
    parts: dict = field(default_factory=dict)  # a registered part's name → what it read
    content_hash: str = ""


@dataclass
class ContentTree:
    industries: list[IndustrySource]
    modules: list[ModuleSource]


def _hash_folder(folder: Path, extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _read_industries(path: Path, problems: Problems) -> list[IndustrySource]:
    if not path.is_file():
        problems.add(path, 1, "industries.yaml is missing")
        return []
    doc = load_yaml(path, problems)
    if doc is None:
        return []
    if not isinstance(doc.data, list) or not doc.data:
        problems.add(path, 1, "industries.yaml must be a non-empty list")
        return []
    out: list[IndustrySource] = []
    for i, _item in enumerate(doc.data):
        if f.require_mapping(doc, (i,), problems) is None:
            continue
        f.unknown_keys(doc, (i,), INDUSTRY_KEYS, problems)
        slug = f.text(doc, (i, "slug"), problems)
        if slug and not f.SLUG_RE.match(slug):
            problems.add(
                path, doc.line(i, "slug"), f"slug '{slug}' must be lower-case-with-hyphens"
            )
            slug = None
        names = f.lang_map(
            doc, (i, "name"), INDUSTRY_LANGUAGES, problems, optional=INDUSTRY_OPTIONAL
        )
        if slug and any(ind.slug == slug for ind in out):
            problems.add(path, doc.line(i, "slug"), f"industry '{slug}' is listed twice")
        elif slug and names:
            out.append(IndustrySource(slug, names["nb"], names["en"], i, names.get("pl", "")))
            out[-1].factors = _read_factors(doc, i, problems)
            out[-1].regional_safety_reps = (
                f.lang_map(
                    doc,
                    (i, "regional_safety_reps"),
                    INDUSTRY_LANGUAGES,
                    problems,
                    required=False,
                    optional=INDUSTRY_OPTIONAL,
                )
                or {}
            )
            out[-1].joint = read_industry_joint(
                doc, i, INDUSTRY_LANGUAGES, problems, INDUSTRY_OPTIONAL
            )
    return out


def _read_factors(doc: YamlDoc, i: int, problems: Problems) -> list[dict]:
    """An industry's work-environment factors, which teams pick from in the joint session."""
    raw = f.get(doc, (i, "factors"))
    if raw is None:
        return []
    if not isinstance(raw, list) or not 1 <= len(raw) <= 20:
        problems.add(doc.path, doc.line(i, "factors"), "factors must be a list of 1 to 20 factors")
        return []
    out: list[dict] = []
    for j, _item in enumerate(raw):
        path = (i, "factors", j)
        if f.require_mapping(doc, path, problems) is None:
            continue
        f.unknown_keys(doc, path, {"key", "name"}, problems)
        key = f.text(doc, (*path, "key"), problems)
        if key and not f.SLUG_RE.match(key):
            problems.add(
                doc.path,
                doc.line(*path, "key"),
                f"factor key '{key}' must be lower-case-with-hyphens",
            )
            continue
        if key and any(x["key"] == key for x in out):
            problems.add(doc.path, doc.line(*path, "key"), f"factor '{key}' is listed twice")
            continue
        name = f.lang_map(
            doc, (*path, "name"), INDUSTRY_LANGUAGES, problems, optional=INDUSTRY_OPTIONAL
        )
        if key and name:
            out.append({"key": key, "name": name})
    return out


def _read_joint(doc: YamlDoc, languages: list[str], problems: Problems) -> dict | None:
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


def _read_pages(
    folder: Path, mod: ModuleSource, industries: list[str], glossary: Glossary, problems: Problems
) -> None:
    pages_dir = folder / "pages"
    if not pages_dir.is_dir():
        problems.add(folder / "module.yaml", 1, "the module has no pages/ folder")
        return
    roles = set(mod.meta["roles"])
    languages = mod.meta["languages"]
    allowed_industries = (
        industries if mod.meta["industries"] == "all" else set(mod.meta["industries"])
    )
    seen: set[tuple[str, str]] = set()
    for path in sorted(pages_dir.iterdir()):
        match = PAGE_FILE_RE.match(path.name)
        if not match:
            problems.add(path, 1, "page files are named <page>.<lang>[.<industry>][.<role>].md")
            continue
        key, lang = match["key"], match["lang"]
        qualifiers = [q for q in match["rest"].split(".") if q]
        industry = role = ""
        bad = False
        for q in qualifiers:
            if q in roles and not role:
                role = q
            elif q in allowed_industries and not industry and not role:
                industry = q
            else:
                known = "role" if q in ROLE_SLUGS else "industry" if q in industries else None
                if q in allowed_industries and role:
                    why = f"the industry '{q}' must come before the role '{role}'"
                elif known:
                    why = f"the module has no {known} '{q}'"
                else:
                    why = f"'{q}' is no industry or role"
                problems.add(path, 1, f"{why} (variants are <page>.<lang>.<industry>.<role>.md)")
                bad = True
        if key not in mod.pages:
            problems.add(path, 1, f"page '{key}' is not listed in module.yaml pages")
            bad = True
        if lang not in languages:
            problems.add(path, 1, f"language '{lang}' is not in the module's languages")
            bad = True
        page = read_page(path, lang, glossary, problems)
        if bad or page is None:
            continue
        if not (industry or role):
            seen.add((key, lang))
        source = str(path.relative_to(folder.parent))
        mod.variants.append(
            PageSource(
                key,
                lang,
                industry,
                role,
                page.title,
                page.html,
                source,
                page.sources,
                page.words,
                page.lix,
            )
        )
    meta_doc_path = folder / "module.yaml"
    for key in mod.pages:
        for lang in languages:
            if (key, lang) not in seen and not (pages_dir / f"{key}.{lang}.md").exists():
                problems.add(
                    meta_doc_path,
                    mod.meta["_pages_line"],
                    f"page '{key}' has no file pages/{key}.{lang}.md",
                )


def _read_module(
    folder: Path, industries: list[str], glossary: Glossary, problems: Problems
) -> ModuleSource | None:
    path = folder / "module.yaml"
    doc = load_yaml(path, problems)
    if doc is None or f.require_mapping(doc, (), problems) is None:
        return None
    before = len(problems.items)
    f.unknown_keys(doc, (), MODULE_KEYS, problems)
    slug = f.text(doc, ("slug",), problems)
    if slug and slug != folder.name:
        problems.add(
            path, doc.line("slug"), f"slug '{slug}' must equal the folder name '{folder.name}'"
        )
    if slug and not f.SLUG_RE.match(slug):
        problems.add(path, doc.line("slug"), "slug must be lower-case-with-hyphens")
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
    languages = f.get(doc, ("languages",))
    if (
        not isinstance(languages, list)
        or not languages
        or any(lang not in CONTENT_LANGUAGES for lang in languages)
        or len(set(languages)) != len(languages)
    ):
        problems.add(
            path,
            doc.line("languages"),
            f"languages must be a list from {', '.join(CONTENT_LANGUAGES)}",
        )
        if not isinstance(languages, list):
            languages = []
        languages = [lang for lang in languages if lang in CONTENT_LANGUAGES] or ["nb"]
    roles = f.get(doc, ("roles",))
    if not isinstance(roles, list) or not roles or any(r not in ROLE_SLUGS for r in roles):
        problems.add(path, doc.line("roles"), f"roles must be a list from {', '.join(ROLE_SLUGS)}")
        roles = []
    inds = f.get(doc, ("industries",))
    if inds != "all":
        if not isinstance(inds, list) or not inds:
            problems.add(
                path, doc.line("industries"), "industries must be 'all' or a list of industry slugs"
            )
            inds = []
        for i, slug_ in enumerate(inds):
            if not isinstance(slug_, str) or slug_ not in industries:
                problems.add(
                    path,
                    doc.line("industries", i),
                    f"unknown industry '{slug_}' (see industries.yaml)",
                )
    minutes = f.integer(doc, ("minutes",), problems, 1, 240)
    validity = f.integer(doc, ("validity_months",), problems, 1, 120, required=False)
    title = f.lang_map(doc, ("title",), languages, problems)
    summary = f.lang_map(doc, ("summary",), languages, problems)
    outcomes_raw = f.get(doc, ("outcomes",))
    outcomes: dict = {}
    if not isinstance(outcomes_raw, dict):
        problems.add(
            path, doc.line("outcomes"), "outcomes must map each language to a list of texts"
        )
    else:
        for lang in languages:
            items = outcomes_raw.get(lang)
            if (
                not isinstance(items, list)
                or not 1 <= len(items) <= 8
                or not all(isinstance(x, str) and x.strip() for x in items)
            ):
                problems.add(
                    path,
                    doc.line("outcomes", lang),
                    f"outcomes.{lang} must be a list of 1 to 8 texts",
                )
            else:
                outcomes[lang] = [x.strip() for x in items]
    pages = f.get(doc, ("pages",))
    if not isinstance(pages, list) or not pages:
        problems.add(path, doc.line("pages"), "pages must be a non-empty list of page keys")
        pages = []
    for i, key in enumerate(pages):
        if not isinstance(key, str) or not f.SLUG_RE.match(key):
            problems.add(
                path, doc.line("pages", i), f"page key {key!r} must be lower-case-with-hyphens"
            )
        elif pages.count(key) > 1:
            problems.add(path, doc.line("pages", i), f"page '{key}' is listed twice")
    joint = _read_joint(doc, languages, problems)
    if len(problems.items) > before:
        return None
    meta = {
        "slug": slug,
        "version": version,
        "languages": languages,
        "roles": roles,
        "industries": inds,
        "minutes": minutes,
        "validity_months": validity,
        "title": title,
        "summary": summary,
        "outcomes": outcomes,
        "joint": joint,
        "_pages_line": doc.line("pages"),
    }
    mod = ModuleSource(slug=slug, meta=meta, major=major, pages=list(pages))
    _read_pages(folder, mod, industries, glossary, problems)
    offered = list(industries) if inds == "all" else list(inds)
    scope = ModuleScope(languages, roles, offered, set(industries))
    _read_parts(folder, mod, scope, problems)
    if len(problems.items) > before:
        return None
    # The rendered pages hold the glossary's explanations: a changed glossary is a change.
    mod.content_hash = _hash_folder(folder, glossary.digest)
    return mod


def _read_parts(folder: Path, mod: ModuleSource, scope: ModuleScope, problems: Problems) -> None:
    """Every registered part's files (the quiz), and no file nobody owns."""
    owned = set(MODULE_FILES)
    for part in registered():
        owned |= part.files
        value = part.read(folder, scope, problems)
        if value is not None:
            mod.parts[part.name] = value
    for extra in sorted(folder.iterdir()):
        if extra.name not in owned and not extra.name.startswith("."):
            files = sorted(n for n in owned if "." in n)
            names = ", ".join(files + sorted(n + "/" for n in owned if "." not in n))
            problems.add(extra, 1, f"unexpected file in a module folder ({names})")


def load_content(path: Path | str | None = None) -> tuple[ContentTree | None, Problems]:
    """Read and check the content at ``path`` (a content root or one module folder)."""
    root = Path(path) if path else Path(settings.CONTENT_DIR)
    problems = Problems(root)
    if not root.exists():
        problems.add(root, 1, "no such file or folder")
        return None, problems
    if (root / "module.yaml").is_file():
        module_dirs = [root]
        # industries.yaml and glossary.yaml: the module's own tree's, else the site's
        own = root.resolve().parent
        shared = own if (own / "industries.yaml").is_file() else Path(settings.CONTENT_DIR)
    else:
        module_dirs = [
            d for d in sorted(root.iterdir()) if d.is_dir() and not d.name.startswith((".", "_"))
        ]
        shared = root
        for d in module_dirs:
            if not (d / "module.yaml").is_file():
                problems.add(d / "module.yaml", 1, "a module folder needs a module.yaml")
        module_dirs = [d for d in module_dirs if (d / "module.yaml").is_file()]
    industries = _read_industries(shared / "industries.yaml", problems)
    glossary = read_glossary(shared / "glossary.yaml", problems)
    known = [ind.slug for ind in industries]  # in the file's order
    modules = [m for m in (_read_module(d, known, glossary, problems) for d in module_dirs) if m]
    if problems:
        return None, problems
    return ContentTree(industries, modules), problems
