"""Two tabs completing the module at the same moment still make one certificate."""

import pytest

from base.roles import Role
from certificates.models import Certificate
from modules.actions import enrol_learner, record_page_view
from modules.models import Enrolment, Page
from tests.concurrency import run_at_once
from tests.factories import UserFactory
from tracking.models import Statement

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("run", range(2))
def test_the_last_page_in_two_tabs_issues_one_certificate(run, basics, cleaning):
    holder = UserFactory()
    enrolment = enrol_learner(holder, basics, cleaning, Role.LEADER)
    last = Page.objects.filter(version=basics).order_by("order").last()

    def open_last():
        return record_page_view(Enrolment.objects.get(pk=enrolment.pk), last, "nb")

    run_at_once(open_last, open_last)
    assert Certificate.objects.filter(user=holder).count() == 1
    assert Statement.objects.filter(verb__endswith="/verbs/earned").count() == 1
