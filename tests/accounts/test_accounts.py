import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.permissions import COURSE_OWNER_GROUP
from tests.factories import PASSWORD, UserFactory

SIGNUP = {
    "email": "Ny.Tillitsvalgt@Example.test",
    "password1": "et-langt-passord-2026",
    "password2": "et-langt-passord-2026",
    "display_name": "Nora",
    "industry": "",
    "roles": ["union_rep", "safety_rep"],
}


def test_signup_with_profile(client, barnehage):
    data = {**SIGNUP, "industry": barnehage.pk}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 302
    user = User.objects.get(email="ny.tillitsvalgt@example.test")
    assert user.display_name == "Nora"
    assert user.industry == barnehage
    assert user.roles == ["safety_rep", "union_rep"]
    assert user.language == "nb"
    assert client.get(reverse("home")).context["user"] == user


def test_signup_in_english_stores_english(client, content):
    client.cookies["lang"] = "en"
    client.post(reverse("account_signup"), SIGNUP)
    assert User.objects.get().language == "en"


def test_bad_signup_shows_errors_in_norwegian_and_saves_nothing(client, content):
    data = {**SIGNUP, "email": "not-an-email", "password2": "something-else"}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "gyldig" in response.content.decode().lower()  # "Skriv inn en gyldig e-postadresse."


def test_mandatory_email_verification(
    client, content, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert not EmailAddress.objects.get().verified
    # Not logged in until the address is confirmed.
    assert client.get(reverse("profile")).status_code == 302


def test_login_and_logout(client, db):
    user = UserFactory(email="person@example.test")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("profile")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("profile")).status_code == 302


def test_login_sets_language_cookie_from_profile(client, db):
    user = UserFactory(language="en")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.cookies["lang"].value == "en"


def test_failed_logins_are_rate_limited(client, db):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_mail(client, db, django_capture_on_commit_callbacks):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    assert user.email in mail.outbox[0].to


def test_profile_update(client, learner, bygg):
    client.force_login(learner)
    response = client.post(
        reverse("profile"),
        {"display_name": "  Ida ", "language": "en", "industry": bygg.pk, "roles": ["leader"]},
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    # The language is the footer switch's, not the profile form's (one switch per page).
    assert (learner.display_name, learner.language, learner.industry, learner.roles) == (
        "Ida",
        "nb",
        bygg,
        ["leader"],
    )


def test_bad_profile_input_changes_nothing(client, learner, content):
    client.force_login(learner)
    response = client.post(
        reverse("profile"), {"display_name": "x", "language": "fr", "roles": ["astronaut"]}
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    learner.refresh_from_db()
    assert learner.display_name != "x" and learner.language == "nb"


def test_set_language_ignores_foreign_next(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.url == "/"
    assert response.cookies["lang"].value == "en"


def test_set_language_rejects_unknown_language(client, db):
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/modules/"})
    assert response.url == "/modules/"
    assert "lang" not in response.cookies


@pytest.mark.parametrize("who", ["learner", "staff", "course_owner"])
def test_mfa_only_for_staff_and_course_owners(client, db, who):
    user = UserFactory(is_staff=who == "staff")
    if who == "course_owner":
        from django.contrib.auth.models import Group

        user.groups.add(Group.objects.create(name=COURSE_OWNER_GROUP))
    client.force_login(user)
    index = client.get(reverse("mfa_index"))
    activate = client.get(reverse("mfa_activate_totp"))
    if who == "learner":
        assert index.status_code == activate.status_code == 404
        assert "mfa_index" not in client.get(reverse("profile")).content.decode()
    else:
        assert index.status_code == 200
        assert activate.status_code in (200, 302)  # 302: allauth asks to re-authenticate


def test_email_never_in_urls_of_learner_pages(client, learner, enrolment):
    client.force_login(learner)
    html = client.get(reverse("home")).content.decode()
    assert learner.email not in html.replace(f'value="{learner.email}"', "")


@pytest.mark.parametrize("name", ["account_signup", "account_login"])
def test_the_account_forms_leave_errors_to_the_site(client, db, name):
    """novalidate: an empty form is answered by the page in the user's language, never by
    the browser's own bubble in the browser's language."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get(reverse(name)).content, "html.parser")
    forms = page.select("main form[method=post]")
    assert forms and all(f.has_attr("novalidate") for f in forms)
