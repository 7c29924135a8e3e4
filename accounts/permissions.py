"""Who may do what with accounts."""

COURSE_OWNER_GROUP = "course_owners"


def is_course_owner(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=COURSE_OWNER_GROUP).exists()


def can_use_mfa(user) -> bool:
    """TOTP two-factor authentication is offered to staff and course owners."""
    return user.is_authenticated and (user.is_staff or is_course_owner(user))
