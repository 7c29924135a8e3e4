"""The team page's primary action follows the team's state and the member viewing it."""

from datetime import timedelta

import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from modules.actions import enrol_learner
from modules.models import Enrolment
from teams.actions import confirm_plan, save_plan
from tests.teams.helpers import plan_actions


def primary(client, team) -> tuple[str, str]:
    page = client.get(reverse("team_detail", args=[team.public_id]))
    link = BeautifulSoup(page.content, "html.parser").select_one("#next-step a.button")
    return (" ".join(link.get_text().split()), link["href"]) if link else ("", "")


def complete_course(user):
    Enrolment.objects.filter(user=user).update(completed_at=timezone.now())


def test_the_team_page_leads_each_member_through_course_session_plan_and_check_in(
    client, trio, leader, safety_rep, union_rep, starter, barnehage
):
    client.force_login(leader)
    assert primary(client, trio)[0].startswith("Fortsett kurset ditt:")  # enrolled on joining
    Enrolment.objects.filter(user=leader).delete()
    label, href = primary(client, trio)
    assert label.startswith("Start kurset ditt:")
    assert href == reverse("module_detail", args=[starter.module.slug])

    enrolment = enrol_learner(leader, starter, barnehage, "leader")
    label, href = primary(client, trio)
    assert label.startswith("Fortsett kurset ditt:")
    assert href == reverse("learn_continue", args=[enrolment.pk])

    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=timezone.now())
    assert primary(client, trio) == (
        "Åpne fellesøkten",
        reverse("team_session", args=[trio.public_id]),
    )

    for member in (safety_rep, union_rep):
        complete_course(member)
    plan = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    # The leader saved (and so confirmed) it; the others are asked to confirm.
    client.force_login(union_rep)
    confirm_url = reverse("team_session", args=[trio.public_id]) + "#plan"
    assert primary(client, trio) == ("Bekreft planen", confirm_url)
    client.force_login(leader)
    assert primary(client, trio)[0] in ("Bekreft planen", "Åpne fellesøkten")

    for member in (leader, safety_rep, union_rep):
        plan = confirm_plan(trio.public_id, plan.number, acting_user=member)
    trio.refresh_from_db()
    assert trio.plan_agreed_at is not None
    first = trio.check_ins.get(number=1)
    page = client.get(reverse("team_detail", args=[trio.public_id])).content.decode()
    assert primary(client, trio) == ("", "")  # nothing to press before the check-in is due
    assert "Neste: oppfølging 1 den" in " ".join(
        BeautifulSoup(page, "html.parser").get_text().split()
    )

    with time_machine.travel(first.due_at + timedelta(hours=1)):
        client.force_login(leader)
        label, href = primary(client, trio)
    assert label.startswith("Gjør oppfølging 1 (frist ")
    assert href == reverse("team_check_in", args=[trio.public_id, 1])
