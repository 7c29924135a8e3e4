"""check_content/import_content for questions/, industries/roles on questions and draw.

Every test copies the small tree in ``fixtures/pool`` into ``tmp_path``, changes one
thing and asserts the problem reported: file, line and (part of) the message.
"""

import shutil
from pathlib import Path

import pytest

from modules.actions import import_content
from modules.sources.loader import load_content
from quizzes.models import Question, Quiz
from quizzes.pool import DrawRule

FIXTURE = Path(__file__).parent / "fixtures" / "pool"


@pytest.fixture
def root(tmp_path) -> Path:
    path = tmp_path / "content"
    shutil.copytree(FIXTURE, path)
    return path


def mod(root: Path, name: str = "") -> Path:
    return root / "pool-test" / name


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    hits = [i + 1 for i, line in enumerate(path.read_text("utf-8").splitlines()) if needle in line]
    return hits[nth - 1]


def problems(root: Path) -> list:
    tree, found = load_content(root)
    assert found, "expected problems, content loaded fine"
    assert tree is None
    return found.sorted()


def assert_problem(root: Path, file: Path, line: int, message: str) -> list:
    found = problems(root)
    suffix = str(file.relative_to(root))
    hits = [p for p in found if p.file.endswith(suffix) and p.line == line and message in p.message]
    assert hits, f"no {suffix}:{line}: ...{message}... in:\n" + "\n".join(map(str, found))
    return found


def test_the_fixture_loads_with_its_pool_and_draw(root):
    tree, found = load_content(root)
    assert not found, found.sorted()
    quiz = tree.modules[0].parts["quiz"]
    keys = [q.key for q in quiz.questions]
    # quiz.yaml first, then questions/*.yaml in file-name order
    assert keys == ["q1", "q2", "q3", "q4", "b1", "b2", "b3", "r1", "r2", "r3"]
    by_key = {q.key: q for q in quiz.questions}
    assert by_key["q1"].industries == [] and by_key["q1"].roles == []
    assert by_key["b3"].industries == ["barnehage"] and by_key["b3"].roles == ["safety_rep"]
    assert quiz.draw == DrawRule(4, 2, 1)


def test_import_stores_qualifiers_and_draw(root, db):
    tree, _found = load_content(root)
    import_content(tree)
    quiz = Quiz.objects.get(version__module__slug="pool-test")
    assert (quiz.draw_count, quiz.draw_min_scenarios, quiz.draw_min_industry) == (4, 2, 1)
    r3 = Question.objects.get(quiz=quiz, key="r3")
    assert (r3.industries, r3.roles) == (["renhold"], ["leader"])
    assert quiz.questions.count() == 10


def test_quiz_without_draw_is_stored_without_one(root, db):
    edit(mod(root, "quiz.yaml"), "draw: {count: 4, min_scenarios: 2, min_industry: 1}\n", "")
    tree, found = load_content(root)
    assert not found, found.sorted()
    import_content(tree)
    assert Quiz.objects.get(version__module__slug="pool-test").draw_count is None


def test_question_id_used_twice_across_files_names_both_places(root):
    path = mod(root, "questions/renhold.yaml")
    edit(path, "  - id: r2\n", "  - id: b1\n")
    found = assert_problem(root, path, line_of(path, "- id: b1"), "question id 'b1' is used twice")
    assert any("first at questions/barnehage.yaml:2" in p.message for p in found)


def test_question_id_used_twice_in_quiz_yaml(root):
    path = mod(root, "quiz.yaml")
    edit(path, "  - id: q2\n", "  - id: q1\n")
    assert_problem(root, path, line_of(path, "- id: q1", 2), "(first at quiz.yaml:")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("industries: [barnehage]\n", "industries: [barnehagen]\n", "'barnehagen' is no industry"),
        ("industries: [barnehage]\n", "industries: [sykehus]\n", "no industry 'sykehus'"),
        ("industries: [barnehage]\n", "industries: barnehage\n", "must be a list of industry"),
        ("industries: [barnehage]\n", "industries: [barnehage, barnehage]\n", "listed twice"),
        ("roles: [safety_rep]\n", "roles: [safety]\n", "'safety' is no role (roles: leader"),
    ],
)
def test_bad_qualifiers(root, old, new, message):
    path = mod(root, "questions/barnehage.yaml")
    edit(path, old, new)
    key = new.split(":")[0]
    assert_problem(root, path, line_of(path, key + ":"), message)


def test_role_the_module_does_not_have(root):
    edit(mod(root, "module.yaml"), "roles: [leader, safety_rep, union_rep]", "roles: [leader]")
    path = mod(root, "questions/barnehage.yaml")
    assert_problem(
        root, path, line_of(path, "roles:"), "roles: the module has no role 'safety_rep'"
    )


