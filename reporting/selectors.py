"""The reports, as ``reporting.tables.Table`` objects, for a scope (an owner's
``organisations.selectors.Scope`` or ``reporting.scopes.SITE``) and filters.

Every figure is aggregated in the database (one grouped query per breakdown, through the
indexes on enrolments by learner, page views and certificates by enrolment: see
``docs/decisions/0013-report-queries.md``), and ``reporting.suppress`` hides small
figures here, before a table leaves this module. Pages, exports and the API only format.
"""

import hmac
import math
from datetime import date, timedelta

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.roles import Role
from certificates.models import Certificate
from modules.models import Enrolment, Industry, Module, ModuleVersion, PageView
from quizzes.models import Answer, Attempt, Question, Quiz
from reporting.models import ApiToken
from reporting.scopes import SITE, SiteScope, is_site, learners_q, modules_q, parts_of
from reporting.suppress import THRESHOLD, dependent, grid_groups, protect
from reporting.tables import SMALL, Cell, Column, Kind, Row, Table
from reporting.tokens import looks_like_token, token_hash
from teams.indicators import SHORT
from teams.models import ActionStatus, Assessment, CheckIn, Seat, Team, TeamFactor

STAGES = ("enrolled", "started", "completed", "certified", "refreshed")
STAGE_LABELS = {
    "enrolled": gettext_lazy("Enrolled"),
    "started": gettext_lazy("Started"),
    "completed": gettext_lazy("Completed"),
    "certified": gettext_lazy("Certified"),
    "refreshed": gettext_lazy("Refreshed"),
}
BREAKDOWNS = {
    "industry": gettext_lazy("Industry"),
    "role": gettext_lazy("Role"),
    "organisation": gettext_lazy("Organisation"),
    "period": gettext_lazy("Month enrolled"),
}
BREAKDOWN_TITLES = {
    "industry": gettext_lazy("Completion by industry: %(subject)s"),
    "role": gettext_lazy("Completion by role: %(subject)s"),
    "organisation": gettext_lazy("Completion by organisation: %(subject)s"),
    "period": gettext_lazy("Completion by month enrolled: %(subject)s"),
}
REPORT_ROLES = (Role.UNION_REP, Role.SAFETY_REP, Role.LEADER)
EXPIRY_WINDOW_DAYS = 90
FOLLOW_UP_MONTHS = (1, 3, 6)
# Item analysis: a question "most people fail" below this facility, and one that "does
# not separate" stronger from weaker learners below this point-biserial correlation.
HARD_FACILITY = 0.5
WEAK_DISCRIMINATION = 0.2
TOTAL = "total"


class OutOfScope(LookupError):
    """A module (or another filter) the scope does not cover: callers answer 404."""


__all__ = [
    "SITE",
    "SiteScope",
    "OutOfScope",
    "annual_report",
    "funnel",
    "indicators",
    "item_analysis",
    "module_choices",
    "named_completions",
    "named_refreshers_due",
    "refresher_status",
    "teams",
    "years",
]


# --- helpers ---------------------------------------------------------------------------


def _module_id(scope, module) -> int | None:
    if module is None or module == "":
        return None
    module_id = getattr(module, "pk", module)
    if not scope.covers_module(int(module_id)):
        raise OutOfScope(module_id)
    return int(module_id)


def module_choices(scope) -> list[tuple[int, str]]:
    """The modules the scope covers, as (module id, title) in title order: one query."""
    versions = ModuleVersion.objects.filter(modules_q(scope, "module_id"), is_current=True)
    return sorted(((v.module_id, v.title_text) for v in versions), key=lambda p: p[1].lower())


def _module_titles(scope) -> dict[int, str]:
    return dict(module_choices(scope))


def _counts_table(key, title, columns, label_rows, raw, groups, description="", total=True):
    """Build a table from raw counts ``raw[(row_key, column_key)]``, hiding what
    ``protect`` says. ``label_rows``: (row key, labels tuple, is_total)."""
    hidden = protect(raw, groups)
    rows = []
    number_columns = [c for c in columns if c.is_number]
    for row_key, labels, is_total in label_rows:
        cells = [Cell(str(label)) for label in labels]
        for column in number_columns:
            pos = (row_key, column.key)
            why = hidden.get(pos)
            cells.append(Cell(hidden=why) if why else Cell(raw.get(pos, 0)))
        rows.append(Row(tuple(cells), is_total=is_total, key=str(row_key)))
    return Table(key, title, tuple(columns), rows, description=description)


