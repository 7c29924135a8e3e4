"""The joint-session texts of an industry in ``industries.yaml``: discussion prompts and
example plan items, shown on the team's joint-session page for the workplace's industry."""

from modules.sources import fields as f
from modules.sources.markup import render_inline
from modules.sources.problems import Problems
from modules.sources.yamlfile import YamlDoc

INDUSTRY_JOINT_KEYS = ("prompts", "plan_examples")


def lang_lists(
    doc: YamlDoc,
    path: tuple,
    languages: list[str],
    low: int,
    high: int,
    problems: Problems,
    *,
    optional: tuple[str, ...] = (),
) -> dict[str, list[str]] | None:
    """A mapping language -> list of ``low``-``high`` inline-Markdown texts, as many in
    every language; rendered to sanitised HTML. Each of ``languages`` is required, those
    of ``optional`` are checked the same way where they are given."""
    where = f.dotted(path)
    raw = f.get(doc, path)
    if not isinstance(raw, dict):
        problems.add(
            doc.path, doc.line(*path), f"{where} must map each language to a list of texts"
        )
        return None
    wanted = [*languages, *(lang for lang in optional if lang in raw)]
    out: dict[str, list[str]] = {}
    for lang in wanted:
        items = raw.get(lang)
        if (
            not isinstance(items, list)
            or not low <= len(items) <= high
            or not all(isinstance(x, str) and x.strip() for x in items)
        ):
            problems.add(
                doc.path,
                doc.line(*path, lang),
                f"{where}.{lang} must be a list of {low} to {high} texts",
            )
        else:
            out[lang] = [render_inline(x.strip()) for x in items]
    for lang in raw:
        if lang not in wanted:
            problems.add(doc.path, doc.line(*path, lang), f"{where}: '{lang}' is no language")
    if len(out) != len(wanted):
        return None
    if len({len(v) for v in out.values()}) > 1:
        problems.add(
            doc.path, doc.line(*path), f"{where} must have as many texts in every language"
        )
        return None
    return out


def read_industry_joint(
    doc: YamlDoc, i: int, languages: list[str], problems: Problems, optional: tuple[str, ...] = ()
) -> dict[str, dict[str, list[str]]]:
    """``joint: {prompts: {nb: [...], en: [...]}, plan_examples: {...}}``, 1-6 items each;
    the ``optional`` languages (Polish) may be left out: their readers get English."""
    path = (i, "joint")
    if f.get(doc, path) is None or f.require_mapping(doc, path, problems) is None:
        return {}
    f.unknown_keys(doc, path, set(INDUSTRY_JOINT_KEYS), problems)
    out = {}
    for key in INDUSTRY_JOINT_KEYS:
        if f.get(doc, (*path, key)) is not None:
            items = lang_lists(doc, (*path, key), languages, 1, 6, problems, optional=optional)
            if items:
                out[key] = items
    if not any(f.get(doc, (*path, key)) is not None for key in INDUSTRY_JOINT_KEYS):
        problems.add(doc.path, doc.line(*path), "joint needs prompts, plan_examples or both")
    return out
