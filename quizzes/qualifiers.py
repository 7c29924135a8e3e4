"""Checks of the questions' ``industries``/``roles`` qualifiers and of every learner's pool."""

from pathlib import Path

from base.roles import ROLE_SLUGS
from modules.sources import fields as f
from modules.sources.parts import ModuleScope
from modules.sources.problems import Problems
from modules.sources.yamlfile import YamlDoc
from quizzes.pool import DrawRule, pool_of, shortfall

QuizScope = ModuleScope  # the module's languages, roles and industries


def read_qualifiers(
    doc: YamlDoc, path: tuple, key: str, scope: QuizScope, problems: Problems
) -> list[str]:
    """A question's ``industries`` or ``roles``: a list the module offers, or [] (everyone)."""
    raw = f.get(doc, (*path, key))
    if raw is None:
        return []
    kind = "industry" if key == "industries" else "role"
    allowed = scope.industries if kind == "industry" else scope.roles
    known = scope.known_industries if kind == "industry" else set(ROLE_SLUGS)
    where = doc.line(*path, key)
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
        problems.add(doc.path, where, f"{key} must be a list of {kind} slugs, e.g. [{allowed[0]}]")
        return []
    out: list[str] = []
    for i, value in enumerate(raw):
        line = doc.line(*path, key, i)
        if value in out:
            problems.add(doc.path, line, f"{key}: '{value}' is listed twice")
        elif value in allowed:
            out.append(value)
        elif value in known:
            problems.add(doc.path, line, f"{key}: the module has no {kind} '{value}'")
        else:
            hint = (
                "see industries.yaml" if kind == "industry" else f"roles: {', '.join(ROLE_SLUGS)}"
            )
            problems.add(doc.path, line, f"{key}: '{value}' is no {kind} ({hint})")
    return out


def _describe(combos: list[tuple[str, str]], scope: QuizScope) -> str:
    """'barnehage (every role), renhold (leader, union_rep)', or 'every industry and role'."""
    if len(combos) == len(scope.industries) * len(scope.roles) and len(scope.industries) > 1:
        return "every industry and role"
    parts = []
    for industry in scope.industries:
        roles = [r for ind, r in combos if ind == industry]
        if roles:
            who = "every role" if len(roles) == len(scope.roles) else ", ".join(roles)
            parts.append(f"{industry} ({who})")
    return ", ".join(parts)


def _needs(rule: DrawRule, counts: dict[str, int]) -> str:
    have = [f"{counts['questions']} questions (needs {rule.count})"]
    if rule.min_scenarios:
        have.append(f"{counts['scenarios']} scenarios (needs {rule.min_scenarios})")
    if rule.min_industry:
        have.append(f"{counts['industry']} for the industry (needs {rule.min_industry})")
    text = ", ".join(have)
    if (
        counts["questions"] >= rule.count
        and counts["scenarios"] >= rule.min_scenarios
        and counts["industry"] >= rule.min_industry
    ):
        text += (
            f"; only {counts['both']} scenarios are for the industry, too few to fit both"
            f" minimums into {rule.count} questions"
        )
    return text


def check_pools(
    questions: list, rule: DrawRule | None, scope: QuizScope, file: Path, line: int, problems
) -> None:
    """Every industry-and-role combination the module offers can draw an attempt.

    Without ``draw`` an attempt has all the learner's questions, so each pool needs one.
    Combinations short in the same way share one problem.
    """
    needed = rule or DrawRule(1)
    groups: dict[str, list[tuple[str, str]]] = {}
    for industry in scope.industries:
        for role in scope.roles:
            counts = shortfall(pool_of(questions, industry, role), needed, industry)
            if counts is not None:
                groups.setdefault(_needs(needed, counts), []).append((industry, role))
    for text, combos in groups.items():
        if rule is None:
            message = f"no questions for {_describe(combos, scope)}: add questions without"
            message += " industries/roles, or ones for them"
        else:
            message = f"draw: too few questions for {_describe(combos, scope)}: the pool has {text}"
        problems.add(file, line, message)
