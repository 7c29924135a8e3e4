"""Reading and checking a module's quiz: ``quiz.yaml`` and the ``questions/`` folder
(format: ``modules/content/README.md``)."""

from dataclasses import dataclass, field
from pathlib import Path

from modules.sources import fields as f
from modules.sources.markup import render_inline
from modules.sources.problems import Problems
from modules.sources.yamlfile import YamlDoc, load_yaml
from quizzes.models import QuestionType
from quizzes.pool import DrawRule
from quizzes.qualifiers import QuizScope, check_pools, read_qualifiers

QUIZ_KEYS = {"pass_mark", "max_attempts", "draw", "questions"}
DRAW_KEYS = {"count", "min_scenarios", "min_industry"}
QUESTION_KEYS = {"id", "type", "industries", "roles", "prompt", "case", "choices"}
KEY_LENGTH = 40
CHOICE_KEYS = {"id", "text", "correct", "feedback"}
CHOICE_LIMITS = {
    QuestionType.SINGLE_CHOICE: (2, 6),
    QuestionType.SCENARIO: (2, 6),
    QuestionType.MULTIPLE_CHOICE: (2, 8),
    QuestionType.TRUE_FALSE: (2, 2),
}


@dataclass
class ChoiceSource:
    key: str
    text: dict[str, str]
    feedback: dict[str, str]
    correct: bool


@dataclass
class QuestionSource:
    key: str
    type: str
    prompt: dict[str, str]
    case: dict[str, str]
    choices: list[ChoiceSource] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    file: Path | None = None
    line: int = 1


@dataclass
class QuizSource:
    pass_mark: int
    max_attempts: int
    questions: list[QuestionSource] = field(default_factory=list)
    draw: DrawRule | None = None


def _html(mapping: dict[str, str] | None) -> dict[str, str]:
    return {lang: render_inline(value) for lang, value in (mapping or {}).items()}


def _read_choice(
    doc: YamlDoc, path: tuple, qtype: str, languages: list[str], problems: Problems
) -> ChoiceSource | None:
    if f.require_mapping(doc, path, problems) is None:
        return None
    f.unknown_keys(doc, path, CHOICE_KEYS, problems)
    key = f.get(doc, (*path, "id"))
    if isinstance(key, bool) and qtype == QuestionType.TRUE_FALSE:
        key = "true" if key else "false"  # YAML reads a bare true/false as a boolean
    if not isinstance(key, str) or not f.KEY_RE.match(key):
        problems.add(
            doc.path, doc.line(*path, "id"), f"{f.dotted(path)}.id must be a short lower-case id"
        )
        key = None
    correct = f.get(doc, (*path, "correct"))
    if correct is None:
        correct = False
    elif not isinstance(correct, bool):
        problems.add(doc.path, doc.line(*path, "correct"), "correct must be true or false")
        correct = False
    if qtype == QuestionType.TRUE_FALSE and f.get(doc, (*path, "text")) is None:
        text: dict | None = {}
    else:
        text = f.lang_map(doc, (*path, "text"), languages, problems)
    feedback = f.lang_map(doc, (*path, "feedback"), languages, problems)
    if key is None or text is None or feedback is None:
        return None
    return ChoiceSource(key, _html(text), _html(feedback), correct)


def _check_choices(
    doc: YamlDoc, path: tuple, qtype: str, choices: list[ChoiceSource], problems: Problems
) -> None:
    where = doc.line(*path, "choices")
    keys = [c.key for c in choices]
    for key in {k for k in keys if keys.count(k) > 1}:
        problems.add(doc.path, where, f"choice id '{key}' is used twice")
    correct = sum(1 for c in choices if c.correct)
    if qtype == QuestionType.MULTIPLE_CHOICE:
        if correct < 1:
            problems.add(doc.path, where, "a multiple_choice question needs a correct choice")
    elif correct != 1:
        problems.add(doc.path, where, f"a {qtype} question needs exactly one correct choice")
    if qtype == QuestionType.TRUE_FALSE and sorted(keys) != ["false", "true"]:
        problems.add(doc.path, where, "a true_false question has choices 'true' and 'false'")


