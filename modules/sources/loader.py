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
from modules.sources.industries import IndustrySource, read_industries
from modules.sources.meta import CONTENT_LANGUAGES, DEFAULT_FOLLOW_UP_MONTHS, read_module_meta
from modules.sources.pages import read_page
from modules.sources.parts import ModuleScope, registered

__all__ = ["CONTENT_LANGUAGES", "DEFAULT_FOLLOW_UP_MONTHS", "ContentTree", "load_content"]
from modules.sources.problems import Problems
from modules.sources.yamlfile import load_yaml

MODULE_FILES = {"module.yaml", "pages"}  # and the registered parts' files
PAGE_FILE_RE = re.compile(
    r"^(?P<key>[a-z0-9-]+)\.(?P<lang>[a-z]{2})(?P<rest>(?:\.[a-z0-9_-]+){0,2})\.md$"
)


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


def _qualifiers(path: Path, rest: str, mod: ModuleSource, industries: list[str], problems):
    """A variant file's industry and role (``<page>.<lang>.<industry>.<role>.md``), and
    whether its name is wrong (each problem is reported)."""
    roles = set(mod.meta["roles"])
    allowed = industries if mod.meta["industries"] == "all" else set(mod.meta["industries"])
    industry = role = ""
    bad = False
    for q in (q for q in rest.split(".") if q):
        if q in roles and not role:
            role = q
        elif q in allowed and not industry and not role:
            industry = q
        else:
            known = "role" if q in ROLE_SLUGS else "industry" if q in industries else None
            if q in allowed and role:
                why = f"the industry '{q}' must come before the role '{role}'"
            elif known:
                why = f"the module has no {known} '{q}'"
            else:
                why = f"'{q}' is no industry or role"
            problems.add(path, 1, f"{why} (variants are <page>.<lang>.<industry>.<role>.md)")
            bad = True
    return industry, role, bad


def _read_variant(path, folder, mod, industries, glossary, problems) -> PageSource | None:
    match = PAGE_FILE_RE.match(path.name)
    if not match:
        problems.add(path, 1, "page files are named <page>.<lang>[.<industry>][.<role>].md")
        return None
    key, lang = match["key"], match["lang"]
    industry, role, bad = _qualifiers(path, match["rest"], mod, industries, problems)
    if key not in mod.pages:
        problems.add(path, 1, f"page '{key}' is not listed in module.yaml pages")
        bad = True
    if lang not in mod.meta["languages"]:
        problems.add(path, 1, f"language '{lang}' is not in the module's languages")
        bad = True
    page = read_page(path, lang, glossary, problems)
    if bad or page is None:
        return None
    source = str(path.relative_to(folder.parent))
    return PageSource(
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


def _read_pages(
    folder: Path, mod: ModuleSource, industries: list[str], glossary: Glossary, problems: Problems
) -> None:
    pages_dir = folder / "pages"
    if not pages_dir.is_dir():
        problems.add(folder / "module.yaml", 1, "the module has no pages/ folder")
        return
    for path in sorted(pages_dir.iterdir()):
        variant = _read_variant(path, folder, mod, industries, glossary, problems)
        if variant is not None:
            mod.variants.append(variant)
    for key in mod.pages:
        for lang in mod.meta["languages"]:
            if not (pages_dir / f"{key}.{lang}.md").exists():
                problems.add(
                    folder / "module.yaml",
                    mod.meta["_pages_line"],
                    f"page '{key}' has no file pages/{key}.{lang}.md",
                )


def _read_module(
    folder: Path, industries: list[str], glossary: Glossary, problems: Problems
) -> ModuleSource | None:
    doc = load_yaml(folder / "module.yaml", problems)
    if doc is None or f.require_mapping(doc, (), problems) is None:
        return None
    before = len(problems.items)
    meta, major, pages = read_module_meta(doc, folder, industries, problems)
    if len(problems.items) > before:
        return None
    mod = ModuleSource(slug=meta["slug"], meta=meta, major=major, pages=pages)
    _read_pages(folder, mod, industries, glossary, problems)
    offered = list(industries) if meta["industries"] == "all" else list(meta["industries"])
    scope = ModuleScope(meta["languages"], meta["roles"], offered, set(industries))
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


def _check_refreshes(modules: list[ModuleSource], root: Path, problems: Problems) -> None:
    """``refreshes`` names a module of the same tree (a folder beside this one)."""
    known = {d.name for d in root.iterdir() if (d / "module.yaml").is_file()}
    for mod in modules:
        target = mod.meta["refreshes"]
        if target and target not in known:
            problems.add(
                root / mod.slug / "module.yaml",
                mod.meta["_refreshes_line"],
                f"refreshes: unknown module '{target}' (no folder {target}/ with a module.yaml)",
            )


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
    industries = read_industries(shared / "industries.yaml", problems)
    glossary = read_glossary(shared / "glossary.yaml", problems)
    known = [ind.slug for ind in industries]  # in the file's order
    modules = [m for m in (_read_module(d, known, glossary, problems) for d in module_dirs) if m]
    _check_refreshes(modules, root if module_dirs != [root] else root.resolve().parent, problems)
    if problems:
        return None, problems
    return ContentTree(industries, modules), problems
