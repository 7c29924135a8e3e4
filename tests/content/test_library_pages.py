"""The shipped library's pages: every language has every page and every variant, every
industry sees its own pages in the core module, and no internal link is broken."""

import re

from django.urls import Resolver404, resolve

from modules.sources.frontmatter import strip_front_matter
from tests.content.conftest import offered_industries

# The core module's pages that every industry gets in its own version (issue 11).
INDUSTRY_PAGES = ("intro", "faktorer", "i-praksis")
HREF_RE = re.compile(r'href="([^"]*)"')
ID_RE = re.compile(r'\bid="([^"]*)"')


def test_every_industry_has_its_own_pages_in_every_language(core, industry_slugs):
    missing = []
    for industry in offered_industries(core, industry_slugs):
        for page in INDUSTRY_PAGES:
            for lang in core.languages:
                for role in core.roles:
                    shown = core.shown_page(page, lang, industry, role)
                    if shown is None or f".{industry}." not in shown.name:
                        wanted = f"{core.slug}/pages/{page}.{lang}.{industry}.md"
                        seen = shown.name if shown else "nothing"
                        missing.append(f"{wanted} (a {role} in {industry} sees {seen})")
                        break
    assert not missing, "industry pages missing:\n" + "\n".join(missing)


def test_every_language_has_every_page_and_variant(modules):
    """A variant written in one language is written in all the module's languages, so a
    learner who switches language keeps their industry's or role's page."""
    missing = []
    for module in modules:
        names = {p.name for p in (module.folder / "pages").glob("*.md")}
        wanted = {f"{page}.{lang}.md" for page in module.pages for lang in module.languages}
        for name in names:
            page, lang, *qualifiers = name[: -len(".md")].split(".")
            if lang in module.languages and page in module.pages:
                wanted |= {
                    ".".join([page, other, *qualifiers]) + ".md" for other in module.languages
                }
        missing += [f"{module.slug}/pages/{name}" for name in sorted(wanted - names)]
    assert not missing, "page files missing:\n" + "\n".join(missing)


def test_every_page_has_a_title_and_text(modules):
    empty = []
    for module in modules:
        for lang in module.languages:
            for path in sorted((module.folder / "pages").glob(f"*.{lang}.md")) + sorted(
                (module.folder / "pages").glob(f"*.{lang}.*.md")
            ):
                lines = strip_front_matter(path.read_text("utf-8")).strip().splitlines()
                title = lines[0][2:].strip() if lines and lines[0].startswith("# ") else ""
                if not title or not "\n".join(lines[1:]).strip():
                    empty.append(f"{module.slug}/pages/{path.name}")
    assert not empty, "pages without a '# Title' and text:\n" + "\n".join(empty)


def _anchors(variant) -> set[str]:
    """The ids a page's links may point at: in its body and in the notes under it."""
    ids = set(ID_RE.findall(variant.html))
    ids |= {f"term-{word['key']}" for word in variant.words}
    if variant.words:
        ids.add("words-heading")
    if variant.sources:
        ids.add("sources-heading")
    return ids


def _broken(href: str, anchors: set[str]) -> str | None:
    if href.startswith(("http://", "https://", "mailto:")) and not href.startswith("//"):
        return None  # external: not followed here
    if href.startswith("#"):
        return None if href[1:] in anchors else "no such anchor on the page"
    if href.startswith("/") and not href.startswith("//"):
        try:
            resolve(href.split("#")[0].split("?")[0])
        except Resolver404:
            return "no such page on the site"
        return None
    return "a relative link goes nowhere in the player (pages are read in order)"


def test_no_broken_internal_links(tree):
    broken = []
    for module in tree.modules:
        for variant in module.variants:
            anchors = _anchors(variant)
            for href in HREF_RE.findall(variant.html):
                why = _broken(href, anchors)
                if why:
                    broken.append(f"{variant.source}: link to {href!r}: {why}")
    assert not broken, "broken links:\n" + "\n".join(broken)
