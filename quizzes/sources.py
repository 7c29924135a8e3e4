"""Reading and checking ``quiz.yaml`` (format: ``modules/content/README.md``)."""

from dataclasses import dataclass, field

from modules.sources import fields as f
from modules.sources.markup import render_inline
from modules.sources.problems import Problems
from modules.sources.yamlfile import YamlDoc
from quizzes.models import QuestionType

QUIZ_KEYS = {"pass_mark", "max_attempts", "questions"}
QUESTION_KEYS = {"id", "type", "prompt", "case", "choices"}
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


@dataclass
class QuizSource:
    pass_mark: int
    max_attempts: int
    questions: list[QuestionSource] = field(default_factory=list)


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
    doc: YamlDoc, path: tuple, languages: list[str], problems: Problems
) -> QuestionSource | None:
    if f.require_mapping(doc, path, problems) is None:
        return None
    f.unknown_keys(doc, path, QUESTION_KEYS, problems)
    key = f.get(doc, (*path, "id"))
    if not isinstance(key, str) or not f.KEY_RE.match(key):
        problems.add(
            doc.path, doc.line(*path, "id"), f"{f.dotted(path)}.id must be a short lower-case id"
        )
        key = None
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
    return QuestionSource(key, qtype, _html(prompt), _html(case), choices)


def read_quiz(doc: YamlDoc, languages: list[str], problems: Problems) -> QuizSource | None:
    """Check a parsed ``quiz.yaml``; return its rendered form, or None if it has problems."""
    before = len(problems.items)
    if f.require_mapping(doc, (), problems) is None:
        return None
    f.unknown_keys(doc, (), QUIZ_KEYS, problems)
    pass_mark = f.integer(doc, ("pass_mark",), problems, 1, 100)
    max_attempts = f.integer(doc, ("max_attempts",), problems, 0, 100)
    raw = f.get(doc, ("questions",))
    if not isinstance(raw, list) or not raw:
        problems.add(doc.path, doc.line("questions"), "questions must be a non-empty list")
        return None
    questions = [
        _read_question(doc, ("questions", i), languages, problems) for i in range(len(raw))
    ]
    keys = [q.key for q in questions if q]
    for key in {k for k in keys if keys.count(k) > 1}:
        problems.add(doc.path, doc.line("questions"), f"question id '{key}' is used twice")
    if len(problems.items) > before:
        return None
    return QuizSource(pass_mark, max_attempts, questions)
