"""Who may see which report. Course owners see their own scopes (an organisation with
its descendants); staff see the site-wide figures; nobody else sees any report."""

from organisations.selectors import scope_for, scopes_for
from reporting.scopes import SITE, SITE_KEY, is_site


def can_view_site(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def report_scopes(user) -> list:
    """Every scope the person may read reports for: their owner scopes, and for staff
    the whole site first."""
    if not user.is_authenticated or not user.is_active:
        return []
    owned = scopes_for(user)
    return [SITE, *owned] if can_view_site(user) else owned


def report_scope(user, key):
    """The scope a URL's key names, if the person may read it; None otherwise (the view
    answers 404, so an organisation's existence is not revealed)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if str(key) == SITE_KEY:
        return SITE if can_view_site(user) else None
    return scope_for(user, key)


def can_view_report(user, scope) -> bool:
    if scope is None or not user.is_authenticated or not user.is_active:
        return False
    if is_site(scope):
        return can_view_site(user)
    return any(s.organisation.pk == scope.organisation.pk for s in scopes_for(user))


def can_view_names(user, scope) -> bool:
    """Named lists (who completed, whose refresher is due): an owner of the scope only,
    never the site-wide view."""
    return not is_site(scope) and can_view_report(user, scope)
