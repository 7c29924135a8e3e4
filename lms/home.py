"""The home page: the landing page for visitors, and for a learner their work ordered by
what is due. It sits in the project, above the apps it gathers from."""

from dataclasses import dataclass
from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone

from accounts.selectors import start_step
from certificates.models import Certificate
from certificates.selectors import to_refresh
from modules.models import ModuleVersion
from modules.selectors import current_refreshers, learner_enrolments
from organisations.selectors import is_course_owner
from reminders.builtin.refresher import DAYS_BEFORE
from teams.selectors import open_check_ins, removals_of, user_teams


@dataclass
class RefresherOffer:
    """A refresher to take now: the certificate it renews and the refresher module."""

    certificate: Certificate
    refresher: ModuleVersion

    @property
    def expired(self) -> bool:
        return self.certificate.state() == Certificate.State.EXPIRED

    @property
    def expiring(self) -> bool:
        today = timezone.localdate()
        until = today + timedelta(days=max(DAYS_BEFORE))
        expires_on = self.certificate.expires_on
        return expires_on is not None and today <= expires_on <= until


def refresher_offers(user, summaries) -> list[RefresherOffer]:
    """The refreshers to offer on the home page: for each module whose certificate expires
    within the first refresher reminder's days (or has expired), or whose content changed
    a lot, the module's refresher, unless the learner is already taking it."""
    until = timezone.localdate() + timedelta(days=max(DAYS_BEFORE))
    certificates = to_refresh(user, until)
    if not certificates:
        return []
    refreshers = current_refreshers()
    taking = {s.enrolment.version.module_id for s in summaries if s.enrolment.completed_at is None}
    offers: dict[int, RefresherOffer] = {}
    for certificate in certificates:
        refresher = refreshers.get(certificate.module.slug)
        if refresher is None or refresher.module_id in taking:
            continue
        offers.setdefault(certificate.module_id, RefresherOffer(certificate, refresher))
    return list(offers.values())


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home.html", {})
    summaries = learner_enrolments(request.user)
    now = timezone.now()
    check_ins = open_check_ins(request.user)
    context = {
        # A check-in whose date has come goes before the modules; later ones after.
        "due_check_ins": [c for c in check_ins if c.due_at <= now],
        "unfinished": [s for s in summaries if s.enrolment.completed_at is None],
        "refresher_offers": refresher_offers(request.user, summaries),
        "coming_check_ins": [c for c in check_ins if c.due_at > now],
        "completed": [s for s in summaries if s.enrolment.completed_at is not None],
        "teams": user_teams(request.user),
        "removals": removals_of(request.user),
        # Course owners and staff: the way to their reports.
        "reports": request.user.is_staff or is_course_owner(request.user),
        # Nothing begun yet: the first step (industry and role, or the module to start).
        "start": None if summaries else start_step(request.user),
    }
    return render(request, "home.html", context)
