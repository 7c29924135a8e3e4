"""Follow-up: check-ins at 1, 3 and 6 months after the plan is agreed (from the module's
data), and the change in the four self-assessment answers."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from teams import selectors
from teams.actions import (
    TeamError,
    add_months,
    answer_check_in,
    complete_check_in,
    confirm_plan,
    record_baseline,
    save_plan,
)
from tests.teams.helpers import answers, plan_actions

START = datetime(2027, 1, 31, 10, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def agreed(trio, leader, safety_rep, union_rep):
    with time_machine.travel(START, tick=False):
        for member, value in ((leader, 2), (safety_rep, 1), (union_rep, 2)):
            record_baseline(trio.public_id, answers(value), acting_user=member)
        plan = save_plan(
            trio.public_id, 0, plan_actions("leader", "safety_rep", "union_rep"), acting_user=leader
        )
        for member in (leader, safety_rep, union_rep):
            plan = confirm_plan(trio.public_id, plan.number, acting_user=member)
    return plan


def statuses(plan, status="done"):
    return {a.pk: (status, "") for a in plan.actions.all()}


def test_check_ins_are_scheduled_from_the_modules_data(trio, agreed):
    due = [(c.number, c.months, c.due_at) for c in trio.check_ins.all()]
    assert due == [
        (1, 1, datetime(2027, 2, 28, 10, 0, tzinfo=START.tzinfo)),  # no 31 February
        (2, 3, datetime(2027, 4, 30, 10, 0, tzinfo=START.tzinfo)),
        (3, 6, datetime(2027, 7, 31, 10, 0, tzinfo=START.tzinfo)),
    ]


def test_a_check_in_is_not_due_before_its_time(trio, leader, agreed):
    with time_machine.travel(START + timedelta(days=20), tick=False):
        assert selectors.due_check_in(trio) is None
        with pytest.raises(TeamError) as exc:
            complete_check_in(trio.public_id, 1, statuses(agreed), answers(3), acting_user=leader)
    assert exc.value.code == "not_due"
    assert trio.check_ins.get(number=1).done_at is None


def test_a_month_on_the_first_check_in_is_due_and_the_indicators_show_the_change(
    trio, leader, safety_rep, union_rep, agreed
):
    with time_machine.travel(START + timedelta(days=29), tick=False):
        assert selectors.due_check_in(trio).number == 1
        complete_check_in(
            trio.public_id, 1, statuses(agreed, "under_way"), answers(3), acting_user=safety_rep
        )
        answer_check_in(trio.public_id, 1, answers(4), acting_user=leader)
        with pytest.raises(TeamError):
            complete_check_in(
                trio.public_id, 1, statuses(agreed), answers(3), acting_user=union_rep
            )
        with pytest.raises(TeamError):
            answer_check_in(trio.public_id, 1, answers(1), acting_user=leader)
        assert selectors.due_check_in(trio) is None
    indicators, last = selectors.indicators(trio)
    assert last.number == 1
    attention = indicators[0]
    assert (attention.baseline, attention.latest, attention.change) == (1.7, 3.5, 1.8)
    assert set(trio.check_ins.get(number=1).statuses.values_list("status", flat=True)) == {
        "under_way"
    }


def test_every_action_needs_a_status(trio, leader, agreed):
    with time_machine.travel(START + timedelta(days=40), tick=False):
        partial = dict(list(statuses(agreed).items())[:1])
        with pytest.raises(TeamError):
            complete_check_in(trio.public_id, 1, partial, answers(3), acting_user=leader)
    assert trio.check_ins.get(number=1).done_at is None


def test_the_follow_up_is_complete_when_every_check_in_is_done(trio, leader, agreed):
    for months in (1, 3, 6):
        moment = add_months(START, months)
        with time_machine.travel(moment + timedelta(hours=1), tick=False):
            number = selectors.due_check_in(trio).number
            complete_check_in(
                trio.public_id, number, statuses(agreed), answers(3), acting_user=leader
            )
    trio.refresh_from_db()
    status = selectors.status(trio, selectors.seats(trio))
    assert (status.check_ins_done, status.check_ins) == (3, 3)
    assert status.plan_agreed and not status.complete  # nobody did the individual part
    assert not status.follow_up_complete


def test_the_check_in_page_through_http(client, trio, union_rep, agreed):
    url = reverse("team_check_in", args=[trio.public_id, 1])
    with time_machine.travel(START + timedelta(days=31), tick=False):
        client.force_login(union_rep)
        form = {"attention": 3, "insight": 3, "practice": 3, "cooperation": 3}
        bad = client.post(url, form)  # no statuses
        assert bad.status_code == 400
        assert trio.check_ins.get(number=1).done_at is None
        form.update({f"status_{a.pk}": "done" for a in agreed.actions.all()})
        assert client.post(url, form).status_code == 302
        page = client.get(url).content.decode()
    assert "Ferdig" in page  # the status, in bokmål


def test_the_next_check_in_starts_from_the_last_statuses(client, trio, safety_rep, agreed):
    first = agreed.actions.first()
    done = {
        a.pk: ("under_way" if a == first else "done", "Halvveis" if a == first else "")
        for a in agreed.actions.all()
    }
    with time_machine.travel(add_months(START, 1) + timedelta(hours=1), tick=False):
        complete_check_in(trio.public_id, 1, done, answers(3), acting_user=safety_rep)
    with time_machine.travel(add_months(START, 3) + timedelta(hours=1), tick=False):
        client.force_login(safety_rep)
        page = client.get(reverse("team_check_in", args=[trio.public_id, 2])).content.decode()
    assert "Forrige oppfølging: I gang – Halvveis" in page
    from bs4 import BeautifulSoup

    checked = BeautifulSoup(page, "html.parser").select(f"input[name=status_{first.pk}][checked]")
    assert [i["value"] for i in checked] == ["under_way"]