def _enrolments(scope, *, module=None, since=None, until=None, industry=None, role=None):
    qs = Enrolment.objects.filter(learners_q(scope), modules_q(scope))
    module_id = _module_id(scope, module)
    if module_id is not None:
        qs = qs.filter(version__module_id=module_id)
    if since is not None:
        qs = qs.filter(enrolled_at__date__gte=since)
    if until is not None:
        qs = qs.filter(enrolled_at__date__lte=until)
    if industry is not None:
        qs = qs.filter(industry_id=getattr(industry, "pk", industry))
    if role:
        qs = qs.filter(role=role)
    return qs


def _with_stages(qs):
    return qs.annotate(
        _viewed=Exists(PageView.objects.filter(enrolment_id=OuterRef("pk"))),
        _certified=Exists(
            Certificate.objects.filter(enrolment_id=OuterRef("pk"), revoked_at__isnull=True)
        ),
        _refreshed=Exists(
            Certificate.objects.filter(enrolment_id=OuterRef("pk"), renewed_by__isnull=False)
        ),
    )


def _stage_counts() -> dict:
    def people(condition=None):
        return Count("user_id", distinct=True, filter=condition)

    return {
        "enrolled": people(),
        "started": people(Q(_viewed=True)),
        "completed": people(Q(completed_at__isnull=False)),
        "certified": people(Q(_certified=True)),
        "refreshed": people(Q(_refreshed=True)),
    }


def _part_case(parts, field: str):
    """The part (a child organisation's pk) an affiliation row belongs to."""
    whens = [When(**{f"{field}__in": sorted(ids)}, then=Value(org.pk)) for org, ids in parts]
    if not whens:
        return Value(None, output_field=IntegerField())
    return Case(*whens, default=Value(None), output_field=IntegerField())


def _by_part(qs, parts, user_field: str, aggregates: dict) -> dict:
    """``aggregates`` per part organisation: the rows of ``qs`` joined to their learners'
    affiliations, each affiliation mapped to the part above it (a learner in two
    branches of one part counts once there; in two parts, in both)."""
    if not parts:
        return {}
    all_ids = sorted(set().union(*(ids for _org, ids in parts)))
    field = f"{user_field}__affiliations__organisation_id"
    rows = (
        qs.filter(**{f"{field}__in": all_ids})
        .annotate(_part=_part_case(parts, field))
        .values("_part")
        .annotate(**aggregates)
        .order_by()
    )
    return {row["_part"]: row for row in rows}


# --- the completion funnel ---------------------------------------------------------------


def funnel(
    scope, *, module=None, since=None, until=None, by=None, industry=None, role=None
) -> Table:
    """Enrolled → started (viewed a page) → completed → certified → refreshed, counted in
    people. Without ``by``: one row per module (each its own population, so no totals).
    With ``by`` ("industry", "role", "organisation", "period"): one row per group and a
    total row, for the chosen module (or all the scope's modules: a person counts once
    per stage they reached in any of them)."""
    if by is not None and by not in BREAKDOWNS:
        raise ValueError(by)
    qs = _with_stages(
        _enrolments(scope, module=module, since=since, until=until, industry=industry, role=role)
    )
    stage_columns = [Column(s, STAGE_LABELS[s]) for s in STAGES]
    titles = _module_titles(scope)
    if by is None:
        label = Column("module", gettext_lazy("Module"), Kind.LABEL)
        found = {
            row["version__module_id"]: row
            for row in qs.values("version__module_id").annotate(**_stage_counts()).order_by()
        }
        module_id = _module_id(scope, module)
        ids = [module_id] if module_id is not None else [m for m in titles]
        raw, label_rows = {}, []
        for mid in ids:
            for stage in STAGES:
                raw[(mid, stage)] = found.get(mid, {}).get(stage, 0)
            label_rows.append((mid, (titles.get(mid, ""),), False))
        return _counts_table(
            "funnel",
            _("Completion by module"),
            [label, *stage_columns],
            label_rows,
            raw,
            [],
            description=_(
                "People at each step: enrolled, started, completed, certified, refreshed."
            ),
        )

    groups_rows = _funnel_groups(scope, qs, by)
    total = qs.aggregate(**_stage_counts())
    raw, label_rows = {}, []
    for key, name, row in groups_rows:
        for stage in STAGES:
            raw[(key, stage)] = row.get(stage, 0) if row else 0
        label_rows.append((key, (name,), False))
    for stage in STAGES:
        raw[(TOTAL, stage)] = total[stage]
    label_rows.append((TOTAL, (_("Total"),), True))
    row_keys = [key for key, _name, _row in groups_rows]
    module_id = _module_id(scope, module)
    subject = titles.get(module_id, "") if module_id is not None else _("all modules")
    title = BREAKDOWN_TITLES[by] % {"subject": subject}
    return _counts_table(
        f"funnel-by-{by}",
        title,
        [Column(by, BREAKDOWNS[by], Kind.LABEL), *stage_columns],
        label_rows,
        raw,
        grid_groups(row_keys, STAGES, total_row=TOTAL),
    )


