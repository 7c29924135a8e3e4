import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from base.roles import Role
from lms.templatetags.site import scrollable_tables
from modules.actions import enrol_learner
from modules.models import Enrolment, PageView
from tests.factories import UserFactory

STARTER = "arbeidsmiljo-handler-om-arbeidet"


def page_url(enrolment, number):
    return reverse("learn_page", args=[enrolment.pk, number])


# --- enrolment --------------------------------------------------------------------------


def test_enrol_form_defaults_to_profile_industry(client, starter, barnehage):
    user = UserFactory(industry=barnehage, roles=[Role.SAFETY_REP])
    client.force_login(user)
    html = client.get(reverse("module_detail", args=[STARTER])).content.decode()
    assert '<option value="barnehage" selected>' in html
    assert '<option value="safety_rep" selected>' in html


def test_enrol_over_http_then_continue_goes_to_first_page(learner_client, learner, starter):
    response = learner_client.post(
        reverse("enrol", args=[STARTER]), {"industry": "bygg-og-anlegg", "role": "union_rep"}
    )
    enrolment = Enrolment.objects.get(user=learner)
    assert response.url == reverse("learn_continue", args=[enrolment.pk])
    assert enrolment.industry.slug == "bygg-og-anlegg"
    assert enrolment.version == starter
    assert learner_client.get(response.url).url == page_url(enrolment, 1)


def test_enrolling_twice_returns_the_same_enrolment(learner_client, learner, starter):
    data = {"industry": "barnehage", "role": "union_rep"}
    learner_client.post(reverse("enrol", args=[STARTER]), data)
    learner_client.post(reverse("enrol", args=[STARTER]), data)
    assert Enrolment.objects.filter(user=learner).count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"industry": "no-such-industry", "role": "union_rep"},
        {"industry": "barnehage", "role": "astronaut"},
        {"industry": "", "role": ""},
    ],
)
def test_bad_enrol_input_shows_form_again_and_saves_nothing(learner_client, starter, data):
    response = learner_client.post(reverse("enrol", args=[STARTER]), data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Enrolment.objects.exists()


def test_enrol_refuses_role_the_module_is_not_for(learner, starter, barnehage):
    starter.roles = ["leader"]
    with pytest.raises(ValidationError):
        enrol_learner(learner, starter, barnehage, Role.UNION_REP)
    assert not Enrolment.objects.exists()


def test_anonymous_must_log_in_to_enrol(client, starter):
    response = client.post(reverse("enrol", args=[STARTER]), {"industry": "barnehage"})
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert not Enrolment.objects.exists()


def test_unknown_module_is_404(client, db):
    response = client.get(reverse("module_detail", args=["no-such-module"]))
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


# --- variants ---------------------------------------------------------------------------


def test_two_industries_see_different_pages(learner_client, learner, starter, barnehage, bygg):
    kindergarten = enrol_learner(learner, starter, barnehage, Role.UNION_REP)
    building = enrol_learner(learner, starter, bygg, Role.UNION_REP)
    factors = starter.module.versions.get().pages.get(key="faktorer").order
    a = learner_client.get(page_url(kindergarten, factors)).content.decode()
    b = learner_client.get(page_url(building, factors)).content.decode()
    assert a != b
    assert "barnehage" in a.lower()
    assert "bygg" in b.lower()


def test_role_variant_is_shown_to_that_role_only(client, starter, barnehage):
    leader = UserFactory(roles=[Role.LEADER])
    rep = UserFactory(roles=[Role.UNION_REP])
    page = starter.pages.get(key="i-praksis")
    variant = page.variants.get(language="nb", role="leader")
    base = page.variants.get(language="nb", role="", industry="")
    seen = {}
    for user, role in ((leader, Role.LEADER), (rep, Role.UNION_REP)):
        enrolment = enrol_learner(user, starter, barnehage, role)
        client.force_login(user)
        seen[role] = client.get(page_url(enrolment, page.order)).content.decode()
    assert variant.html != base.html
    # As shown: a table is wrapped in a region that scrolls (lms.templatetags.site).
    shown_variant, shown_base = scrollable_tables(variant.html), scrollable_tables(base.html)
    assert shown_variant in seen[Role.LEADER]
    assert shown_base in seen[Role.UNION_REP]
    assert shown_variant not in seen[Role.UNION_REP]


def test_page_is_shown_in_english_when_learner_switches(learner_client, enrolment):
    learner_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = learner_client.get(page_url(enrolment, 1)).content.decode()
    assert 'lang="en"' in html
    assert "Page 1 of" in html
    enrolment.user.refresh_from_db()
    assert enrolment.user.language == "en"


# --- progress and resume ----------------------------------------------------------------


def test_progress_and_resume(learner_client, enrolment):
    count = enrolment.version.page_count
    learner_client.get(page_url(enrolment, 1))
    learner_client.get(page_url(enrolment, 2))
    learner_client.get(page_url(enrolment, 2))  # seen twice counts once
    assert PageView.objects.filter(enrolment=enrolment).count() == 2
    # Leaves, comes back: the home page offers to continue; continue opens page 3.
    home = learner_client.get(reverse("home")).content.decode()
    assert reverse("learn_continue", args=[enrolment.pk]) in home
    assert 'value="2"' in home
    assert learner_client.get(reverse("learn_continue", args=[enrolment.pk])).url == page_url(
        enrolment, 3
    )
    for number in range(3, count + 1):
        learner_client.get(page_url(enrolment, number))
    # All pages seen, quiz not passed: continue goes to the quiz; not completed yet.
    assert learner_client.get(reverse("learn_continue", args=[enrolment.pk])).url == reverse(
        "quiz", args=[enrolment.pk]
    )
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None


def test_page_number_out_of_range_is_404(learner_client, enrolment):
    assert learner_client.get(page_url(enrolment, 0)).status_code == 404
    assert learner_client.get(page_url(enrolment, 99)).status_code == 404


# --- learner A vs learner B -------------------------------------------------------------


@pytest.mark.parametrize("name", ["learn_overview", "learn_continue", "quiz", "learn_page"])
def test_nobody_sees_another_learners_enrolment(client, enrolment, other_learner, name):
    client.force_login(other_learner)
    args = [enrolment.pk, 1] if name == "learn_page" else [enrolment.pk]
    assert client.get(reverse(name, args=args)).status_code == 404
    assert not PageView.objects.exists()


def test_other_learner_cannot_start_my_quiz(client, enrolment, other_learner):
    client.force_login(other_learner)
    assert client.post(reverse("quiz_start", args=[enrolment.pk])).status_code == 404
    assert not enrolment.attempts.exists()


def test_home_lists_only_my_enrolments(client, enrolment, other_learner):
    client.force_login(other_learner)
    html = client.get(reverse("home")).content.decode()
    assert reverse("learn_overview", args=[enrolment.pk]) not in html


def test_anonymous_is_sent_to_login(client, enrolment):
    response = client.get(page_url(enrolment, 1))
    assert response.status_code == 302
    assert reverse("account_login") in response.url
