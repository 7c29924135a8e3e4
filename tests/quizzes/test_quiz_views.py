"""The quiz over HTTP: what the learner's browser gets, and who may see it."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from base.roles import Role
from modules.actions import enrol_learner
from modules.models import Enrolment, PageView
from quizzes.actions import start_attempt
from quizzes.models import Answer, Attempt, Choice, Question, QuestionType

# --- helpers ---------------------------------------------------------------------------


def _(message: str) -> str:
    """A UI text as the learner (language nb) sees it."""
    with translation.override("nb"):
        return gettext(message)


def questions_of(enrolment) -> list[Question]:
    return list(
        Question.objects.filter(quiz__version_id=enrolment.version_id).prefetch_related("choices")
    )


def choices_of(enrolment) -> list[Choice]:
    return list(Choice.objects.filter(question__quiz__version_id=enrolment.version_id))


def post_data(answers: dict[str, list[str]]) -> dict[str, list[str]]:
    return {f"q-{key}": keys for key, keys in answers.items()}


def right_answers(enrolment) -> dict[str, list[str]]:
    return {
        q.key: [c.key for c in q.choices.all() if c.is_correct] for q in questions_of(enrolment)
    }


def wrong_answers(enrolment) -> dict[str, list[str]]:
    return {
        q.key: [next(c.key for c in q.choices.all() if not c.is_correct)]
        for q in questions_of(enrolment)
    }


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def sentences(html: str) -> list[str]:
    """The longer sentences of a text: distinctive enough to recognise anywhere."""
    parts = re.split(r"(?<=[.!?])\s+", text_of(html))
    return [p for p in parts if len(p) >= 25]


def start_url(enrolment) -> str:
    return reverse("quiz_start", args=[enrolment.pk])


def quiz_url(enrolment) -> str:
    return reverse("quiz", args=[enrolment.pk])


def attempt_url(enrolment, attempt) -> str:
    return reverse("attempt", args=[enrolment.pk, attempt.pk])


def start_over_http(client, enrolment) -> Attempt:
    response = client.post(start_url(enrolment))
    assert response.status_code == 302
    attempt = Attempt.objects.filter(enrolment=enrolment, submitted_at__isnull=True).get()
    assert response.url == attempt_url(enrolment, attempt)
    return attempt


def form_html(client, enrolment, attempt) -> str:
    response = client.get(attempt_url(enrolment, attempt))
    assert response.status_code == 200
    return response.content.decode()


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


# --- the form before submission -------------------------------------------------------------


def test_quiz_form_has_no_correctness_data(learner_client, enrolment):
    attempt = start_over_http(learner_client, enrolment)
    html = form_html(learner_client, enrolment, attempt)
    page_text = text_of(html)
    soup = BeautifulSoup(html, "html.parser")

    assert soup.find("form") is not None
    assert "is_correct" not in html
    assert "correct" not in html.lower()
    assert _("Correct answer") not in page_text
    assert _("Your result") not in page_text
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            for v in values:
                assert not re.search(r"correct|right|wrong|feedback", f"{name}={v}", re.I), element
    choices = choices_of(enrolment)
    assert choices
    for choice in choices:
        for language in ("nb", "en"):
            feedback = choice.feedback[language]
            assert feedback
            assert feedback not in html, (choice.question.key, choice.key, language)
            for sentence in sentences(feedback):
                assert sentence not in page_text, (choice.question.key, choice.key, sentence)


def test_quiz_form_does_not_depend_on_which_answer_is_right(learner_client, enrolment):
    """Flipping the right answers in the database changes nothing in the form."""
    attempt = start_over_http(learner_client, enrolment)
    before = without_csrf(form_html(learner_client, enrolment, attempt))
    for question in questions_of(enrolment):
        for choice in question.choices.all():
            Choice.objects.filter(pk=choice.pk).update(
                is_correct=not choice.is_correct, feedback={"nb": "X", "en": "Y"}
            )
    after = without_csrf(form_html(learner_client, enrolment, attempt))
    assert after == before


def test_quiz_form_shows_choices_in_the_attempts_order(learner_client, enrolment):
    attempt = start_over_http(learner_client, enrolment)
    soup = BeautifulSoup(form_html(learner_client, enrolment, attempt), "html.parser")
    for question in questions_of(enrolment):
        inputs = soup.find_all("input", attrs={"name": f"q-{question.key}"})
        assert [i["value"] for i in inputs] == attempt.choice_order[question.key]
        expected = "checkbox" if question.type == QuestionType.MULTIPLE_CHOICE else "radio"
        assert {i["type"] for i in inputs} == {expected}
        assert not any(i.has_attr("checked") for i in inputs)


# --- submitting ---------------------------------------------------------------------------


def test_wrong_answers_then_retry_then_pass_and_finish_the_pages(learner_client, enrolment):
    client = learner_client
    first = start_over_http(client, enrolment)
    response = client.post(attempt_url(enrolment, first), post_data(wrong_answers(enrolment)))
    assert response.status_code == 302
    assert response.url == attempt_url(enrolment, first)

    first.refresh_from_db()
    assert first.submitted_at is not None
    assert first.passed is False
    assert first.correct_count == 0

    # The result page: every choice's feedback, in the learner's language
    response = client.get(attempt_url(enrolment, first))
    assert response.status_code == 200
    html = response.content.decode()
    assert _("Your result") in text_of(html)
    for choice in choices_of(enrolment):
        assert choice.feedback["nb"] in html, (choice.question.key, choice.key)
        assert choice.feedback["en"] not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("input", attrs={"name": re.compile(r"^q-")}) is None  # no form any more
    assert len(soup.select("li.correct")) == sum(1 for c in choices_of(enrolment) if c.is_correct)
    # "Try again", with the attempts left, right after the score (not below the answers only)
    score = soup.select_one("p.message.error")
    retry = score.find_next_sibling()
    assert retry.select_one(f"form[action='{start_url(enrolment)}'] button").get_text() == _(
        "Try again"
    )
    assert "2 forsøk igjen" in text_of(str(retry))

    # Retry: attempt 2
    second = start_over_http(client, enrolment)
    assert second.number == 2
    assert second.pk != first.pk
    response = client.post(attempt_url(enrolment, second), post_data(right_answers(enrolment)))
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.passed is True
    enrolment.refresh_from_db()
    assert enrolment.quiz_passed_at is not None
    assert enrolment.completed_at is None  # no page seen yet
    result = BeautifulSoup(client.get(attempt_url(enrolment, second)).content, "html.parser")
    next_step = result.select_one("p.message.success").find_next_sibling()
    continue_url = reverse("learn_continue", args=[enrolment.pk])
    assert next_step.select_one(f"a.button[href='{continue_url}']") is not None

    # Seeing every page completes the module, on the last one
    count = enrolment.version.page_count
    assert count == 5
    for number in range(1, count + 1):
        response = client.get(reverse("learn_page", args=[enrolment.pk, number]))
        assert response.status_code == 200
        enrolment.refresh_from_db()
        assert (enrolment.completed_at is not None) is (number == count)
    assert _("Well done! You have completed the module.") in text_of(response.content.decode())
    assert PageView.objects.filter(enrolment=enrolment).count() == count

    # No third attempt after passing
    response = client.post(start_url(enrolment))
    assert response.status_code == 302
    assert response.url == quiz_url(enrolment)
    assert Attempt.objects.filter(enrolment=enrolment).count() == 2


def test_duplicate_submission_is_graded_once(learner_client, enrolment):
    attempt = start_over_http(learner_client, enrolment)
    url = attempt_url(enrolment, attempt)
    data = post_data(wrong_answers(enrolment))

    first = learner_client.post(url, data)
    assert first.status_code == 302
    attempt.refresh_from_db()
    submitted_at, score = attempt.submitted_at, attempt.score

    second = learner_client.post(url, data)
    assert second.status_code == 302
    assert second.url == url
    followed = learner_client.get(second.url)
    messages = [str(m) for m in followed.context["messages"]]
    assert messages == [_("This attempt was already submitted. Your first answers count.")]
    assert messages[0] in text_of(followed.content.decode())

    # even different answers in a replayed POST change nothing
    third = learner_client.post(url, post_data(right_answers(enrolment)))
    assert third.status_code == 302

    assert Attempt.objects.filter(enrolment=enrolment).count() == 1
    assert Attempt.objects.filter(enrolment=enrolment, submitted_at__isnull=False).count() == 1
    assert Answer.objects.filter(attempt=attempt).count() == len(questions_of(enrolment))
    assert Answer.objects.count() == len(questions_of(enrolment))
    attempt.refresh_from_db()
    assert attempt.submitted_at == submitted_at
    assert attempt.score == score
    assert attempt.passed is False
    enrolment.refresh_from_db()
    assert enrolment.quiz_passed_at is None


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda a: {"q1": a["q1"]}, "Choose an answer."),
        (lambda a: {**a, "q2": []}, "Choose an answer."),
        (lambda a: {**a, "q1": ["zz"]}, "That answer is not one of the choices."),
        (lambda a: {**a, "q6": ["a", "b"]}, "Choose one answer."),
    ],
    ids=["mostly-missing", "one-missing", "unknown-choice", "two-for-single"],
)
def test_invalid_post_stores_nothing(learner_client, enrolment, change, error):
    attempt = start_over_http(learner_client, enrolment)
    answers = change(right_answers(enrolment))
    response = learner_client.post(attempt_url(enrolment, attempt), post_data(answers))

    assert response.status_code == 400
    text = text_of(response.content.decode())
    assert _("Some questions need an answer. Nothing was submitted yet.") in text
    assert _(error) in text
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("form") is not None
    # what the learner did choose is still chosen
    for key, selected in answers.items():
        for value in selected:
            box = soup.find("input", attrs={"name": f"q-{key}", "value": value})
            if box is not None:
                assert box.has_attr("checked")
    # ... and still no correctness data
    assert "correct" not in response.content.decode().lower()

    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert attempt.score is None
    assert not Answer.objects.exists()
    assert Attempt.objects.count() == 1


def test_start_when_all_attempts_are_used(learner_client, enrolment):
    for _number in range(3):
        attempt = start_over_http(learner_client, enrolment)
        learner_client.post(attempt_url(enrolment, attempt), post_data(wrong_answers(enrolment)))
    response = learner_client.post(start_url(enrolment), follow=True)
    assert response.redirect_chain == [(quiz_url(enrolment), 302)]
    assert Attempt.objects.filter(enrolment=enrolment).count() == 3
    assert len(list(response.context["messages"])) == 1


def test_start_needs_post(learner_client, enrolment):
    assert learner_client.get(start_url(enrolment)).status_code == 405
    assert not Attempt.objects.exists()


# --- who may see what ---------------------------------------------------------------------


@pytest.fixture
def other_client(other_learner):
    client = Client()
    client.force_login(other_learner)
    return client


def _snapshot():
    return (
        list(Attempt.objects.order_by("pk").values_list("pk", "number", "submitted_at", "score")),
        Answer.objects.count(),
        list(Enrolment.objects.order_by("pk").values_list("pk", "quiz_passed_at", "completed_at")),
    )


def test_another_learner_gets_404_and_changes_nothing(enrolment, other_client):
    open_attempt = start_attempt(enrolment)
    before = _snapshot()
    urls = [
        ("get", quiz_url(enrolment)),
        ("get", attempt_url(enrolment, open_attempt)),
        ("post", attempt_url(enrolment, open_attempt)),
        ("post", start_url(enrolment)),
    ]
    for method, url in urls:
        response = getattr(other_client, method)(url, post_data(right_answers(enrolment)))
        assert response.status_code == 404, (method, url)
    assert _snapshot() == before


def test_another_learners_submitted_attempt_is_private(
    learner_client, enrolment, other_client, other_learner, starter, bygg
):
    attempt = start_over_http(learner_client, enrolment)
    learner_client.post(attempt_url(enrolment, attempt), post_data(wrong_answers(enrolment)))
    own = enrol_learner(other_learner, starter, bygg, Role.SAFETY_REP)
    before = _snapshot()

    response = other_client.get(attempt_url(enrolment, attempt))
    assert response.status_code == 404
    for choice in choices_of(enrolment):
        assert choice.feedback["nb"] not in response.content.decode()

    # B's own enrolment with A's attempt id: still 404
    assert other_client.get(attempt_url(own, attempt)).status_code == 404
    assert other_client.post(attempt_url(own, attempt), {}).status_code == 404
    assert _snapshot() == before
    assert not Attempt.objects.filter(enrolment=own).exists()


def test_anonymous_users_are_sent_to_login(client, enrolment):
    attempt = start_attempt(enrolment)
    before = _snapshot()
    login = reverse("account_login")
    for method, url in [
        ("get", quiz_url(enrolment)),
        ("post", start_url(enrolment)),
        ("get", attempt_url(enrolment, attempt)),
        ("post", attempt_url(enrolment, attempt)),
    ]:
        response = getattr(client, method)(url, post_data(right_answers(enrolment)))
        assert response.status_code == 302, (method, url)
        assert response.url.startswith(f"{login}?next="), response.url
    assert _snapshot() == before
