"""Content HTML is sanitised at import: nothing an author (or a compromised repository)
writes can run script in a learner's browser."""

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from base.roles import Role
from modules.actions import enrol_learner, import_content
from modules.models import Industry, ModuleVersion
from modules.sources.loader import load_content
from modules.sources.markup import render_inline, render_markdown
from tests.fixtures import FIXTURE_CONTENT

SLUG = "arbeidsmiljo-handler-om-arbeidet"

VECTORS = [
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param("<SCRIPT SRC=https://evil.test/x.js></SCRIPT>", id="script-src-upper"),
    pytest.param("<img src=x onerror=alert(1)>", id="img-onerror"),
    pytest.param("<svg onload=alert(1)>", id="svg-onload"),
    pytest.param(
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', id="svg-xlink"
    ),
    pytest.param("<iframe src='https://evil.test'></iframe>", id="iframe"),
    pytest.param("<iframe srcdoc='<script>alert(1)</script>'></iframe>", id="iframe-srcdoc"),
    pytest.param("<object data='https://evil.test/x.swf'></object>", id="object"),
    pytest.param("<embed src='https://evil.test/x.swf'>", id="embed"),
    pytest.param("<style>body{display:none}</style>", id="style-element"),
    pytest.param('<p style="background:url(javascript:alert(1))">x</p>', id="style-attribute"),
    pytest.param('<a href="https://example.com" style="position:fixed">x</a>', id="a-style"),
    pytest.param("[x](javascript:alert(1))", id="md-link-javascript"),
    pytest.param("[x](JAVASCRIPT:alert(1))", id="md-link-javascript-upper"),
    pytest.param("[x](  javascript:alert(1))", id="md-link-javascript-spaces"),
    pytest.param("[x](vbscript:msgbox(1))", id="md-link-vbscript"),
    pytest.param(
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", id="md-link-data"
    ),
    pytest.param("[y][x]\n\n[x]: javascript:alert(1)", id="md-reference-link"),
    pytest.param("<javascript:alert(1)>", id="md-autolink-javascript"),
    pytest.param('<a href="jav&#x09;ascript:alert(1)">x</a>', id="a-tab-entity"),
    pytest.param('<a href="&#106;avascript:alert(1)">x</a>', id="a-decimal-entity"),
    pytest.param("<a href='java\nscript:alert(1)'>x</a>", id="a-newline"),
    pytest.param('<a href="javascript&colon;alert(1)">x</a>', id="a-colon-entity"),
    pytest.param('<a href="#" onclick="alert(1)">x</a>', id="a-onclick"),
    pytest.param('<a href="#" ONMOUSEOVER="alert(1)">x</a>', id="a-onmouseover-upper"),
    pytest.param(
        '<form action="https://evil.test"><input name=a onfocus=alert(1) autofocus>'
        "<button formaction=javascript:alert(1)>go</button></form>",
        id="form-input",
    ),
    pytest.param(
        '<meta http-equiv="refresh" content="0;url=https://evil.test">', id="meta-refresh"
    ),
    pytest.param('<base href="https://evil.test/">', id="base-href"),
    pytest.param('<link rel="stylesheet" href="https://evil.test/x.css">', id="link"),
    pytest.param("![x](javascript:alert(1))", id="md-image-javascript"),
    pytest.param('<img src="data:image/svg+xml;base64,PHN2Zz4=">', id="img-data"),
    pytest.param("<!-- <script>alert(1)</script> -->", id="comment"),
    pytest.param("<!--><script>alert(1)</script>-->", id="comment-trick"),
    pytest.param("<math><mi xlink:href='javascript:alert(1)'>x</mi></math>", id="math"),
    pytest.param("<details open ontoggle=alert(1)>x</details>", id="details-ontoggle"),
    pytest.param(
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', id="noscript-mxss"
    ),
    pytest.param("<table><tr><td onmouseover=alert(1)>x</td></tr></table>", id="td-handler"),
    pytest.param("<abbr title='AMU' onclick=alert(1)>AMU</abbr>", id="abbr-handler"),
    pytest.param("<video><source onerror=alert(1)></video>", id="video-source"),
    pytest.param("<body onload=alert(1)>", id="body-onload"),
    pytest.param("<x onclick=alert(1)>x</x>", id="unknown-element"),
    pytest.param("**bold <script>alert(1)</script>** *em*", id="script-in-markdown"),
]

FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "meta",
    "base",
    "link",
    "img",
    "svg",
    "math",
    "details",
    "video",
    "source",
    "body",
    "noscript",
}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "srcdoc", "data"}
EVENT_HANDLER = re.compile(r"\son\w+\s*=", re.IGNORECASE)


def _scheme(url: str) -> str:
    """The scheme a browser would see: it strips whitespace and control characters."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def assert_safe(html: str, *, text_may_mention_urls: bool = False) -> None:
    lowered = html.lower()
    assert "<script" not in lowered, html
    assert not EVENT_HANDLER.search(html), html
    if not text_may_mention_urls:
        assert "javascript:" not in lowered, html
    for tag in ("<iframe", "<object", "<embed", "<style", "<form", "<meta", "<base", "<svg"):
        assert tag not in lowered, html
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        assert element.name not in FORBIDDEN_TAGS, html
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), html
            assert name.lower() != "style", html
            if name.lower() in URL_ATTRIBUTES:
                assert _scheme(value) not in {"javascript", "data", "vbscript"}, html


@pytest.mark.parametrize("vector", VECTORS)
def test_render_markdown_removes_active_content(vector):
    assert_safe(render_markdown(vector))


@pytest.mark.parametrize("vector", VECTORS)
def test_render_inline_removes_active_content(vector):
    assert_safe(render_inline(vector))


@pytest.mark.parametrize("vector", VECTORS)
def test_vectors_inside_surrounding_markdown(vector):
    text = f"## Overskrift\n\nFør {vector} etter.\n\n- punkt {vector}\n\n> sitat {vector}\n"
    # Mid-line, '[x]: javascript:...' is no link definition, just harmless text.
    assert_safe(render_markdown(text), text_may_mention_urls=True)


def test_the_sanitiser_is_not_vacuous():
    """The checks above really catch unsafe HTML."""
    for unsafe in (
        "<script>x</script>",
        '<img src=x onerror="x">',
        '<a href="javascript:x">x</a>',
        '<a href=" data:text/html,x">x</a>',
        "<iframe></iframe>",
        '<p style="color:red">x</p>',
    ):
        with pytest.raises(AssertionError):
            assert_safe(unsafe)


def _link(html: str):
    links = BeautifulSoup(html, "html.parser").find_all("a")
    assert len(links) == 1, html
    return links[0]


@pytest.mark.parametrize("render", [render_markdown, render_inline])
@pytest.mark.parametrize(
    "text",
    [
        "[Arbeidstilsynet](https://www.arbeidstilsynet.no/)",
        "[Lovdata](http://lovdata.no/)",
        "[Protokoll-relativ](//evil.test/side)",
        "<https://www.arbeidstilsynet.no/>",
        "Se https://www.arbeidstilsynet.no/ for mer.",
        '<a href="https://evil.test/" rel="opener">x</a>',
    ],
)
def test_external_link_gets_noopener_noreferrer(render, text):
    link = _link(render(text))
    assert link["rel"] == ["noopener", "noreferrer"]
    assert "target" not in link.attrs


@pytest.mark.parametrize("render", [render_markdown, render_inline])
@pytest.mark.parametrize(
    "text",
    [
        "[Neste side](/learn/1/page/2/)",
        "[Katalog](../modules/)",
        "[Avsnitt](#tiltak)",
        "[E-post](mailto:post@example.no)",
        "[Her](http://127.0.0.1:8000/modules/)",
        '<a href="/modules/" rel="opener">x</a>',
    ],
)
def test_relative_and_own_site_links_get_no_rel(render, text, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    link = _link(render(text))
    assert link.get("href")
    assert "rel" not in link.attrs


def test_allowed_markup_survives():
    text = (
        "## Heading two\n\n"
        "### Heading three\n\n"
        "#### Heading four\n\n"
        'A paragraph with *emphasis*, **strong**, `code` and <abbr title="Arbeidsmiljøutvalg">'
        "AMU</abbr>.\n\n"
        "- one\n- two\n\n"
        "1. first\n2. second\n\n"
        "| Role | Task |\n|------|------|\n| Leader | Plans |\n\n"
        "> A quote\n\n"
        "---\n\n"
        '[link](https://example.com/ "Title")\n'
    )
    html = render_markdown(text)
    soup = BeautifulSoup(html, "html.parser")
    for tag in (
        "h2",
        "h3",
        "h4",
        "p",
        "em",
        "strong",
        "code",
        "abbr",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "blockquote",
        "hr",
        "a",
    ):
        assert soup.find(tag) is not None, (tag, html)
    assert soup.find("abbr")["title"] == "Arbeidsmiljøutvalg"
    assert soup.find("a")["title"] == "Title"
    assert soup.find("h2").get_text() == "Heading two"
    assert [li.get_text() for li in soup.find("ol").find_all("li")] == ["first", "second"]
    assert soup.find("td").get_text() == "Leader"


def test_disallowed_markup_keeps_its_text_only():
    html = render_markdown("# Big\n\n##### Small\n\n<div class='x' id='y'><span>kept</span></div>")
    assert "<h1" not in html and "<h5" not in html and "<div" not in html and "<span" not in html
    assert "Big" in html and "Small" in html and "kept" in html


def test_inline_keeps_inline_markup_and_drops_blocks():
    html = render_inline("*em* and **strong** and [a](https://example.com/)\n\nSecond paragraph.")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("em") and soup.find("strong") and soup.find("a")
    assert soup.find("p") is None
    assert "<br><br>Second paragraph." in html  # two paragraphs become a line break pair
    html = render_inline("Text\n\n## not a heading\n\n- nor a list")
    assert "<h2" not in html and "<ul" not in html and "<li" not in html
    assert "not a heading" in html and "nor a list" in html


# --- end to end: from a content file to the learner's browser ---------------------------

PAGE_ATTACK = (
    "\n\nXSS-MARKER før.\n\n<script>alert(1)</script>\n\n"
    "[klikk her](javascript:alert(1))\n\n"
    '<img src=x onerror="alert(2)">\n\n'
    '<iframe src="https://evil.test"></iframe>\n\nXSS-MARKER etter.\n'
)


@pytest.fixture
def attacked_version(tmp_path, db):
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    pages = root / SLUG / "pages"
    for name in ("verktoy.nb.md", "verktoy.en.md"):
        path = pages / name
        title, rest = path.read_text(encoding="utf-8").split("\n", 1)
        path.write_text(title + PAGE_ATTACK + rest, encoding="utf-8")
    quiz = root / SLUG / "quiz.yaml"
    text = quiz.read_text(encoding="utf-8")
    text = text.replace(
        'nb: "Hva handler arbeidsmiljø først og fremst om?"',
        'nb: "Hva handler arbeidsmiljø om? <script>alert(3)</script> [x](javascript:alert(4))"',
    )
    quiz.write_text(text, encoding="utf-8")
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    import_content(tree)
    return ModuleVersion.objects.get(module__slug=SLUG, is_current=True)


def test_script_in_a_page_never_reaches_the_learner(attacked_version, learner, learner_client):
    enrolment = enrol_learner(
        learner, attacked_version, Industry.objects.get(slug="barnehage"), Role.UNION_REP
    )
    number = [p.key for p in attacked_version.pages.order_by("order")].index("verktoy") + 1
    response = learner_client.get(reverse("learn_page", args=[enrolment.pk, number]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "XSS-MARKER før." in html and "XSS-MARKER etter." in html  # the attacked page
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert "<iframe" not in html
    assert "klikk her" in html  # the link text stays, without its href


def test_script_in_a_quiz_prompt_never_reaches_the_learner(
    attacked_version, learner, learner_client
):
    enrolment = enrol_learner(
        learner, attacked_version, Industry.objects.get(slug="barnehage"), Role.UNION_REP
    )
    response = learner_client.post(reverse("quiz_start", args=[enrolment.pk]), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hva handler arbeidsmiljø om?" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
