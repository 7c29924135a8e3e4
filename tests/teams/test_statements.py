"""Every team event records its xAPI statement: valid, pseudonymous, the team as a Group
in context.team, one registration per team run."""

import json
from datetime import timedelta

import time_machine
from django.utils import timezone

from teams.actions import (
    complete_check_in,
    confirm_plan,
    declare_seat_empty,
    map_factors,
    record_baseline,
    save_plan,
    vacate_seat,
)
from tests.teams.helpers import answers, plan_actions
from tests.tracking.test_statements import validate
from tracking import vocabulary as v
from tracking.selectors import statements_for_registration

AS = "http://activitystrea.ms/schema/1.0/"


def test_a_team_run_yields_the_documented_statements(trio, leader, safety_rep, union_rep):
    record_baseline(trio.public_id, answers(2), acting_user=leader)
    map_factors(
        trio.public_id, [{"key": "stoy"}, {"custom": "Lena's own words"}], acting_user=leader
    )
    plan = save_plan(
        trio.public_id, 0, plan_actions("leader", "safety_rep", "union_rep"), acting_user=leader
    )
    for member in (leader, safety_rep, union_rep):
        confirm_plan(trio.public_id, plan.number, acting_user=member)
    with time_machine.travel(timezone.now() + timedelta(days=32)):
        statuses = {a.pk: ("done", "") for a in plan.actions.all()}
        complete_check_in(trio.public_id, 1, statuses, answers(3), acting_user=union_rep)
    vacate_seat(trio.public_id, "union_rep", acting_user=union_rep)
    declare_seat_empty(trio.public_id, "union_rep", acting_user=leader)

    served = statements_for_registration(trio.registration)
    verbs = [s["verb"]["id"] for s in served]
    assert verbs == [
        AS + "create",
        AS + "join",
        AS + "join",
        v.PROFILE + "/verbs/self-assessed",
        v.PROFILE + "/verbs/mapped-factors",
        v.PROFILE + "/verbs/drafted",
        AS + "confirm",
        AS + "confirm",
        AS + "confirm",
        AS + "agree",
        v.PROFILE + "/verbs/checked-in",
        v.PROFILE + "/verbs/self-assessed",
        AS + "leave",
        v.PROFILE + "/verbs/declared-seat-empty",
    ]
    group = {
        "objectType": "Group",
        "account": {"homePage": v.site(), "name": f"team:{trio.public_id}"},
    }
    people = {str(u.xapi_id) for u in (leader, safety_rep, union_rep)}
    for statement in served:
        validate(statement)
        assert statement["context"]["registration"] == str(trio.registration)
        assert statement["context"]["team"] == group
        text = json.dumps(statement)
        for secret in ("@example.test", "Lena", "Vera", "Tore", "Solstua"):
            assert secret not in text, (secret, statement["verb"]["id"])
        actor = statement["actor"]
        if statement["verb"]["id"] == AS + "agree":
            assert actor == group  # the team agreed
        else:
            assert actor["account"]["name"] in people
    mapped = served[4]
    assert mapped["result"]["extensions"][v.EXT_FACTORS] == {"ranked": ["stoy"], "own": 1}
    checked = served[10]
    assert checked["result"]["extensions"][v.EXT_ACTION_STATUSES] == {"done": 3}
    empty = served[13]
    assert empty["context"]["extensions"][v.EXT_SEAT] == "union_rep"