def _funnel_groups(scope, qs, by) -> list[tuple[str, str, dict | None]]:
    """(row key, label, counts) for each group of a breakdown."""
    if by == "industry":
        found = {
            r["industry_id"]: r
            for r in qs.values("industry_id").annotate(**_stage_counts()).order_by()
        }
        industries = Industry.objects.filter(pk__in=found) if found else []
        return [(i.slug, i.name, found[i.pk]) for i in industries]
    if by == "role":
        found = {r["role"]: r for r in qs.values("role").annotate(**_stage_counts()).order_by()}
        return [(r.value, str(r.label), found.get(r.value)) for r in REPORT_ROLES]
    if by == "organisation":
        parts = parts_of(scope)
        found = _by_part(qs, parts, "user", _stage_counts())
        return [(str(org.public_id), org.name, found.get(org.pk)) for org, _ids in parts]
    rows = qs.annotate(_month=TruncMonth("enrolled_at")).values("_month")
    found = sorted(
        (r for r in rows.annotate(**_stage_counts()).order_by() if r["_month"]),
        key=lambda r: r["_month"],
    )
    return [
        (f"{r['_month']:%Y-%m}", date_format(r["_month"], "YEAR_MONTH_FORMAT"), r) for r in found
    ]


# --- teams, and the self-assessment indicators -----------------------------------------


def _teams_in(scope, module=None):
    """Teams with at least one seat held by a learner in the scope, taking a module the
    scope covers (site: every team)."""
    qs = Team.objects.all()
    if not is_site(scope):
        qs = qs.filter(Exists(Seat.objects.filter(Q(team_id=OuterRef("pk")), learners_q(scope))))
    module_id = _module_id(scope, module)
    if module_id is not None:
        qs = qs.filter(versions__module_id=module_id)
    elif scope.module_ids is not None:
        qs = qs.filter(versions__module_id__in=sorted(scope.module_ids))
    return qs.distinct() if (module_id is not None or scope.module_ids is not None) else qs


def teams(scope, *, module=None) -> Table:
    """The workplace trios and their follow-up: how many teams were formed, seats filled
    or declared empty, joint sessions held (the factors mapped), plans agreed,
    check-ins done at 1, 3 and 6 months, and plan actions reported done."""
    team_ids = _teams_in(scope, module).values("pk")
    teams_agg = Team.objects.filter(pk__in=team_ids).aggregate(
        formed=Count("pk"),
        session=Count("pk", filter=Q(Exists(TeamFactor.objects.filter(team_id=OuterRef("pk"))))),
        agreed=Count("pk", filter=Q(plan_agreed_at__isnull=False)),
    )
    seats = Seat.objects.filter(team_id__in=team_ids).aggregate(
        filled=Count("pk", filter=Q(state=Seat.State.FILLED)),
        empty=Count("pk", filter=Q(state=Seat.State.EMPTY)),
    )
    check_ins = CheckIn.objects.filter(team_id__in=team_ids, done_at__isnull=False).aggregate(
        **{f"m{m}": Count("pk", filter=Q(months=m)) for m in FOLLOW_UP_MONTHS}
    )
    done = (
        ActionStatus.objects.filter(check_in__team_id__in=team_ids, status=ActionStatus.Status.DONE)
        .values("action_id")
        .distinct()
        .count()
    )
    figures = [
        ("formed", _("Trios formed"), teams_agg["formed"]),
        ("seats_filled", _("Seats filled"), seats["filled"]),
        ("seats_empty", _("Seats declared empty"), seats["empty"]),
        ("sessions", _("Joint sessions held"), teams_agg["session"]),
        ("plans", _("Action plans agreed"), teams_agg["agreed"]),
        *[
            (
                f"check_in_{m}",
                _("Check-ins done at %(months)d months") % {"months": m}
                if m > 1
                else _("Check-ins done at 1 month"),
                check_ins[f"m{m}"],
            )
            for m in FOLLOW_UP_MONTHS
        ],
        ("actions_done", _("Plan actions done"), done),
    ]
    raw = {(key, "count"): value for key, _label, value in figures}
    return _counts_table(
        "teams",
        _("Teams and their follow-up"),
        [
            Column("figure", gettext_lazy("Figure"), Kind.LABEL),
            Column("count", gettext_lazy("Number")),
        ],
        [(key, (label,), False) for key, label, _value in figures],
        raw,
        [],
    )


