"""The account pages in the site's own words, and the first steps after sign-up and log-in
(issue 12, item 5 and "after sign-up the learner is led to an industry, a role and a
module")."""

import re

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from accounts.forms import PASSWORD_RULES
from accounts.models import User
from base.roles import Role
from tests.factories import PASSWORD, UserFactory

SIGNUP = {
    "email": "ny@example.test",
    "password1": "et-langt-passord-2026",
    "password2": "et-langt-passord-2026",
}

ACCOUNT_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
LOGGED_IN_PAGES = ["account_email", "account_change_password", "account_logout", "profile"]
# allauth's own bokmål that the issue names, and what it stands for.
CLUMSY = ["Vennligst", "og/eller", "Bekreftelsese-post", "Husk meg:", "epost"]


def main_of(response):
    return BeautifulSoup(response.content, "html.parser").find("main")


def check_plain(main):
    text = main.get_text(" ", strip=True)
    for word in CLUMSY:
        assert word not in text, word
    for label in main.select("label, legend"):
        assert not label.get_text(strip=True).endswith(":"), label


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_account_pages_speak_plain_bokmal(client, content, name):
    check_plain(main_of(client.get(reverse(name))))


@pytest.mark.parametrize("name", LOGGED_IN_PAGES)
def test_logged_in_account_pages_speak_plain_bokmal(client, learner, content, name):
    EmailAddress.objects.create(user=learner, email=learner.email, verified=True, primary=True)
    client.force_login(learner)
    response = client.get(reverse(name))
    assert response.status_code == 200
    check_plain(main_of(response))


@pytest.mark.parametrize(
    "language, heading", [("nb", "Registrer deg"), ("en", "Sign up"), ("pl", "Załóż konto")]
)
def test_sign_up_in_each_language(client, content, language, heading):
    client.cookies["lang"] = language
    main = main_of(client.get(reverse("account_signup")))
    assert main.h1.get_text(strip=True) == heading
    help_texts = [h.get_text(strip=True) for h in main.select("#id_password1_helptext")]
    assert len(help_texts) == 1 and "8" in help_texts[0]  # the rules as one line


def test_password_rules_line_matches_the_validators():
    """The one-line rules name what settings check: change both together."""
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert all("OPTIONS" not in v for v in settings.AUTH_PASSWORD_VALIDATORS)  # length 8
    assert "8" in str(PASSWORD_RULES)


def test_the_password_forms_show_the_rules_in_one_line(client, learner, content):
    client.force_login(learner)
    main = main_of(client.get(reverse("account_change_password")))
    assert [h.get_text(strip=True) for h in main.select(".helptext")].count(
        "Minst 8 tegn, ikke bare tall, ikke et vanlig passord og ikke likt e-postadressen din."
    ) == 1
    assert "Passordet ditt må bestå av minst 8 tegn" not in main.get_text()


def test_empty_sign_up_shows_the_sites_errors_on_the_page(client, content):
    response = client.post(reverse("account_signup"), {})
    assert response.status_code == 200
    main = main_of(response)
    assert main.select_one("form[novalidate]")
    errors = [e.get_text(strip=True) for e in main.select(".errorlist li")]
    assert len(errors) == 3 and all(errors)  # e-mail, password, the password again
    assert not User.objects.exists()


def test_remember_me_is_a_checkbox_beside_its_label(client, db):
    main = main_of(client.get(reverse("account_login")))
    box = main.select_one("input[type=checkbox][name=remember]")
    label = box.find_next_sibling("label")
    assert label["for"] == box["id"] and label.get_text(strip=True) == "Husk meg"


def test_wrong_password_is_told_plainly(client, learner):
    response = client.post(reverse("account_login"), {"login": learner.email, "password": "x"})
    text = main_of(response).get_text(" ", strip=True)
    assert "E-postadressen eller passordet er feil." in text
    assert not User.objects.get(pk=learner.pk).last_login


# --- the first steps after sign-up and log-in --------------------------------------------


def test_sign_up_with_industry_and_role_goes_straight_to_the_module(client, barnehage, starter):
    data = {**SIGNUP, "industry": barnehage.pk, "roles": [Role.UNION_REP]}
    response = client.post(reverse("account_signup"), data)
    assert response.url == reverse("module_detail", args=[starter.module.slug])
    page = client.get(response.url).content.decode()
    assert 'value="barnehage" selected' in page  # the industry chosen at sign-up


def test_sign_up_without_industry_leads_to_the_profile_then_the_module(client, bygg, starter):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.url == reverse("profile")
    main = main_of(client.get(response.url))
    assert "Første steg: velg bransjen din og rollen din på jobben." in main.get_text()
    assert main.select_one("form button").get_text(strip=True) == "Lagre og gå videre"
    response = client.post(reverse("profile"), {"industry": bygg.pk, "roles": [Role.LEADER]})
    assert response.url == reverse("module_detail", args=[starter.module.slug])
    messages = main_of(client.get(response.url)).select(".message")
    assert "Nå kan du starte modulen" in messages[0].get_text()


def test_profile_of_someone_ready_points_to_the_module(client, barnehage, starter):
    user = UserFactory(industry=barnehage, roles=[Role.LEADER])
    client.force_login(user)
    main = main_of(client.get(reverse("profile")))
    link = main.select_one("#next-step a.button")
    assert link["href"] == reverse("module_detail", args=[starter.module.slug])


def test_first_login_without_industry_leads_to_the_profile(client, learner, content):
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.url == reverse("profile")


def test_login_of_someone_under_way_goes_home_or_where_asked(client, enrolment, learner):
    learner.industry = enrolment.industry
    learner.save()
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.url == "/"
    client.logout()
    response = client.post(
        reverse("account_login") + "?next=/teams/",
        {"login": learner.email, "password": PASSWORD, "next": "/teams/"},
    )
    assert response.url == "/teams/"


def test_profile_has_one_language_switch(client, learner, content):
    client.force_login(learner)
    page = BeautifulSoup(client.get(reverse("profile")).content, "html.parser")
    assert len(page.select("select[name=language]")) == 1  # the footer's


def test_module_page_shows_one_counter(client, learner, enrolment):
    client.force_login(learner)
    main = main_of(client.get(reverse("learn_page", args=[enrolment.pk, 1])))
    text = main.get_text(" ", strip=True)
    assert re.search(r"Side 1 av \d+", text)
    assert "steg" not in text.split(main.h1.get_text(strip=True))[0]
    assert len(main.select("progress")) == 1


def test_module_version_is_not_shown_to_learners(client, learner, starter):
    client.force_login(learner)
    text = main_of(client.get(reverse("module_detail", args=[starter.module.slug]))).get_text()
    assert "Versjon" not in text


def test_home_shows_the_first_step_to_someone_who_has_not_begun(client, learner, starter, bygg):
    client.force_login(learner)  # roles but no industry
    step = main_of(client.get(reverse("home"))).select_one("#next-step a.button")
    assert step["href"] == reverse("profile")
    learner.industry = bygg
    learner.save()
    step = main_of(client.get(reverse("home"))).select_one("#next-step a.button")
    assert step["href"] == reverse("module_detail", args=[starter.module.slug])


def test_home_has_no_first_step_once_under_way(client, learner, enrolment):
    client.force_login(learner)
    assert not main_of(client.get(reverse("home"))).select("#next-step")
