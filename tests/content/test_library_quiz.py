"""The shipped library's quizzes: every question in every language, at least 10 scenarios
per industry in the core module, and every learner's drawn attempt meets the draw rule
and (in the core module and its refresher) has at least 60 % scenarios, first attempt
and retry alike (the real draw)."""

import math
import random
from pathlib import Path

import yaml

from quizzes.pool import SCENARIO, DrawRule, draw, pool_of
from tests.content.conftest import CORE_MODULE, REFRESHER_MODULE, offered_industries

SCENARIOS_PER_INDUSTRY = 10
SCENARIO_SHARE = 0.6
SEEDS = 40


def _quiz_files(folder: Path) -> list[Path]:
    files = [folder / "quiz.yaml"] if (folder / "quiz.yaml").is_file() else []
    return files + sorted((folder / "questions").glob("*.yaml"))


def _missing_texts(question: dict, lang: str) -> list[str]:
    """The parts of a question (as written in YAML) that have no text in ``lang``."""

    def has(mapping) -> bool:
        return isinstance(mapping, dict) and bool(str(mapping.get(lang) or "").strip())

    missing = [] if has(question.get("prompt")) else ["prompt"]
    if question.get("type") == SCENARIO and not has(question.get("case")):
        missing.append("case")
    for choice in question.get("choices") or []:
        cid = choice.get("id")
        if not (question.get("type") == "true_false" and "text" not in choice):
            missing += [] if has(choice.get("text")) else [f"choice {cid} text"]
        missing += [] if has(choice.get("feedback")) else [f"choice {cid} feedback"]
    return missing


def test_every_question_has_text_in_every_module_language(modules):
    missing = []
    for module in modules:
        for path in _quiz_files(module.folder):
            data = yaml.safe_load(path.read_text("utf-8")) or {}
            for question in data.get("questions") or []:
                for lang in module.languages:
                    parts = _missing_texts(question, lang)
                    if parts:
                        where = path.relative_to(module.folder.parent)
                        qid = question.get("id")
                        missing.append(
                            f"{where}: question {qid!r} has no {lang}: {', '.join(parts)}"
                        )
    assert not missing, "question texts missing:\n" + "\n".join(missing)


def test_every_industry_has_ten_scenarios_in_the_core_module(core, industry_slugs):
    counts = {industry: 0 for industry in offered_industries(core, industry_slugs)}
    for path in _quiz_files(core.folder):
        for question in (yaml.safe_load(path.read_text("utf-8")) or {}).get("questions") or []:
            if question.get("type") == SCENARIO:
                for industry in question.get("industries") or []:
                    counts[industry] = counts.get(industry, 0) + 1
    short = [
        f"{industry}: {n} (write more in {core.slug}/questions/{industry}.yaml)"
        for industry, n in counts.items()
        if n < SCENARIOS_PER_INDUSTRY
    ]
    assert not short, f"fewer than {SCENARIOS_PER_INDUSTRY} scenarios for:\n" + "\n".join(short)


def _quizzes(tree):
    return [(m, m.parts["quiz"]) for m in tree.modules if m.parts.get("quiz")]


def _combos(module, industries):
    chosen = module.meta["industries"]
    offered = industries if chosen == "all" else chosen
    return [(industry, role) for industry in offered for role in module.meta["roles"]]


def _rule(quiz, pool) -> DrawRule:
    """The module's draw, or (without one) the whole pool each attempt."""
    return quiz.draw or DrawRule(len(pool))


def _attempt_problems(attempt, pool, rule: DrawRule, industry: str, share: float) -> list[str]:
    keys = [q.key for q in attempt]
    scenarios = sum(q.type == SCENARIO for q in attempt)
    for_industry = sum(industry in q.industries for q in attempt)
    out = []
    if len(keys) != rule.count or len(set(keys)) != len(keys):
        out.append(f"{len(set(keys))} different questions, not {rule.count}")
    if not set(keys) <= {q.key for q in pool}:
        out.append("questions from outside the learner's pool")
    if scenarios < max(rule.min_scenarios, math.ceil(share * len(keys))):
        out.append(
            f"{scenarios} scenarios of {len(keys)} (needs {rule.min_scenarios}, {share:.0%})"
        )
    if for_industry < rule.min_industry:
        out.append(f"{for_industry} for the industry (needs {rule.min_industry})")
    return out


def test_every_drawn_attempt_meets_the_draw_and_the_scenario_share(tree):
    industries = [ind.slug for ind in tree.industries]
    failures = []
    for module, quiz in _quizzes(tree):
        share = SCENARIO_SHARE if module.slug in (CORE_MODULE, REFRESHER_MODULE) else 0
        for industry, role in _combos(module, industries):
            pool = pool_of(quiz.questions, industry, role)
            rule = _rule(quiz, pool)
            if quiz.draw and quiz.draw.min_scenarios < math.ceil(share * quiz.draw.count):
                failures.append(
                    f"{module.slug}/quiz.yaml: draw.min_scenarios {quiz.draw.min_scenarios} is"
                    f" below {share:.0%} of count {quiz.draw.count}: a draw may have fewer"
                )
                break
            for seed in range(SEEDS):
                rng = random.Random(seed)
                first = draw(pool, rule, industry, rng=rng)
                retry = draw(pool, rule, industry, avoid=[q.key for q in first], rng=rng)
                for name, attempt in (("attempt", first), ("retry", retry)):
                    found = _attempt_problems(attempt, pool, rule, industry, share)
                    if found:
                        failures.append(
                            f"{module.slug}/quiz.yaml: {industry} {role}, seed {seed} {name}: "
                            + "; ".join(found)
                        )
                        break
            if len(failures) > 20:
                break
    assert not failures, "drawn attempts that break the rules:\n" + "\n".join(failures)


def test_roles_never_leave_a_pool_below_the_draw(tree):
    """``roles:`` questions leave the other roles out: each role still has a full draw."""
    industries = [ind.slug for ind in tree.industries]
    short = []
    for module, quiz in _quizzes(tree):
        if quiz.draw is None:
            continue
        for industry, role in _combos(module, industries):
            pool = pool_of(quiz.questions, industry, role)
            if len(pool) < quiz.draw.count:
                others = sum(
                    1
                    for q in quiz.questions
                    if q.roles
                    and role not in q.roles
                    and (not q.industries or industry in q.industries)
                )
                short.append(
                    f"{module.slug}/quiz.yaml: a {role} in {industry} has {len(pool)} questions"
                    f" (draw count {quiz.draw.count}; {others} are for other roles only)"
                )
    assert not short, "pools smaller than the draw's count:\n" + "\n".join(short)
