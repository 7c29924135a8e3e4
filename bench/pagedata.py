"""The learner the page benchmarks act as: enrolled in the starter module and a generated
60-page module, with a quiz attempt open and the union rep's seat in a workplace trio
that has a plan. Call ``learner_pages()`` after ``django.setup()`` in a prepared var/."""

import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTER = "arbeidsmiljo-handler-om-arbeidet"
LONG = "bench-long-module"


def make_long_module(target: Path, pages: int) -> None:
    """A copy of the content tree plus a generated module with ``pages`` pages."""
    shutil.copytree(ROOT / "modules" / "content", target)
    folder = target / LONG
    (folder / "pages").mkdir(parents=True)
    keys = [f"p{i}" for i in range(1, pages + 1)]
    (folder / "module.yaml").write_text(
        f'slug: {LONG}\nversion: "1.0"\nlanguages: [nb, en]\n'
        "roles: [leader, safety_rep, union_rep]\nindustries: all\nminutes: 60\n"
        "title: {nb: Lang modul, en: Long module}\nsummary: {nb: Test, en: Test}\n"
        "outcomes: {nb: [Test], en: [Test]}\n"
        f"pages: [{', '.join(keys)}]\n"
    )
    body = "\n\n".join(
        f"Avsnitt {n} med **litt tekst** og [en lenke](https://example.org)." for n in range(8)
    )
    for key in keys:
        for lang in ("nb", "en"):
            (folder / "pages" / f"{key}.{lang}.md").write_text(f"# Side {key}\n\n{body}\n")


@dataclass
class LearnerPages:
    user: object
    enrolments: dict  # module slug -> Enrolment
    page: str  # a module page the learner has seen
    quiz: str  # the quiz's page (attempts, start button)
    attempt: str  # the open attempt's questions
    team: str  # the trio's page


def import_bench_content(var: Path) -> None:
    from modules.actions import import_content
    from modules.sources.loader import load_content

    content = var / "content"
    make_long_module(content, 60)
    tree, problems = load_content(content)
    assert not problems, problems.sorted()
    import_content(tree)


def make_trio(learner, version, industry, n: int = 0):
    """A workplace trio with ``learner`` in the union rep's seat and a plan saved."""
    from django.utils import timezone

    from accounts.models import User
    from teams.actions import accept_invitation, create_team, invite, save_plan
    from teams.models import Workplace

    leader = User.objects.create(email=f"leader{n}@example.test", roles=["leader"])
    safety = User.objects.create(email=f"vo{n}@example.test", roles=["safety_rep"])
    workplace = Workplace(
        name=f"Benk barnehage {n}", org_number="975312461", industry=industry, employees=18
    )
    team = create_team(workplace, ["leader"], [version], acting_user=leader)
    for role, user in (("safety_rep", safety), ("union_rep", learner)):
        token = invite(team.public_id, role, acting_user=leader).token
        accept_invitation(token, acting_user=user)
    due = timezone.localdate() + timedelta(days=20)
    save_plan(
        team.public_id,
        0,
        [
            {"text": f"Tiltak {i}", "owner_role": role, "due_date": due, "done_means": "Gjort"}
            for i, role in enumerate(("leader", "safety_rep", "union_rep"), start=1)
        ],
        acting_user=leader,
    )
    return team


def learner_pages(email: str = "bench@example.test", n: int = 0) -> LearnerPages:
    from accounts.models import User
    from modules.actions import enrol_learner, record_page_view
    from modules.models import Industry, ModuleVersion
    from modules.selectors import learner_pages as pages_of
    from quizzes.actions import start_attempt

    user = User.objects.create(email=email, roles=["union_rep"])
    industry = Industry.objects.get(slug="barnehage")
    versions = {
        slug: ModuleVersion.objects.get(module__slug=slug, is_current=True)
        for slug in (STARTER, LONG)
    }
    team = make_trio(user, versions[STARTER], industry, n)
    enrolments = {
        slug: enrol_learner(user, version, industry, "union_rep")
        for slug, version in versions.items()
    }
    starter = enrolments[STARTER]
    for entry in pages_of(starter)[:2]:
        record_page_view(starter, entry.page, entry.variant.language)
    attempt = start_attempt(starter)
    return LearnerPages(
        user,
        enrolments,
        page=f"/learn/{starter.pk}/page/2/",
        quiz=f"/learn/{starter.pk}/quiz/",
        attempt=f"/learn/{starter.pk}/quiz/{attempt.pk}/",
        team=f"/teams/{team.public_id}/",
    )
