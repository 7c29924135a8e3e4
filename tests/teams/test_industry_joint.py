"""An industry's joint-session prompts and example plan items (``industries.yaml`` →
the team's joint-session page), with the small content tree in tests/quizzes/fixtures."""

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from base.roles import Role
from modules.actions import import_content
from modules.models import Industry, ModuleVersion
from modules.sources.loader import load_content
from teams.actions import create_team
from teams.models import Workplace

FIXTURE = Path(__file__).parents[1] / "quizzes" / "fixtures" / "pool"


@pytest.fixture
def root(tmp_path) -> Path:
    path = tmp_path / "content"
    shutil.copytree(FIXTURE, path)
    return path


@pytest.fixture
def version(db) -> ModuleVersion:
    tree, problems = load_content(FIXTURE)
    assert not problems, problems.sorted()
    import_content(tree)
    return ModuleVersion.objects.get(module__slug="pool-test", is_current=True)


def team_in(industry: str, leader, version):
    workplace = Workplace(
        name="Solstua",
        org_number="975312461",
        industry=Industry.objects.get(slug=industry),
        employees=12,
    )
    return create_team(workplace, [Role.LEADER], [version], acting_user=leader)


def edit_industries(root: Path, old: str, new: str) -> None:
    path = root / "industries.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def problems_of(root: Path) -> list[str]:
    tree, problems = load_content(root)
    assert tree is None
    return [f"{p.line}: {p.message}" for p in problems.sorted()]


def test_import_stores_the_rendered_joint_texts(version):
    joint = Industry.objects.get(slug="barnehage").joint
    assert joint["prompts"]["nb"][0] == "Når blir <em>samlingsstunden</em> tung?"
    assert joint["plan_examples"]["en"][1] == "Safety rep: raise lifting at the next meeting."
    assert Industry.objects.get(slug="renhold").joint == {}


def test_the_session_page_shows_the_industry_prompts_after_the_modules(client, version, leader):
    team = team_in("barnehage", leader, version)
    client.force_login(leader)
    soup = BeautifulSoup(
        client.get(reverse("team_session", args=[team.public_id])).content, "html.parser"
    )
    prompts = [li.get_text() for li in soup.select("#prompts-heading + ol li")]
    assert prompts == [
        "Hva er en god dag på jobb?",
        "Når blir samlingsstunden tung?",
        "Hvem tar imot foreldre som er sinte?",
    ]
    examples = soup.select_one("#plan .plan-examples")
    assert examples.select_one("h3").get_text() == "Eksempler på tiltak"
    assert [li.get_text() for li in examples.select("li")] == [
        "Leder: kjøp tre stellebord med heis.",
        "Verneombud: ta opp løft på neste møte.",
    ]


def test_the_plan_form_shows_the_examples_in_english(client, version, leader):
    team = team_in("barnehage", leader, version)
    client.force_login(leader)
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("team_plan_edit", args=[team.public_id]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    examples = soup.select_one(".plan-examples")
    assert examples.select_one("h2").get_text() == "Example plan items"
    assert "Leader: buy three changing tables with a lift." in examples.get_text()


def test_an_industry_without_joint_texts_shows_only_the_modules(client, version, leader):
    team = team_in("renhold", leader, version)
    client.force_login(leader)
    html = client.get(reverse("team_session", args=[team.public_id])).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert [li.get_text() for li in soup.select("#prompts-heading + ol li")] == [
        "Hva er en god dag på jobb?"
    ]
    assert not soup.select(".plan-examples")
    assert "Eksempler på tiltak" not in html


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('      en: ["When does', '      de: ["When does', "joint.prompts.en must be a list"),
        ("    plan_examples:", "    examples:", "unknown key 'examples'"),
        (
            '"Hvem tar imot foreldre som er sinte?"]',
            '"Hvem tar imot foreldre som er sinte?", "En til?"]',
            "joint.prompts must have as many texts in every language",
        ),
        (
            '"Verneombud: ta opp løft på neste møte."]',
            '"Verneombud: ta opp løft på neste møte.", "3", "4", "5", "6", "7"]',
            "joint.plan_examples.nb must be a list of 1 to 6 texts",
        ),
        (
            "    prompts:\n      nb: [",
            "    prompts:\n      nb: 12\n      xx: [",
            "'xx' is no language",
        ),
    ],
)
def test_bad_joint_texts(root, old, new, problem):
    edit_industries(root, old, new)
    found = problems_of(root)
    assert any(problem in p for p in found), found


def test_joint_needs_prompts_or_examples(root):
    text = (root / "industries.yaml").read_text("utf-8")
    start = text.index("  joint:")
    end = text.index("- slug: renhold")
    (root / "industries.yaml").write_text(text[:start] + "  joint: {}\n" + text[end:], "utf-8")
    assert problems_of(root) == ["4: joint needs prompts, plan_examples or both"]


def test_polish_joint_texts_are_optional(root):
    """Like an industry's name, its joint texts may have Polish; where they have none,
    Polish readers get the English ones (base.i18n.pick)."""
    edit_industries(
        root,
        '      en: ["When does *circle time*',
        '      pl: ["Kiedy *poranne koło* jest ciężkie?", "Kto rozmawia ze złymi rodzicami?"]\n'
        '      en: ["When does *circle time*',
    )
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    joint = next(ind for ind in tree.industries if ind.slug == "barnehage").joint
    assert joint["prompts"]["pl"][0] == "Kiedy <em>poranne koło</em> jest ciężkie?"
    assert set(joint["plan_examples"]) == {"nb", "en"}


def test_polish_joint_texts_need_as_many_items(root):
    edit_industries(
        root,
        '      en: ["When does *circle time*',
        '      pl: ["Kiedy *poranne koło* jest ciężkie?"]\n      en: ["When does *circle time*',
    )
    assert problems_of(root) == ["5: [0].joint.prompts must have as many texts in every language"]