def indicators(scope, *, module=None) -> Table:
    """The four self-assessment indicators (scale 1-4): the mean at the joint session
    (baseline) and at the member's latest check-in, and the mean change, over members in
    the scope who answered both; ``n`` people."""
    latest = Assessment.objects.filter(
        team_id=OuterRef("team_id"), user_id=OuterRef("user_id"), check_in__isnull=False
    ).order_by("-check_in__number")
    base = Assessment.objects.filter(
        learners_q(scope), check_in__isnull=True, team_id__in=_teams_in(scope, module).values("pk")
    )
    keys = list(SHORT)
    base = base.annotate(
        **{f"f_{k}": Cast(Subquery(latest.values(k)[:1]), FloatField()) for k in keys}
    ).filter(f_attention__isnull=False)
    agg = base.aggregate(
        n=Count("user_id", distinct=True),
        **{f"b_{k}": Avg(Cast(k, FloatField())) for k in keys},
        **{f"l_{k}": Avg(f"f_{k}") for k in keys},
    )
    n = agg["n"]
    hidden = dependent({}, {k: n for k in keys})
    columns = (
        Column("indicator", gettext_lazy("Indicator"), Kind.LABEL),
        Column("baseline", gettext_lazy("At the joint session"), Kind.DECIMAL),
        Column("follow_up", gettext_lazy("At the latest check-in"), Kind.DECIMAL),
        Column("change", gettext_lazy("Mean change"), Kind.DECIMAL),
        Column("n", gettext_lazy("People (n)")),
    )
    rows = []
    for k in keys:
        if k in hidden:
            cells = [Cell(hidden=hidden[k])] * 4
        else:
            b, f = agg[f"b_{k}"], agg[f"l_{k}"]
            cells = [Cell(round(b, 2)), Cell(round(f, 2)), Cell(round(f - b, 2)), Cell(n)]
        rows.append(Row((Cell(str(SHORT[k])), *cells), key=k))
    return Table(
        "indicators",
        _("Self-assessment: joint session and latest check-in"),
        columns,
        rows,
        description=_(
            "Means on the scale 1 (very little) to 4 (very much), over the members who "
            "answered at the joint session and at a check-in."
        ),
    )


# --- quiz item analysis -----------------------------------------------------------------


