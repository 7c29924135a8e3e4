"""Plain-language checks: LIX (läsbarhetsindex) of bokmål pages and questions, and
whether the correct choice gives itself away by being the longest.

LIX = words per sentence + 100 × long words (more than 6 letters) / words. The same
counting as the writers' tool: front matter, link targets, HTML tags and Markdown
punctuation are ignored, and a line without end punctuation (a heading, a list item)
ends a sentence.
"""

import html
import re
from pathlib import Path

from modules.sources.frontmatter import strip_front_matter
from modules.sources.problems import Problems

LIX_LANGUAGE = "nb"
LIX_WARNING = 40
LIX_ERROR = 45
_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ0-9ÆØÅæøåąćęłńóśźżĄĆĘŁŃÓŚŹŻ§-]+")
_LETTER_RE = re.compile(r"[A-Za-zÀ-ÿ]")
_SENTENCE_END_RE = re.compile(r"[.!?:;]+(\s|$)")
ONE_CHOICE_TYPES = {"single_choice", "scenario"}


def lix(text: str) -> float:
    """The LIX of Markdown ``text`` (without front matter); 0 for a text without words."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>\n]*>", " ", text)
    text = re.sub(r"[#*_>\[\]`|]", " ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    text = " ".join(ln if re.search(r"[.!?:;]$", ln) else ln + "." for ln in lines)
    words = [w for w in _WORD_RE.findall(text) if _LETTER_RE.search(w)]
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END_RE.findall(text)))
    long = sum(1 for w in words if len(w) > 6)
    return len(words) / sentences + 100 * long / len(words)


def _check(path: Path, line: int, value: float, what: str, problems: Problems) -> None:
    if value > LIX_ERROR:
        problems.add(
            path,
            line,
            f"LIX {value:.1f} for {what} is too hard to read (at most {LIX_ERROR}, "
            f"aim for {LIX_WARNING} or less): shorter sentences, shorter words",
        )
    elif value > LIX_WARNING:
        problems.warn(
            path,
            line,
            f"LIX {value:.1f} for {what} is above {LIX_WARNING}: shorter sentences, shorter words",
        )


def check_page_lix(path: Path, line: int, text: str, language: str, problems: Problems):
    """Check a page's text (title and body) in ``language``; return its LIX or None."""
    if language != LIX_LANGUAGE:
        return None
    value = lix(text)
    _check(path, line, value, "this page", problems)
    return value


def _plain(rendered: str) -> str:
    """Text of rendered inline HTML, ``<br>`` pairs kept as line breaks."""
    return html.unescape(re.sub(r"<[^>]*>", " ", re.sub(r"<br\s*/?>", "\n", rendered))).strip()


def question_text(question, language: str = LIX_LANGUAGE) -> str:
    """Prompt, case, choices and feedback of a loaded question, one part per line."""
    parts = [question.case.get(language, ""), question.prompt.get(language, "")]
    for choice in question.choices:
        parts += [choice.text.get(language, ""), choice.feedback.get(language, "")]
    return "\n".join(_plain(p) for p in parts if p)


def _question_line(question, quiz_path: Path) -> tuple[Path, int]:
    path = getattr(question, "file", None) or quiz_path
    line = getattr(question, "line", None)
    if line is None:
        id_re = re.compile(rf"^\s*-?\s*id:\s*[\"']?{re.escape(question.key)}[\"']?\s*$")
        text = quiz_path.read_text(encoding="utf-8").splitlines() if quiz_path.is_file() else []
        line = next((i + 1 for i, row in enumerate(text) if id_re.match(row)), 1)
    return Path(path), line


def _correct_is_longest(question, language: str) -> bool:
    lengths = [(len(_plain(c.text.get(language, ""))), c.correct) for c in question.choices]
    right = [n for n, correct in lengths if correct]
    wrong = [n for n, correct in lengths if not correct]
    return bool(right and wrong) and right[0] > max(wrong)


def check_quiz(folder: Path, quiz, languages: list[str], problems: Problems) -> None:
    """Plain-language checks of a loaded quiz: LIX per question, and the longest choice."""
    if quiz is None:
        return
    quiz_path = folder / "quiz.yaml"
    if LIX_LANGUAGE in languages:
        for question in quiz.questions:
            path, line = _question_line(question, quiz_path)
            value = lix(question_text(question))
            _check(path, line, value, f"question '{question.key}'", problems)
    language = LIX_LANGUAGE if LIX_LANGUAGE in languages else languages[0]
    one_choice = [q for q in quiz.questions if q.type in ONE_CHOICE_TYPES]
    longest = [q.key for q in one_choice if _correct_is_longest(q, language)]
    if one_choice and len(longest) * 3 > len(one_choice):
        problems.warn(
            quiz_path,
            1,
            f"the correct choice is the longest in {len(longest)} of {len(one_choice)} "
            f"single_choice/scenario questions (at most a third): {', '.join(longest)}; "
            "make a wrong choice as long",
        )


def page_lix_table(root: Path) -> list[tuple[str, float]]:
    """(file, LIX) of every bokmål page file under ``root``, for writers to look at."""
    rows = []
    for path in sorted(root.rglob(f"pages/*.{LIX_LANGUAGE}*.md")):
        if f".{LIX_LANGUAGE}." not in path.name:
            continue
        text = strip_front_matter(path.read_text(encoding="utf-8"))
        rows.append((str(path.relative_to(root)), lix(text)))
    return rows
