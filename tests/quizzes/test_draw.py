"""Attempts draw their questions from the learner's pool (fixture tree ``fixtures/pool``).

In the fixture, quiz.yaml has q1-q4 for everyone (q2 is a scenario), questions/ has
b1-b3 for barnehage (b1 and b3 scenarios, b3 only for safety reps) and r1-r3 for
renhold (r1 a scenario, r3 only for leaders); draw: 4 questions, 2 scenarios, 1 for
the industry.
"""

import random
import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from base.roles import Role
from modules.actions import enrol_learner, import_content
from modules.models import Industry, ModuleVersion
from modules.sources.loader import load_content
from quizzes.actions import start_attempt, submit_attempt
from quizzes.models import Attempt, Question, Quiz
from quizzes.pool import DrawRule, draw, pool_of, shortfall
from quizzes.selectors import shown_questions
from tests.factories import UserFactory
from tracking.models import Statement

FIXTURE = Path(__file__).parent / "fixtures" / "pool"
SHARED = {"q1", "q2", "q3", "q4"}
POOLS = {
    ("barnehage", Role.LEADER): SHARED | {"b1", "b2"},
    ("barnehage", Role.SAFETY_REP): SHARED | {"b1", "b2", "b3"},
    ("barnehage", Role.UNION_REP): SHARED | {"b1", "b2"},
    ("renhold", Role.LEADER): SHARED | {"r1", "r2", "r3"},
    ("renhold", Role.SAFETY_REP): SHARED | {"r1", "r2"},
    ("renhold", Role.UNION_REP): SHARED | {"r1", "r2"},
}
SCENARIOS = {"q2", "b1", "b3", "r1"}


def import_tree(root: Path) -> ModuleVersion:
    tree, problems = load_content(root)
    assert not problems, problems.sorted()
    import_content(tree)
    return ModuleVersion.objects.get(module__slug="pool-test", is_current=True)


def edit_quiz(root: Path, old: str, new: str) -> None:
    path = root / "pool-test" / "quiz.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def root(tmp_path) -> Path:
    path = tmp_path / "content"
    shutil.copytree(FIXTURE, path)
    return path


@pytest.fixture
def version(db, root) -> ModuleVersion:
    return import_tree(root)


def enrol(version, industry: str, role: str):
    user = UserFactory(roles=[role])
    return enrol_learner(user, version, Industry.objects.get(slug=industry), role)


def answers(attempt, right: int) -> dict[str, list[str]]:
    """Answers to the attempt's questions: the first ``right`` correct, the rest wrong."""
    out = {}
    for i, question in enumerate(shown_questions(attempt)):
        db_question = Question.objects.get(quiz_id=attempt.quiz_id, key=question.key)
        choices = list(db_question.choices.all())
        pick = next(c for c in choices if c.is_correct == (i < right))
        out[question.key] = [pick.key]
    return out


def meets(keys: list[str], industry: str, rule: DrawRule) -> bool:
    prefix = industry[0]
    return (
        len(keys) == len(set(keys)) == rule.count
        and sum(k in SCENARIOS for k in keys) >= rule.min_scenarios
        and sum(k.startswith(prefix) for k in keys) >= rule.min_industry
    )


# --- the pool ------------------------------------------------------------------------------


@pytest.mark.parametrize(("industry", "role"), list(POOLS))
def test_without_draw_an_attempt_has_the_learners_whole_pool(db, root, industry, role):
    edit_quiz(root, "draw: {count: 4, min_scenarios: 2, min_industry: 1}\n", "")
    attempt = start_attempt(enrol(import_tree(root), industry, role))
    assert set(attempt.question_keys) == POOLS[(industry, role)]
    assert set(attempt.choice_order) == POOLS[(industry, role)]
    assert [q.key for q in shown_questions(attempt)] == attempt.question_keys


@pytest.mark.parametrize(("industry", "role"), list(POOLS))
def test_a_drawn_attempt_stays_in_the_pool_and_meets_the_minimums(version, industry, role):
    attempt = start_attempt(enrol(version, industry, role))
    keys = attempt.question_keys
    assert set(keys) <= POOLS[(industry, role)]
    assert meets(keys, industry, DrawRule(4, 2, 1))
    orders = list(
        Question.objects.filter(quiz=attempt.quiz, key__in=keys).values_list("key", flat=True)
    )
    assert keys == orders  # shown in the quiz's order
    assert set(attempt.choice_order) == set(keys)


@pytest.mark.parametrize(
    "rule", [DrawRule(4, 2, 1), DrawRule(3, 2, 2), DrawRule(5, 1, 2), DrawRule(6, 2, 2)]
)
def test_minimums_are_met_for_every_seed(version, rule):
    questions = list(Quiz.objects.get(version=version).questions.all())
    for (industry, role), expected in POOLS.items():
        pool = pool_of(questions, industry, role)
        assert {q.key for q in pool} == expected
        assert shortfall(pool, rule, industry) is None  # check_content would accept it
        for seed in range(300):
            previous = [q.key for q in random.Random(-seed).sample(pool, 3)]
            picked = draw(pool, rule, industry, avoid=previous, rng=random.Random(seed))
            assert meets([q.key for q in picked], industry, rule), (industry, role, seed)


def test_the_draw_varies():
    class Q:
        def __init__(self, key):
            self.key, self.type, self.industries, self.roles = key, "single_choice", [], []

    pool = [Q(f"q{i}") for i in range(10)]
    draws = {
        frozenset(q.key for q in draw(pool, DrawRule(3), "x", rng=random.Random(seed)))
        for seed in range(50)
    }
    assert len(draws) > 20