def test_questions_folder_needs_quiz_yaml(root):
    mod(root, "quiz.yaml").unlink()
    assert_problem(root, mod(root, "questions"), 1, "needs a quiz.yaml")


def test_only_yaml_files_in_questions(root):
    (mod(root, "questions") / "notes.txt").write_text("hei", encoding="utf-8")
    assert_problem(root, mod(root, "questions/notes.txt"), 1, "only question files")


def test_question_file_must_hold_a_list(root):
    path = mod(root, "questions/renhold.yaml")
    path.write_text("questions: []\n", encoding="utf-8")
    assert_problem(root, path, 1, "questions must be a non-empty list")


def test_unknown_key_in_a_question_file(root):
    path = mod(root, "questions/renhold.yaml")
    edit(path, "questions:\n", "pass_mark: 50\nquestions:\n")
    assert_problem(root, path, 1, "unknown key 'pass_mark'")


def test_still_no_other_files_in_a_module_folder(root):
    (mod(root) / "extra.yaml").write_text("a: 1\n", encoding="utf-8")
    assert_problem(root, mod(root, "extra.yaml"), 1, "pages/, questions/")


def test_quiz_yaml_may_leave_the_questions_to_the_folder(root):
    path = mod(root, "quiz.yaml")
    text = path.read_text("utf-8")
    path.write_text(
        text[: text.index("questions:")].replace(
            "count: 4, min_scenarios: 2", "count: 2, min_scenarios: 1"
        ),
        "utf-8",
    )
    tree, found = load_content(root)
    assert not found, found.sorted()
    assert [q.key for q in tree.modules[0].parts["quiz"].questions][0] == "b1"


def test_without_draw_every_learner_needs_a_question(root):
    path = mod(root, "quiz.yaml")
    text = path.read_text("utf-8")
    path.write_text("pass_mark: 75\nmax_attempts: 0\n", "utf-8")
    mod(root, "questions/renhold.yaml").unlink()
    found = assert_problem(root, path, 1, "no questions for renhold (every role)")
    assert len(found) == 1
    assert text  # the original had questions; the folder alone now serves barnehage


def test_draw_too_large_is_one_grouped_problem(root):
    path = mod(root, "quiz.yaml")
    edit(path, "count: 4", "count: 7")
    found = assert_problem(
        root,
        path,
        line_of(path, "draw:"),
        "draw: too few questions for barnehage (leader, union_rep), renhold (safety_rep,"
        " union_rep): the pool has 6 questions (needs 7)",
    )
    assert len(found) == 1


def test_draw_minimums_that_cannot_fit_together(root):
    path = mod(root, "quiz.yaml")
    edit(
        path,
        "{count: 4, min_scenarios: 2, min_industry: 1}",
        "{count: 2, min_scenarios: 2, min_industry: 2}",
    )
    found = problems(root)
    assert len(found) == 2  # barnehage's safety reps have b3, a scenario for barnehage
    assert all("only 1 scenarios are for the industry, too few" in p.message for p in found)


def test_a_shortfall_shared_by_every_combination_says_so(root):
    shutil.rmtree(mod(root, "questions"))
    path = mod(root, "quiz.yaml")
    edit(path, "count: 4, min_scenarios: 2, min_industry: 1", "count: 5")
    found = assert_problem(
        root,
        path,
        line_of(path, "draw:"),
        "draw: too few questions for every industry and role: the pool has 4 questions (needs 5)",
    )
    assert len(found) == 1


def test_draw_scenario_minimum_per_combination(root):
    edit(mod(root, "quiz.yaml"), "min_scenarios: 2", "min_scenarios: 3")
    assert sorted(p.message for p in problems(root)) == [
        "draw: too few questions for barnehage (leader, union_rep), renhold (safety_rep,"
        " union_rep): the pool has 6 questions (needs 4), 2 scenarios (needs 3),"
        " 2 for the industry (needs 1)",
        "draw: too few questions for renhold (leader): the pool has 7 questions (needs 4),"
        " 2 scenarios (needs 3), 3 for the industry (needs 1)",
    ]


@pytest.mark.parametrize(
    ("draw", "message"),
    [
        ("{count: 0}", "draw.count must be a whole number from 1 to 100"),
        ("{count: 4, min_scenarios: 5}", "draw.min_scenarios must be a whole number from 0 to 4"),
        ("{count: 4, min_industry: -1}", "draw.min_industry must be a whole number from 0 to 4"),
        ("{count: 4, min_scenario: 1}", "unknown key 'min_scenario'"),
        ("{min_scenarios: 1}", "draw.count is required"),
        ("10", "draw must be a mapping"),
    ],
)
def test_bad_draw(root, draw, message):
    path = mod(root, "quiz.yaml")
    edit(path, "{count: 4, min_scenarios: 2, min_industry: 1}", draw)
    assert_problem(root, path, line_of(path, "draw:"), message)
