"""The refresher "Oppfriskning" (issue 11): a short module that refreshes the core module
for the same learners, in every language the core has, with a short quiz of mostly
scenarios. Its drawn attempts are checked in test_library_quiz.py with the core's."""

from pathlib import Path

import yaml

from modules.sources.frontmatter import strip_front_matter
from modules.sources.plain import lix
from quizzes.pool import SCENARIO, pool_of
from tests.content.conftest import CORE_MODULE, REFRESHER_MODULE

MAX_LIX = 40
# Industries whose learners see their own workplace in the refresher's cases.
CASE_INDUSTRIES = ("barnehage", "bygg-og-anlegg", "renhold", "overnatting-og-servering")


def test_it_refreshes_the_core_module_for_the_same_learners(refresher, core):
    assert refresher.meta["refreshes"] == CORE_MODULE
    assert set(refresher.roles) == set(core.roles)
    assert refresher.meta["industries"] == core.meta["industries"] == "all"
    assert set(core.languages) <= set(refresher.languages)
    assert refresher.meta["minutes"] <= 15 < core.meta["minutes"]


def test_the_loader_reads_refreshes(tree):
    module = next(m for m in tree.modules if m.slug == REFRESHER_MODULE)
    assert module.meta["refreshes"] == CORE_MODULE


def test_every_language_has_every_page(refresher):
    pages = refresher.folder / "pages"
    missing = [
        f"{page}.{lang}.md"
        for page in refresher.pages
        for lang in refresher.languages
        if not (pages / f"{page}.{lang}.md").is_file()
    ]
    assert not missing, missing


def test_every_industry_works_and_some_see_their_own_cases(refresher, industry_slugs):
    for industry in industry_slugs:
        for lang in refresher.languages:
            for role in refresher.roles:
                for page in refresher.pages:
                    assert refresher.shown_page(page, lang, industry, role) is not None
    for industry in CASE_INDUSTRIES:
        for lang in refresher.languages:
            shown = refresher.shown_page("saker", lang, industry, "leader")
            assert shown.name == f"saker.{lang}.{industry}.md"


def _bokmal_pages(refresher) -> list[Path]:
    pages = refresher.folder / "pages"
    return sorted(pages.glob("*.nb.md")) + sorted(pages.glob("*.nb.*.md"))


def test_every_bokmal_page_reads_easily(refresher):
    hard = {
        path.name: round(value, 1)
        for path in _bokmal_pages(refresher)
        if (value := lix(strip_front_matter(path.read_text("utf-8")))) > MAX_LIX
    }
    assert not hard, f"LIX above {MAX_LIX}: {hard}"


def test_the_quiz_is_short_with_mostly_scenarios(tree, industry_slugs):
    module = next(m for m in tree.modules if m.slug == REFRESHER_MODULE)
    quiz = module.parts["quiz"]
    assert quiz.pass_mark == 80
    assert 6 <= quiz.draw.count <= 8
    assert quiz.draw.min_scenarios >= 0.6 * quiz.draw.count
    for industry in industry_slugs:
        for role in module.meta["roles"]:
            pool = pool_of(quiz.questions, industry, role)
            assert len(pool) > quiz.draw.count  # a retry is not the same paper
            assert sum(q.type == SCENARIO for q in pool) >= quiz.draw.min_scenarios


def test_every_choice_explains_itself_in_every_language(refresher):
    data = yaml.safe_load((refresher.folder / "quiz.yaml").read_text("utf-8"))
    for question in data["questions"]:
        for choice in question["choices"]:
            for lang in refresher.languages:
                assert choice["feedback"][lang].strip(), (question["id"], choice["id"], lang)
