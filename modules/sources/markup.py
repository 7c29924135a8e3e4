"""Markdown to safe HTML, done once at import.

Sanitising is an allow-list (bleach): only the tags and attributes below survive;
links may only be http(s) or mailto, so ``javascript:`` and ``data:`` URLs are dropped;
external links get ``rel="noopener noreferrer"``.
"""

from functools import partial
from urllib.parse import urlparse

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.conf import settings

from modules.sources.glossary import unlink_terms

BLOCK_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "pre",
    "hr",
    "br",
}
INLINE_TAGS = {"a", "strong", "em", "code", "abbr", "b", "i"}
ATTRIBUTES = {"a": ["href", "title", "rel"], "abbr": ["title"], "th": ["scope"]}
PROTOCOLS = {"http", "https", "mailto"}


def _site_host() -> str:
    return urlparse(settings.SITE_URL).netloc


def _external_link_rel(attrs: dict, new: bool = False) -> dict:
    href = attrs.get((None, "href"), "")
    parsed = urlparse(href)
    # "//host/path" (no scheme) is external too: the browser adds the page's scheme.
    if parsed.scheme in ("http", "https", "") and parsed.netloc and parsed.netloc != _site_host():
        attrs[(None, "rel")] = "noopener noreferrer"
    else:
        attrs.pop((None, "rel"), None)
    return attrs


def _cleaner(tags: set[str]) -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=tags,
        attributes=ATTRIBUTES,
        protocols=PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[partial(LinkifyFilter, callbacks=[_external_link_rel], parse_email=False)],
    )


_MARKDOWN_EXTENSIONS = ["tables", "sane_lists"]


def sanitise(html: str, *, inline: bool = False) -> str:
    return (
        _cleaner(INLINE_TAGS | {"br"} if inline else BLOCK_TAGS | INLINE_TAGS).clean(html).strip()
    )


def render_markdown(text: str) -> str:
    """Render a page body (block Markdown) to sanitised HTML."""
    html = markdown.markdown(text, extensions=_MARKDOWN_EXTENSIONS, output_format="html")
    return sanitise(html)


def render_inline(text: str) -> str:
    """Render a short text (a question, a choice, feedback) to sanitised HTML.

    Paragraph breaks become ``<br>`` pairs so that a short case can have two paragraphs.
    """
    html = markdown.markdown(
        unlink_terms(text.strip()), extensions=_MARKDOWN_EXTENSIONS, output_format="html"
    )
    html = html.replace("</p>\n<p>", "<br><br>")
    if html.startswith("<p>") and html.endswith("</p>"):
        html = html[3:-4]
    return sanitise(html, inline=True)
