"""``industries.yaml``: the industries, their factors, regional safety reps and joint data."""

from dataclasses import dataclass, field
from pathlib import Path

from modules.sources import fields as f
from modules.sources.joint import read_industry_joint
from modules.sources.problems import Problems
from modules.sources.yamlfile import YamlDoc, load_yaml

# Industries (names, factors, regional safety reps) are in bokmål and English, and may
# be in Polish too; where Polish is missing, Polish readers get English.
INDUSTRY_LANGUAGES = ["nb", "en"]
INDUSTRY_OPTIONAL = ("pl",)
INDUSTRY_KEYS = {"slug", "name", "factors", "regional_safety_reps", "joint"}


@dataclass
class IndustrySource:
    slug: str
    name_nb: str
    name_en: str
    order: int
    name_pl: str = ""
    factors: list[dict] = field(default_factory=list)
    regional_safety_reps: dict[str, str] = field(default_factory=dict)
    joint: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def read_industries(path: Path, problems: Problems) -> list[IndustrySource]:
    if not path.is_file():
        problems.add(path, 1, "industries.yaml is missing")
        return []
    doc = load_yaml(path, problems)
    if doc is None:
        return []
    if not isinstance(doc.data, list) or not doc.data:
        problems.add(path, 1, "industries.yaml must be a non-empty list")
        return []
    out: list[IndustrySource] = []
    for i, _item in enumerate(doc.data):
        if f.require_mapping(doc, (i,), problems) is None:
            continue
        f.unknown_keys(doc, (i,), INDUSTRY_KEYS, problems)
        slug = f.text(doc, (i, "slug"), problems)
        if slug and not f.SLUG_RE.match(slug):
            problems.add(
                path, doc.line(i, "slug"), f"slug '{slug}' must be lower-case-with-hyphens"
            )
            slug = None
        names = f.lang_map(
            doc, (i, "name"), INDUSTRY_LANGUAGES, problems, optional=INDUSTRY_OPTIONAL
        )
        if slug and any(ind.slug == slug for ind in out):
            problems.add(path, doc.line(i, "slug"), f"industry '{slug}' is listed twice")
        elif slug and names:
            out.append(IndustrySource(slug, names["nb"], names["en"], i, names.get("pl", "")))
            out[-1].factors = _read_factors(doc, i, problems)
            out[-1].regional_safety_reps = (
                f.lang_map(
                    doc,
                    (i, "regional_safety_reps"),
                    INDUSTRY_LANGUAGES,
                    problems,
                    required=False,
                    optional=INDUSTRY_OPTIONAL,
                )
                or {}
            )
            out[-1].joint = read_industry_joint(
                doc, i, INDUSTRY_LANGUAGES, problems, INDUSTRY_OPTIONAL
            )
    return out


def _read_factors(doc: YamlDoc, i: int, problems: Problems) -> list[dict]:
    """An industry's work-environment factors, which teams pick from in the joint session."""
    raw = f.get(doc, (i, "factors"))
    if raw is None:
        return []
    if not isinstance(raw, list) or not 1 <= len(raw) <= 20:
        problems.add(doc.path, doc.line(i, "factors"), "factors must be a list of 1 to 20 factors")
        return []
    out: list[dict] = []
    for j, _item in enumerate(raw):
        path = (i, "factors", j)
        if f.require_mapping(doc, path, problems) is None:
            continue
        f.unknown_keys(doc, path, {"key", "name"}, problems)
        key = f.text(doc, (*path, "key"), problems)
        if key and not f.SLUG_RE.match(key):
            problems.add(
                doc.path,
                doc.line(*path, "key"),
                f"factor key '{key}' must be lower-case-with-hyphens",
            )
            continue
        if key and any(x["key"] == key for x in out):
            problems.add(doc.path, doc.line(*path, "key"), f"factor '{key}' is listed twice")
            continue
        name = f.lang_map(
            doc, (*path, "name"), INDUSTRY_LANGUAGES, problems, optional=INDUSTRY_OPTIONAL
        )
        if key and name:
            out.append({"key": key, "name": name})
    return out
