"""The demo data of CONTRACT.md. Each later capability adds its part here."""

from django.conf import settings
from django.db import transaction

from accounts.actions import ensure_account
from accounts.permissions import COURSE_OWNER_GROUP
from base.roles import Role
from lms.hosts import is_loopback, url_host
from modules.models import Industry

DEMO_PASSWORD = "demo-passord-2026"  # noqa: S105 - public demo password, documented in CONTRACT.md

DEMO_ACCOUNTS = [
    {
        "email": "leder@demo.test",
        "display_name": "Lena Leder",
        "roles": [Role.LEADER],
        "who": "leader, Solstua barnehage",
    },
    {
        "email": "verneombud@demo.test",
        "display_name": "Vera Verneombud",
        "roles": [Role.SAFETY_REP],
        "who": "safety rep, Solstua barnehage",
    },
    {
        "email": "tillitsvalgt@demo.test",
        "display_name": "Tore Tillitsvalgt",
        "roles": [Role.UNION_REP],
        "who": "union rep, Solstua barnehage",
    },
    {
        "email": "kurseier@demo.test",
        "display_name": "Kari Kurseier",
        "roles": [],
        "groups": [COURSE_OWNER_GROUP],
        "who": "course owner, Demoforbundet",
    },
    {
        "email": "admin@demo.test",
        "display_name": "Admin",
        "roles": [],
        "superuser": True,
        "who": "superuser",
    },
]


def demo_data_refusal(bind_host: str = "") -> str:
    """Why the demo accounts (a published password, a superuser among them) must not be
    created here, or "" when they may: every host name the site answers to is loopback,
    or DEMO_DATA=1 asks for them anyway."""
    if settings.DEMO_DATA:
        return ""
    hosts = [*settings.ALLOWED_HOSTS, url_host(settings.SITE_URL), *filter(None, [bind_host])]
    public = sorted({h for h in hosts if not is_loopback(h)})
    if not public:
        return ""
    return (
        f"the site answers to {', '.join(public)}, which other machines reach; the demo "
        "accounts have a published password. Set DEMO_DATA=1 to create them anyway."
    )


@transaction.atomic
def seed_demo() -> list[dict]:
    """Create the demo accounts (idempotent). Needs the industries imported first."""
    barnehage = Industry.objects.filter(slug="barnehage").first()
    for spec in DEMO_ACCOUNTS:
        in_workplace = bool(spec["roles"])
        ensure_account(
            spec["email"],
            DEMO_PASSWORD,
            display_name=spec["display_name"],
            industry=barnehage if in_workplace else None,
            roles=[str(r) for r in spec["roles"]],
            superuser=spec.get("superuser", False),
            groups=spec.get("groups"),
        )
    if barnehage is not None:
        _seed_team(barnehage)
    _seed_course_owners()
    return DEMO_ACCOUNTS


def _seed_course_owners() -> None:
    """Demoforbundet, its branches, its course owner and member, and the generated
    learners and teams that give the owner's reports something to show."""
    from lms import demo_learners
    from modules.models import ModuleVersion

    union, branches = demo_learners.seed_organisations()
    demo_learners.seed_owner_and_member(union)
    if demo_learners.already_seeded():
        return
    version = (
        ModuleVersion.objects.filter(is_current=True, has_quiz=True)
        .exclude(joint=None)
        .order_by("module__slug")
        .first()
    )
    industries = {i.slug: i for i in Industry.objects.all()}
    if version is None or not set(demo_learners.INDUSTRY_WEIGHTS) <= set(industries):
        return  # no content imported yet: the next seed_demo (make run) makes them
    demo_learners.seed_learners(version, industries, union, branches)


DEMO_WORKPLACE = {"name": "Solstua barnehage", "org_number": "975312461", "employees": 18}


def _seed_team(barnehage) -> None:
    """The three workplace accounts form one team for Solstua barnehage, not yet started:
    every seat is taken, nobody has begun the modules, no session held."""
    from accounts.models import User
    from modules.models import ModuleVersion
    from teams.actions import accept_invitation, create_team, invite
    from teams.models import Workplace

    if Workplace.objects.filter(name=DEMO_WORKPLACE["name"]).exists():
        return
    versions = [v for v in ModuleVersion.objects.filter(is_current=True) if v.joint]
    if not versions:
        return
    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.test")}
    leader = people["leder@demo.test"]
    team = create_team(
        Workplace(industry=barnehage, **DEMO_WORKPLACE), [Role.LEADER], versions, acting_user=leader
    )
    for role, email in (
        (Role.SAFETY_REP, "verneombud@demo.test"),
        (Role.UNION_REP, "tillitsvalgt@demo.test"),
    ):
        accept_invitation(
            invite(team.public_id, role, acting_user=leader).token, acting_user=people[email]
        )