def item_analysis(scope, module) -> Table:
    """Per question of the module's current quiz, over submitted attempts by learners in
    the scope: facility (the share who answered it correctly) and discrimination (the
    point-biserial correlation between answering it correctly and the attempt's score).
    Flags questions most people fail and questions that don't separate stronger from
    weaker learners. Withheld entirely when fewer than 5 people made an attempt."""
    module_id = _module_id(scope, module)
    if module_id is None:
        raise OutOfScope(module)
    columns = (
        Column("question", gettext_lazy("Question"), Kind.LABEL),
        Column("answers", gettext_lazy("Answers")),
        Column("facility", gettext_lazy("Answered correctly"), Kind.SHARE),
        Column("discrimination", gettext_lazy("Discrimination"), Kind.DECIMAL),
        Column("flag", gettext_lazy("Look at it"), Kind.TEXT),
    )
    key, title = f"items-{module_id}", _("Quiz questions")
    version = ModuleVersion.objects.filter(module_id=module_id, is_current=True).first()
    quiz_id = (
        Quiz.objects.filter(version=version).values_list("pk", flat=True).first()
        if version
        else None
    )
    attempts = Attempt.objects.filter(
        learners_q(scope, "enrolment__user_id"), quiz_id=quiz_id, submitted_at__isnull=False
    )
    people = attempts.values("enrolment__user_id").distinct().count() if quiz_id else 0
    description = _(
        "Discrimination is the point-biserial correlation between getting the question "
        "right and the attempt's score (-1 to 1; below 0.2 it hardly separates stronger "
        "from weaker learners)."
    )
    if people < THRESHOLD:
        return Table(
            key,
            title,
            columns,
            description=description,
            withheld=_("Fewer than 5 people have taken this quiz, so its questions are not shown."),
        )
    answers = Answer.objects.filter(attempt__in=attempts)
    score = Cast("attempt__score", FloatField())
    stats = {
        r["question_id"]: r
        for r in answers.values("question_id")
        .annotate(
            n=Count("pk"),
            people=Count("attempt__enrolment__user_id", distinct=True),
            correct=Count("pk", filter=Q(is_correct=True)),
            mean=Avg(score),
            mean_sq=Avg(score * score),
            mean_right=Avg(score, filter=Q(is_correct=True)),
            mean_wrong=Avg(score, filter=Q(is_correct=False)),
        )
        .order_by()
    }
    rows = []
    for question in Question.objects.filter(quiz_id=quiz_id).order_by("order"):
        s = stats.get(question.pk)
        prompt = Truncator(strip_tags(question.prompt_html)).chars(90)
        label = Cell(f"{question.order}. {prompt}")
        if s is None or s["people"] < THRESHOLD:
            rows.append(
                Row(
                    (label, Cell(hidden=SMALL), Cell(hidden=SMALL), Cell(hidden=SMALL), Cell("")),
                    key=question.key,
                )
            )
            continue
        facility = s["correct"] / s["n"]
        disc = _point_biserial(s, facility)
        flags = []
        if facility < HARD_FACILITY:
            flags.append(_("Most people get it wrong"))
        if disc is not None and disc < WEAK_DISCRIMINATION:
            flags.append(_("Doesn't separate stronger from weaker learners"))
        rows.append(
            Row(
                (
                    label,
                    Cell(s["n"]),
                    Cell(round(facility, 3)),
                    Cell(round(disc, 2) if disc is not None else None),
                    Cell("; ".join(flags)),
                ),
                key=question.key,
            )
        )
    return Table(key, title, columns, rows, description=description)


def _point_biserial(s, facility) -> float | None:
    variance = (s["mean_sq"] or 0) - (s["mean"] or 0) ** 2
    if variance <= 1e-9 or s["mean_right"] is None or s["mean_wrong"] is None:
        return None  # everyone right, everyone wrong, or every score alike
    sd = math.sqrt(variance)
    return (s["mean_right"] - s["mean_wrong"]) / sd * math.sqrt(facility * (1 - facility))


# --- refreshers and the annual report ---------------------------------------------------


def _certificates_in_force(scope, module=None):
    qs = Certificate.objects.filter(
        learners_q(scope),
        modules_q(scope, "module_id"),
        revoked_at__isnull=True,
        renewed_by__isnull=True,
        expires_on__isnull=False,
    )
    module_id = _module_id(scope, module)
    if module_id is not None:
        qs = qs.filter(module_id=module_id)
    return qs


