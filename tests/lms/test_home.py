"""The learner's home page orders their work by what is due."""

from datetime import timedelta

import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from modules.models import Enrolment
from teams.actions import confirm_plan, save_plan
from tests.teams.helpers import plan_actions


def headings_and_cards(client) -> list[str]:
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return [" ".join(el.get_text().split())[:40] for el in soup.select("main h2, main .card h3")]


def test_a_due_check_in_comes_first_and_completed_modules_last(
    client, trio, leader, safety_rep, union_rep
):
    plan = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    for member in (leader, safety_rep, union_rep):
        plan = confirm_plan(trio.public_id, plan.number, acting_user=member)
    client.force_login(leader)
    before = headings_and_cards(client)
    # Before its date, the check-in comes after the unfinished module.
    assert before.index("Arbeidsmiljø handler om arbeidet") < before.index("Solstua barnehage")

    due = trio.check_ins.get(number=1).due_at + timedelta(days=1)
    with time_machine.travel(due):
        client.force_login(leader)
        now = headings_and_cards(client)
        assert now[:3] == [
            "Dine neste steg",
            "Solstua barnehage",
            "Arbeidsmiljø handler om arbeidet",
        ]

        Enrolment.objects.filter(user=leader).update(completed_at=timezone.now())
        done = headings_and_cards(client)
        assert done[-1] == "Fullførte moduler"
        assert "Arbeidsmiljø handler om arbeidet" not in done  # no longer a card to continue
