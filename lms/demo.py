"""The demo data of CONTRACT.md. Each later capability adds its part here."""

from django.db import transaction

from accounts.actions import ensure_account
from accounts.permissions import COURSE_OWNER_GROUP
from base.roles import Role
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
    return DEMO_ACCOUNTS


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
