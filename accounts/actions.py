"""Writes for accounts: the profile and the preferred language."""

from django.db import transaction

from accounts.models import User


@transaction.atomic
def update_profile(user: User, *, display_name: str, language: str, industry, roles: list[str]):
    """Save what the learner tells about themselves: name, language, industry and roles."""
    user.display_name = display_name.strip()
    user.language = language
    user.industry = industry
    user.roles = sorted(set(roles))
    user.save(update_fields=["display_name", "language", "industry", "roles"])
    return user


@transaction.atomic
def set_language(user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def ensure_account(
    email: str,
    password: str,
    *,
    display_name: str = "",
    industry=None,
    roles: list[str] | None = None,
    staff: bool = False,
    superuser: bool = False,
    groups: list[str] | None = None,
) -> User:
    """Create or bring up to date an account with a verified e-mail (demo data, operators).

    Running it again changes nothing that is already as asked.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    email = email.lower()
    user, created = User.objects.get_or_create(email=email)
    changed = created
    wanted = {
        "display_name": display_name,
        "industry": industry,
        "roles": sorted(roles or []),
        "is_staff": staff or superuser,
        "is_superuser": superuser,
    }
    for field, value in wanted.items():
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed = True
    if not user.check_password(password):
        user.set_password(password)
        changed = True
    if changed:
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    for name in groups or []:
        group, _created = Group.objects.get_or_create(name=name)
        user.groups.add(group)
    return user


@transaction.atomic
def delete_account(user: User, *, acting_user) -> None:
    """Delete ``user``'s account: the person themself, or staff. Each team seat they hold is
    vacated by the same action as leaving it (locked, with its statement, and the plan is
    agreed if the remaining seats have all confirmed); their statements keep the
    pseudonymous actor, which no longer leads to a person. The LRS documents about them
    (states, agent profiles that content kept for them) are deleted."""
    from django.core.exceptions import PermissionDenied

    from teams.actions import vacate_seat
    from teams.selectors import seats_held_by
    from tracking.actions import delete_person_documents

    if acting_user.pk != user.pk and not acting_user.is_staff:
        raise PermissionDenied
    for seat in seats_held_by(user):
        vacate_seat(seat.team.public_id, seat.role, acting_user=user, account_deleted=True)
    delete_person_documents(user.xapi_id)
    user.delete()