def _read_question(
    doc: YamlDoc, path: tuple, scope: QuizScope, problems: Problems
) -> QuestionSource | None:
    if f.require_mapping(doc, path, problems) is None:
        return None
    languages = scope.languages
    f.unknown_keys(doc, path, QUESTION_KEYS, problems)
    key = f.get(doc, (*path, "id"))
    if not isinstance(key, str) or not f.KEY_RE.match(key) or len(key) > KEY_LENGTH:
        problems.add(
            doc.path,
            doc.line(*path, "id"),
            f"{f.dotted(path)}.id must be a short lower-case id (at most {KEY_LENGTH} characters)",
        )
        key = None
    industries = read_qualifiers(doc, path, "industries", scope, problems)
    roles = read_qualifiers(doc, path, "roles", scope, problems)
    qtype = f.get(doc, (*path, "type"))
    if qtype not in QuestionType.values:
        problems.add(
            doc.path,
            doc.line(*path, "type"),
            f"type must be one of {', '.join(QuestionType.values)}, not {qtype!r}",
        )
        return None
    prompt = f.lang_map(doc, (*path, "prompt"), languages, problems)
    case = f.lang_map(
        doc, (*path, "case"), languages, problems, required=qtype == QuestionType.SCENARIO
    )
    raw_choices = f.get(doc, (*path, "choices"))
    low, high = CHOICE_LIMITS[qtype]
    if not isinstance(raw_choices, list) or not low <= len(raw_choices) <= high:
        count = len(raw_choices) if isinstance(raw_choices, list) else 0
        problems.add(
            doc.path,
            doc.line(*path, "choices"),
            f"a {qtype} question needs {low} to {high} choices, found {count}",
        )
        return None
    choices = [
        _read_choice(doc, (*path, "choices", i), qtype, languages, problems)
        for i in range(len(raw_choices))
    ]
    if any(c is None for c in choices):
        return None
    _check_choices(doc, path, qtype, choices, problems)
    if key is None or prompt is None or (qtype == QuestionType.SCENARIO and case is None):
        return None
    return QuestionSource(
        key,
        qtype,
        _html(prompt),
        _html(case),
        choices,
        industries=industries,
        roles=roles,
        file=doc.path,
        line=doc.line(*path, "id"),
    )


def _read_list(doc: YamlDoc, scope: QuizScope, problems: Problems) -> list[QuestionSource]:
    raw = f.get(doc, ("questions",))
    questions = [_read_question(doc, ("questions", i), scope, problems) for i in range(len(raw))]
    return [q for q in questions if q]


def _read_draw(doc: YamlDoc, problems: Problems) -> DrawRule | None:
    if f.get(doc, ("draw",)) is None or f.require_mapping(doc, ("draw",), problems) is None:
        return None
    f.unknown_keys(doc, ("draw",), DRAW_KEYS, problems)
    count = f.integer(doc, ("draw", "count"), problems, 1, 100)
    if count is None:
        return None
    mins = [
        f.integer(doc, ("draw", key), problems, 0, count, required=False) or 0
        for key in ("min_scenarios", "min_industry")
    ]
    return DrawRule(count, *mins)


def _questions_folder(folder: Path, scope: QuizScope, problems: Problems) -> list[QuestionSource]:
    """Every ``questions/*.yaml``: a mapping with one key, ``questions``, a list."""
    out: list[QuestionSource] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if not path.is_file() or path.suffix != ".yaml":
            problems.add(path, 1, "questions/ holds only question files named <name>.yaml")
            continue
        doc = load_yaml(path, problems)
        if doc is None or f.require_mapping(doc, (), problems) is None:
            continue
        f.unknown_keys(doc, (), {"questions"}, problems)
        raw = f.get(doc, ("questions",))
        if not isinstance(raw, list) or not raw:
            problems.add(path, doc.line("questions"), "questions must be a non-empty list")
            continue
        out += _read_list(doc, scope, problems)
    return out


def _check_ids(questions: list[QuestionSource], problems: Problems) -> None:
    """Question ids are unique in the whole pool, across quiz.yaml and questions/."""
    first: dict[str, QuestionSource] = {}
    for q in questions:
        if q.key in first:
            where = f"{first[q.key].file.name}:{first[q.key].line}"
            if first[q.key].file != q.file:
                where = f"{first[q.key].file.parent.name}/{where}"
            problems.add(q.file, q.line, f"question id '{q.key}' is used twice (first at {where})")
        else:
            first[q.key] = q


def read_quiz(folder: Path, scope: QuizScope, problems: Problems) -> QuizSource | None:
    """Check a module folder's ``quiz.yaml`` and ``questions/``; return the rendered quiz,
    or None if there is none or it has problems."""
    quiz_path, questions_dir = folder / "quiz.yaml", folder / "questions"
    if not quiz_path.exists():
        if questions_dir.exists():
            problems.add(questions_dir, 1, "a questions/ folder needs a quiz.yaml (the settings)")
        return None
    before = len(problems.items)
    doc = load_yaml(quiz_path, problems)
    if doc is None or f.require_mapping(doc, (), problems) is None:
        return None
    f.unknown_keys(doc, (), QUIZ_KEYS, problems)
    pass_mark = f.integer(doc, ("pass_mark",), problems, 1, 100)
    max_attempts = f.integer(doc, ("max_attempts",), problems, 0, 100)
    rule = _read_draw(doc, problems)
    raw = f.get(doc, ("questions",))
    has_folder = questions_dir.is_dir()
    questions: list[QuestionSource] = []
    if isinstance(raw, list) and raw:
        questions = _read_list(doc, scope, problems)
    elif raw is not None or not has_folder:
        problems.add(doc.path, doc.line("questions"), "questions must be a non-empty list")
    if has_folder:
        questions += _questions_folder(questions_dir, scope, problems)
    elif questions_dir.exists():
        problems.add(questions_dir, 1, "questions must be a folder of question files")
    _check_ids(questions, problems)
    if len(problems.items) > before:
        return None
    check_pools(questions, rule, scope, doc.path, doc.line("draw"), problems)
    if len(problems.items) > before:
        return None
    return QuizSource(pass_mark, max_attempts, questions, rule)