def refresher_status(scope, *, today: date, module=None) -> Table:
    """Certificates in force that expire within 90 days, and those already expired without
    a refresher (overdue), counted in people, by organisation, with the total."""
    soon_until = today + timedelta(days=EXPIRY_WINDOW_DAYS)
    aggregates = {
        "expiring": Count(
            "user_id", distinct=True, filter=Q(expires_on__gte=today, expires_on__lte=soon_until)
        ),
        "overdue": Count("user_id", distinct=True, filter=Q(expires_on__lt=today)),
    }
    qs = _certificates_in_force(scope, module).filter(expires_on__lte=soon_until)
    parts = parts_of(scope)
    found = _by_part(qs, parts, "user", aggregates)
    total = qs.aggregate(**aggregates)
    keys = ("expiring", "overdue")
    raw, label_rows = {}, []
    for org, _ids in parts:
        for k in keys:
            raw[(f"org-{org.public_id}", k)] = found.get(org.pk, {}).get(k, 0)
        label_rows.append((f"org-{org.public_id}", (org.name,), False))
    for k in keys:
        raw[(TOTAL, k)] = total[k]
    label_rows.append((TOTAL, (_("Total"),), True))
    return _counts_table(
        "refreshers",
        _("Refreshers due"),
        [
            Column("organisation", gettext_lazy("Organisation"), Kind.LABEL),
            Column("expiring", gettext_lazy("Expiring within 90 days")),
            Column("overdue", gettext_lazy("Expired, no refresher")),
        ],
        label_rows,
        raw,
        grid_groups([f"org-{org.public_id}" for org, _ids in parts], keys, total_row=TOTAL),
    )


def years(scope) -> list[int]:
    """The years with completions in the scope, newest first (this year always there)."""
    this_year = date.today().year
    found = (
        Enrolment.objects.filter(learners_q(scope), modules_q(scope), completed_at__isnull=False)
        .annotate(_year=ExtractYear("completed_at"))
        .values_list("_year", flat=True)
        .distinct()
    )
    return sorted({this_year, *found}, reverse=True)


def annual_report(scope, year: int) -> Table:
    """How many union reps, safety reps and leaders completed training with preventive
    work-environment content in ``year`` (every module counts, a refresher too), by
    member organisation and by industry, in people. A person who completed as two roles
    counts once in the total."""
    qs = Enrolment.objects.filter(learners_q(scope), modules_q(scope), completed_at__year=int(year))
    role_keys = [r.value for r in REPORT_ROLES]

    def aggregates():
        out = {r: Count("user_id", distinct=True, filter=Q(role=r)) for r in role_keys}
        out[TOTAL] = Count("user_id", distinct=True)
        return out

    parts = parts_of(scope)
    by_org = _by_part(qs, parts, "user", aggregates())
    by_industry = {
        r["industry_id"]: r for r in qs.values("industry_id").annotate(**aggregates()).order_by()
    }
    total = qs.aggregate(**aggregates())
    industries = list(Industry.objects.filter(pk__in=by_industry)) if by_industry else []
    columns = [
        Column("breakdown", gettext_lazy("Breakdown"), Kind.LABEL),
        Column("name", gettext_lazy("Name"), Kind.LABEL),
        *[Column(r.value, r.label) for r in REPORT_ROLES],
        Column(TOTAL, gettext_lazy("People in all")),
    ]
    numbers = [*role_keys, TOTAL]
    raw, label_rows, org_rows, industry_rows = {}, [], [], []
    org_label = _("Member organisation")
    for org, _ids in parts:
        key = f"org-{org.public_id}"
        org_rows.append(key)
        for k in numbers:
            raw[(key, k)] = by_org.get(org.pk, {}).get(k, 0)
        label_rows.append((key, (org_label, org.name), False))
    for industry in industries:
        key = f"industry-{industry.slug}"
        industry_rows.append(key)
        for k in numbers:
            raw[(key, k)] = by_industry[industry.pk][k]
        label_rows.append((key, (_("Industry"), industry.name), False))
    for k in numbers:
        raw[(TOTAL, k)] = total[k]
    label_rows.append((TOTAL, (_("Total"), ""), True))
    groups = grid_groups(
        org_rows + industry_rows,
        role_keys,
        total_row=TOTAL,
        total_col=TOTAL,
        sections=[s for s in (org_rows, industry_rows) if s],
    )
    return _counts_table(
        f"annual-{int(year)}",
        _("Annual report %(year)d: completed training") % {"year": int(year)},
        columns,
        label_rows,
        raw,
        groups,
        description=_(
            "People who completed a module (a refresher too) in the year, by the role "
            "they took it in. A person who took modules in two roles counts once in the "
            "last column."
        ),
    )


# --- named lists (only learners who let the organisation see their name) ---------------


def _name(user_display_name: str) -> str:
    return user_display_name or _("(no name given)")


