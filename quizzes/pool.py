"""A learner's question pool and the draw of an attempt's questions, as plain functions.

They work on anything with ``key``, ``type``, ``industries`` and ``roles`` (the checked
sources when content is checked, the stored questions when an attempt starts), so the
check and the draw agree on what a pool is and on when a draw is possible.
"""

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

SCENARIO = "scenario"


class PoolQuestion(Protocol):
    key: str
    type: str
    industries: list[str]
    roles: list[str]


@dataclass(frozen=True)
class DrawRule:
    """``count`` questions per attempt, at least ``min_scenarios`` of type scenario and
    at least ``min_industry`` qualified for the learner's industry."""

    count: int
    min_scenarios: int = 0
    min_industry: int = 0


def in_pool(question: PoolQuestion, industry: str, role: str) -> bool:
    """A question without qualifiers is for everyone; one with them, for those they name."""
    return (not question.industries or industry in question.industries) and (
        not question.roles or role in question.roles
    )


def pool_of(questions: Iterable, industry: str, role: str) -> list:
    return [q for q in questions if in_pool(q, industry, role)]


def _kind(question: PoolQuestion, industry: str) -> tuple[bool, bool]:
    return question.type == SCENARIO, industry in question.industries


def _feasible(picked: list, rest: Sequence, rule: DrawRule, industry: str) -> bool:
    """Can ``picked`` be completed from ``rest`` to a draw that meets ``rule``?"""
    slots = rule.count - len(picked)
    if slots < 0 or len(rest) < slots:
        return False
    need_s = max(0, rule.min_scenarios - sum(_kind(q, industry)[0] for q in picked))
    need_i = max(0, rule.min_industry - sum(_kind(q, industry)[1] for q in picked))
    kinds = [_kind(q, industry) for q in rest]
    both = sum(1 for s, i in kinds if s and i)
    only_s = sum(1 for s, i in kinds if s and not i)
    only_i = sum(1 for s, i in kinds if i and not s)
    # Questions that are both a scenario and for the industry count twice: use them first.
    x = min(both, max(need_s, need_i))
    y, z = max(0, need_s - x), max(0, need_i - x)
    return y <= only_s and z <= only_i and x + y + z <= slots


def shortfall(pool: Sequence, rule: DrawRule, industry: str) -> dict[str, int] | None:
    """The pool's counts when no draw can meet ``rule`` from it, else None."""
    if _feasible([], pool, rule, industry):
        return None
    kinds = [_kind(q, industry) for q in pool]
    return {
        "questions": len(pool),
        "scenarios": sum(1 for s, _i in kinds if s),
        "industry": sum(1 for _s, i in kinds if i),
        "both": sum(1 for s, i in kinds if s and i),
    }


def draw(
    pool: Sequence,
    rule: DrawRule,
    industry: str,
    *,
    avoid: Iterable[str] = (),
    rng: random.Random | None = None,
) -> list:
    """Pick ``rule.count`` questions from ``pool`` meeting the minimums, at random.

    Questions whose key is in ``avoid`` (the previous attempt's) come last, so a retry
    gets other questions wherever the pool allows. Goes through the candidates in that
    order and takes each one unless taking it would make the minimums impossible; so the
    minimums are always met when the pool can meet them. A pool that cannot (content
    that was never checked) gives what it has, scenarios and industry questions first.
    """
    rng = rng or random.SystemRandom()
    avoid = set(avoid)
    fresh = [q for q in pool if q.key not in avoid]
    seen = [q for q in pool if q.key in avoid]
    rng.shuffle(fresh)
    rng.shuffle(seen)
    candidates = fresh + seen
    if not _feasible([], candidates, rule, industry):
        candidates.sort(key=lambda q: _kind(q, industry), reverse=True)
        return candidates[: rule.count]
    picked: list = []
    for i, question in enumerate(candidates):
        if len(picked) == rule.count:
            break
        if _feasible([*picked, question], candidates[i + 1 :], rule, industry):
            picked.append(question)
    return picked
