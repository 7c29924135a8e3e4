"""Forwarding to a real LRS: every statement arrives once, also across an outage."""

from collections import Counter
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone
from ralph.models.xapi.base.statements import BaseXapiStatement

from quizzes.actions import start_attempt, submit_attempt
from quizzes.models import Question
from tracking.forwarding import forward_pending
from tracking.models import ForwardStatus, Statement


def complete_starter(client, enrolment):
    client.get(reverse("learn_continue", args=[enrolment.pk]))
    for number in range(1, enrolment.version.page_count + 1):
        client.get(reverse("learn_page", args=[enrolment.pk, number]))
    attempt = start_attempt(enrolment)
    answers = {
        q.key: [c.key for c in q.choices.all() if c.is_correct]
        for q in Question.objects.filter(quiz=attempt.quiz).prefetch_related("choices")
    }
    submit_attempt(attempt, answers)


def test_completing_the_module_delivers_every_statement_once(ralph, learner_client, enrolment):
    complete_starter(learner_client, enrolment)
    report = forward_pending()
    ours = set(Statement.objects.values_list("statement_id", flat=True))
    assert report.delivered == len(ours) and report.parked == report.retry == 0
    theirs = Counter(s["id"] for s in ralph.all_statements())
    assert set(theirs) == {str(i) for i in ours}
    assert max(theirs.values()) == 1
    for statement in ralph.all_statements():
        BaseXapiStatement(**{k: v for k, v in statement.items() if k != "stored"})


def test_ralph_down_then_back_everything_arrives_once(ralph, learner_client, enrolment):
    ralph.stop()
    complete_starter(learner_client, enrolment)
    report = forward_pending()
    assert report.delivered == 0 and report.retry > 0
    assert not Statement.objects.exclude(forward_status=ForwardStatus.PENDING).exists()
    ralph.start()
    with time_machine.travel(timezone.now() + timedelta(hours=2), tick=False):
        forward_pending()
    assert not Statement.objects.exclude(forward_status=ForwardStatus.DELIVERED).exists()
    theirs = Counter(s["id"] for s in ralph.all_statements())
    assert len(theirs) == Statement.objects.count()
    assert max(theirs.values()) == 1


def test_sending_again_is_recognised_not_duplicated(ralph, enrolment):
    forward_pending()
    Statement.objects.update(forward_status=ForwardStatus.PENDING)  # as after a lost answer
    report = forward_pending()
    assert report.delivered == Statement.objects.count()
    theirs = Counter(s["id"] for s in ralph.all_statements())
    assert max(theirs.values()) == 1