def named_completions(scope, *, module=None, since=None, until=None) -> Table:
    """Who in the scope completed which module, and when: only learners who agreed to
    share their name with the organisation. Never an e-mail address."""
    if is_site(scope):
        raise OutOfScope("site")
    qs = Enrolment.objects.filter(
        learners_q(scope, named=True), modules_q(scope), completed_at__isnull=False
    )
    module_id = _module_id(scope, module)
    if module_id is not None:
        qs = qs.filter(version__module_id=module_id)
    if since is not None:
        qs = qs.filter(completed_at__date__gte=since)
    if until is not None:
        qs = qs.filter(completed_at__date__lte=until)
    titles = _module_titles(scope)
    rows = [
        Row(
            (
                Cell(_name(e["user__display_name"])),
                Cell(titles.get(e["version__module_id"], "")),
                Cell(str(Role(e["role"]).label)),
                Cell(e["completed_at"].date()),
            )
        )
        for e in qs.values(
            "user__display_name", "version__module_id", "role", "completed_at"
        ).order_by("user__display_name", "completed_at")
    ]
    return Table(
        "named-completions",
        _("Who has completed"),
        (
            Column("name", gettext_lazy("Person"), Kind.TEXT),
            Column("module", gettext_lazy("Module"), Kind.TEXT),
            Column("role", gettext_lazy("Role"), Kind.TEXT),
            Column("completed", gettext_lazy("Completed on"), Kind.DATE),
        ),
        rows,
        description=_("Only people who have agreed to show their name to the organisation."),
    )


def named_refreshers_due(scope, *, today: date, module=None) -> Table:
    """Whose certificate expires within 90 days or has expired without a refresher: only
    learners who agreed to share their name with the organisation."""
    if is_site(scope):
        raise OutOfScope("site")
    until = today + timedelta(days=EXPIRY_WINDOW_DAYS)
    qs = (
        _certificates_in_force(scope, module)
        .filter(learners_q(scope, named=True), expires_on__lte=until)
        .values("user__display_name", "module_id", "expires_on")
        .order_by("expires_on", "user__display_name")
    )
    titles = _module_titles(scope)
    rows = [
        Row(
            (
                Cell(_name(c["user__display_name"])),
                Cell(titles.get(c["module_id"], "")),
                Cell(c["expires_on"]),
                Cell(_("Expired") if c["expires_on"] < today else _("Expires soon")),
            )
        )
        for c in qs
    ]
    return Table(
        "named-refreshers",
        _("Whose refresher is due"),
        (
            Column("name", gettext_lazy("Person"), Kind.TEXT),
            Column("module", gettext_lazy("Module"), Kind.TEXT),
            Column("expires", gettext_lazy("Expires on"), Kind.DATE),
            Column("status", gettext_lazy("Status"), Kind.TEXT),
        ),
        rows,
        description=_("Only people who have agreed to show their name to the organisation."),
    )


# --- API tokens (names and dates; never a secret) --------------------------------------


def tokens_of(user) -> QuerySet:
    """The person's tokens, newest first."""
    return ApiToken.objects.filter(user=user)


def personal_data(user) -> dict:
    """The person's API tokens for their data download: names and dates, never a hash."""
    return {
        "api_tokens": [
            {
                "name": t.name,
                "created_at": t.created_at,
                "last_used_at": t.last_used_at,
                "expires_at": t.expires_at,
                "revoked_at": t.revoked_at,
            }
            for t in tokens_of(user)
        ]
    }


def usable_token(raw: str) -> ApiToken | None:
    """The token a request presents, if it is known, not revoked and not expired. Found
    by its hash (an index lookup takes the same time whatever the token), then compared
    in constant time."""
    if not looks_like_token(raw):
        return None
    digest = token_hash(raw)
    row = ApiToken.objects.select_related("user").filter(token_hash=digest).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    if not row.is_usable(timezone.now()) or not row.user.is_active:
        return None
    return row


def module_slugs(module_ids) -> dict[int, str]:
    """The slugs of these modules, by id."""
    return dict(Module.objects.filter(pk__in=module_ids).values_list("pk", "slug"))


def module_id(slug: str) -> int | None:
    """The id of the module with this slug, or None."""
    return Module.objects.filter(slug=slug).values_list("pk", flat=True).first()


def industry_id(slug: str) -> int | None:
    """The id of the industry with this slug, or None."""
    return Industry.objects.filter(slug=slug).values_list("pk", flat=True).first()