def test_a_pool_that_cannot_meet_the_minimums_gives_what_it_has():
    class Q:
        def __init__(self, key, qtype):
            self.key, self.type, self.industries, self.roles = key, qtype, [], []

    pool = [Q("a", "single_choice"), Q("b", "scenario"), Q("c", "single_choice")]
    picked = draw(pool, DrawRule(2, 2, 0), "x", rng=random.Random(1))
    assert [q.key for q in picked][0] == "b" and len(picked) == 2


# --- retries ---------------------------------------------------------------------------------


def _retry(enrolment):
    first = start_attempt(enrolment)
    submit_attempt(first, answers(first, 0))
    return first, start_attempt(enrolment)


def test_a_retry_gets_other_questions_when_the_pool_allows(db, root):
    edit_quiz(root, "{count: 4, min_scenarios: 2, min_industry: 1}", "{count: 3}")
    version = import_tree(root)
    for _ in range(10):  # renhold leaders have 7 questions: two draws of 3 never meet
        first, second = _retry(enrol(version, "renhold", Role.LEADER))
        assert not set(first.question_keys) & set(second.question_keys)


def test_a_retry_repeats_only_what_the_minimums_need(version):
    # barnehage leaders: 6 questions, both scenarios (q2, b1) must be in every draw of 4
    for _ in range(10):
        first, second = _retry(enrol(version, "barnehage", Role.LEADER))
        assert set(first.question_keys) & set(second.question_keys) == {"q2", "b1"}
        assert meets(second.question_keys, "barnehage", DrawRule(4, 2, 1))


def test_many_attempts_through_the_actions_all_meet_the_minimums(version):
    enrolment = enrol(version, "barnehage", Role.SAFETY_REP)
    for _ in range(25):
        attempt = start_attempt(enrolment)
        assert meets(attempt.question_keys, "barnehage", DrawRule(4, 2, 1))
        submit_attempt(attempt, answers(attempt, 0))


# --- grading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("right", "score", "passed"), [(4, 100, True), (3, 75, True), (2, 50, False)]
)
def test_grading_counts_the_drawn_questions_only(version, right, score, passed):
    enrolment = enrol(version, "renhold", Role.LEADER)
    attempt = start_attempt(enrolment)
    attempt, graded = submit_attempt(attempt, answers(attempt, right))
    assert graded
    assert (attempt.correct_count, attempt.question_count) == (right, 4)
    assert attempt.score == score and attempt.passed is passed  # pass mark 75
    assert attempt.answers.count() == 4
    enrolment.refresh_from_db()
    assert (enrolment.quiz_passed_at is not None) is passed
    verbs = list(Statement.objects.values_list("verb", flat=True))
    assert sum(v.endswith("/answered") for v in verbs) == 4
    assert any(v.endswith("/passed" if passed else "/failed") for v in verbs)


def test_only_the_drawn_questions_need_an_answer(version):
    attempt = start_attempt(enrol(version, "barnehage", Role.LEADER))
    given = answers(attempt, 4)
    given.pop(attempt.question_keys[0])
    with pytest.raises(ValidationError) as exc:
        submit_attempt(attempt, given)
    assert list(exc.value.message_dict) == [attempt.question_keys[0]]
    attempt, _graded = submit_attempt(attempt, answers(attempt, 4))
    assert attempt.question_count == 4


# --- content imported again ------------------------------------------------------------------


def test_an_attempt_keeps_its_questions_across_a_reimport(db, root):
    version = import_tree(root)
    attempt = start_attempt(enrol(version, "barnehage", Role.LEADER))
    before = [(q.key, q.prompt_html, [c.key for c in q.choices]) for q in shown_questions(attempt)]
    # New content: every prompt changes, the barnehage questions and the draw go away.
    (root / "pool-test" / "questions" / "barnehage.yaml").unlink()
    edit_quiz(root, "draw: {count: 4, min_scenarios: 2, min_industry: 1}\n", "")
    path = root / "pool-test" / "quiz.yaml"
    path.write_text(path.read_text("utf-8").replace("Spørsmål", "Nytt spørsmål"), "utf-8")
    assert import_tree(root).pk != version.pk
    attempt = Attempt.objects.get(pk=attempt.pk)
    after = [(q.key, q.prompt_html, [c.key for c in q.choices]) for q in shown_questions(attempt)]
    assert after == before
    attempt, _graded = submit_attempt(attempt, answers(attempt, 4))
    assert attempt.score == 100


# --- the pages -------------------------------------------------------------------------------


def _page_queries(root, count: int) -> tuple[int, str]:
    edit_quiz(root, "count: 4, min_scenarios: 2, min_industry: 1", f"count: {count}")
    version = import_tree(root)
    enrolment = enrol(version, "renhold", Role.LEADER)
    attempt = start_attempt(enrolment)
    client = Client()
    client.force_login(enrolment.user)
    url = reverse("attempt", args=[enrolment.pk, attempt.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_attempt_page_query_count_does_not_grow_with_the_draw(db, tmp_path):
    counts = []
    for count in (2, 6):
        root = tmp_path / f"c{count}"
        shutil.copytree(FIXTURE, root)
        n, html = _page_queries(root, count)
        assert html.count('type="radio"') + html.count('type="checkbox"') >= 2 * count
        counts.append(n)
    assert counts[0] == counts[1]


def test_the_quiz_page_says_how_many_questions_an_attempt_has(version):
    enrolment = enrol(version, "barnehage", Role.LEADER)
    client = Client()
    client.force_login(enrolment.user)
    html = client.get(reverse("quiz", args=[enrolment.pk])).content.decode()
    assert "Hvert forsøk har 4 spørsmål, valgt for din bransje og din rolle." in html
