"""Every statement the learner's path produces: valid xAPI 1.0.3, pseudonymous, in order."""

import re

import pytest
from django.urls import reverse
from ralph.models.xapi.base.statements import BaseXapiStatement

from modules.actions import enrol_learner
from quizzes.actions import start_attempt, submit_attempt
from quizzes.models import Question
from tracking.lrs.read import as_served
from tracking.models import Statement
from tracking.selectors import statements_for_registration
from tracking.statements import xapi_duration, xapi_timestamp

ADL = "http://adlnet.gov/expapi/verbs/"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def validate(statement: dict) -> None:
    """Ralph's strict model, plus what it misses: a timezone on timestamps."""
    BaseXapiStatement(**statement)
    assert TIMESTAMP.match(statement["timestamp"]), statement["timestamp"]
    assert "version" not in Statement.objects.get(statement_id=statement["id"]).data


def answers(attempt, correct: bool) -> dict[str, list[str]]:
    out = {}
    for q in Question.objects.filter(quiz=attempt.quiz).prefetch_related("choices"):
        keys = [c.key for c in q.choices.all() if c.is_correct == correct]
        out[q.key] = keys if correct and q.type == "multiple_choice" else keys[:1]
    return out


def complete_module(client, enrolment):
    client.get(reverse("learn_continue", args=[enrolment.pk]))
    for number in range(1, enrolment.version.page_count + 1):
        client.get(reverse("learn_page", args=[enrolment.pk, number]))
    failed = start_attempt(enrolment)
    submit_attempt(failed, answers(failed, correct=False))
    passed = start_attempt(enrolment)
    submit_attempt(passed, answers(passed, correct=True))


def test_the_learner_path_yields_the_documented_statements(learner_client, learner, enrolment):
    complete_module(learner_client, enrolment)
    served = statements_for_registration(enrolment.registration)
    verbs = [s["verb"]["id"].removeprefix(ADL) for s in served]
    questions = Question.objects.filter(quiz__version=enrolment.version).count()
    pages = enrolment.version.page_count
    assert verbs == (
        ["registered", "launched"]
        + ["experienced"] * pages
        + ["answered"] * questions
        + ["failed"]
        + ["answered"] * questions
        + ["passed", "completed"]
    )
    for statement in served:
        validate(statement)
        assert statement["context"]["registration"] == str(enrolment.registration)
        assert statement["actor"] == {
            "objectType": "Agent",
            "account": {"homePage": "http://127.0.0.1:8000", "name": str(learner.xapi_id)},
        }
        text = str(statement)
        assert learner.email not in text
        assert learner.display_name not in text
        assert "union_rep" not in text  # the role would reveal union membership
        ext = statement["context"]["extensions"]
        assert any(k.endswith("/extensions/module-version") for k in ext)


def test_quiz_result_statement_has_score_and_duration(learner, enrolment):
    attempt = start_attempt(enrolment)
    attempt, _ = submit_attempt(attempt, answers(attempt, correct=True))
    result = Statement.objects.get(verb=ADL + "passed").data["result"]
    assert result["success"] is True
    assert result["score"] == {
        "scaled": 1.0,
        "raw": float(attempt.question_count),
        "min": 0.0,
        "max": float(attempt.question_count),
    }
    assert re.match(r"^PT(\d+M)?\d+(\.\d{1,2})?S$", result["duration"])


def test_answered_statement_describes_the_interaction(learner, enrolment):
    attempt = start_attempt(enrolment)
    given = answers(attempt, correct=False)
    submit_attempt(attempt, given)
    for row in Statement.objects.filter(verb=ADL + "answered"):
        definition = row.data["object"]["definition"]
        assert definition["interactionType"] in ("choice", "true-false")
        assert definition["correctResponsesPattern"]
        key = row.data["object"]["id"].rsplit("/", 1)[1]
        assert row.data["result"]["response"] == "[,]".join(sorted(given[key]))
        assert row.data["result"]["success"] is False


def test_no_statement_when_the_action_fails(learner, enrolment):
    before = Statement.objects.count()
    attempt = start_attempt(enrolment)
    with pytest.raises(Exception):  # noqa: B017 - any validation error
        submit_attempt(attempt, {})
    assert Statement.objects.count() == before


def test_revisiting_a_page_records_nothing_new(learner_client, enrolment):
    url = reverse("learn_page", args=[enrolment.pk, 1])
    learner_client.get(url)
    count = Statement.objects.count()
    learner_client.get(url)
    assert Statement.objects.count() == count


def test_enrolling_again_records_no_second_registration(learner, starter, barnehage):
    enrol_learner(learner, starter, barnehage, "union_rep")
    enrol_learner(learner, starter, barnehage, "union_rep")
    assert Statement.objects.filter(verb=ADL + "registered").count() == 1


def test_served_statement_has_stored_authority_version(enrolment):
    row = Statement.objects.get(verb=ADL + "registered")
    served = as_served(row)
    assert served["version"] == "1.0.0"
    assert TIMESTAMP.match(served["stored"])
    assert served["authority"]["account"]["name"] == "lms"
    BaseXapiStatement(**served)


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(12.345678, "PT12.35S"), (0.004, "PT0S"), (61.5, "PT1M1.5S"), (3600, "PT1H0S"), (7.0, "PT7S")],
)
def test_duration_is_rounded_to_hundredths(seconds, expected):
    from datetime import timedelta

    assert xapi_duration(timedelta(seconds=seconds)) == expected


def test_timestamp_is_utc_with_milliseconds():
    from datetime import datetime, timedelta, timezone

    oslo = timezone(timedelta(hours=1))
    assert xapi_timestamp(datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=oslo)) == (
        "2026-01-02T02:04:05.678Z"
    )
