"""What people type and put in URLs, as an attacker would: odd digits in organisation
numbers, control characters and bidi overrides, double submits, old invitation links."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from teams.actions import accept_invitation, invite, revoke_invitation
from teams.models import PlanAction, Team, Workplace

NASTY = "So\x00l\x07st\u202eua\u2066 barne\x1bhage\x7f"  # NUL, BEL, RLO, LRI, ESC, DEL


def text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


@pytest.fixture
def new_team_form(barnehage, starter):
    return {
        "name": "Solstua barnehage",
        "org_number": "975 312 461",
        "industry": barnehage.pk,
        "employees": 18,
        "roles": ["leader"],
        "versions": [starter.pk],
    }


@pytest.mark.parametrize("number", ["²²²²²²²²²", "９７５３１２４６１", "٩٧٥٣١٢٤٦١"])
@pytest.mark.parametrize(
    "language,message",
    [
        ("nb", "Et organisasjonsnummer har 9 siffer."),
        ("pl", "Numer organizacyjny ma 9 cyfr."),
    ],
)
def test_digits_other_than_ascii_get_the_message_in_the_users_language(
    client, leader, new_team_form, number, language, message
):
    leader.language = language
    leader.save()
    client.force_login(leader)
    client.cookies["lang"] = language
    response = client.post(
        reverse("team_create"),
        {**new_team_form, "org_number": number},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert message in text(response)
    assert not Workplace.objects.exists()


def test_an_all_zero_number_is_refused(client, leader, new_team_form):
    client.force_login(leader)
    response = client.post(reverse("team_create"), {**new_team_form, "org_number": "000000000"})
    assert response.status_code == 400
    assert "000000000 er ikke et organisasjonsnummer" in text(response)
    assert not Team.objects.exists()


def test_control_characters_never_reach_a_workplace_name(client, leader, new_team_form):
    client.force_login(leader)
    response = client.post(reverse("team_create"), {**new_team_form, "name": NASTY})
    assert response.status_code == 302
    assert Workplace.objects.get().name == "Solstua barnehage"


def test_control_characters_never_reach_a_plan_or_a_display_name(client, team, leader):
    client.force_login(leader)
    due = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = client.post(
        reverse("team_plan_edit", args=[team.public_id]),
        {"based_on": 0, "text_1": NASTY, "owner_1": "leader", "due_1": due, "done_1": "Ok\x00"},
    )
    assert response.status_code == 302
    item = PlanAction.objects.get()
    assert (item.text, item.done_means) == ("Solstua barnehage", "Ok")
    response = client.post(
        reverse("profile"), {"display_name": "Le\u202ena\x00", "language": "nb", "roles": []}
    )
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.display_name == "Lena"


def test_a_check_in_comment_is_cleaned_too(trio, leader):
    from teams.forms import CheckInForm

    item = type("Item", (), {"pk": 7, "text": "x"})()
    data = {"status_7": "done", "comment_7": "fi\u2067x\x00ed\x9b"}
    data.update({key: "3" for key in ("attention", "insight", "practice", "cooperation")})
    form = CheckInForm(data, plan_actions=[item])
    assert form.is_valid(), form.errors
    assert form.statuses() == {7: ("done", "fixed")}


@pytest.mark.parametrize("path", ["/teams/join/%00/", "/teams/join/a%E2%80%AEb/", "/teams/?q=%00"])
def test_control_characters_in_a_url_are_a_400_not_a_500(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "Adressen inneholder tegn som ikke er tillatt." in text(response)


def test_control_characters_in_an_lrs_url_get_a_json_400(client, db):
    response = client.get("/xapi/statements%00")
    assert response.status_code == 400
    assert response.json()["error"].startswith("path: ")


def test_a_double_submitted_new_team_form_makes_one_team(client, leader, new_team_form):
    client.force_login(leader)
    page = BeautifulSoup(client.get(reverse("team_create")).content, "html.parser")
    token = page.find("input", {"name": "submit_token"})["value"]
    first = client.post(reverse("team_create"), {**new_team_form, "submit_token": token})
    second = client.post(reverse("team_create"), {**new_team_form, "submit_token": token})
    assert Team.objects.count() == 1 and Workplace.objects.count() == 1
    assert first["Location"] == second["Location"]
    fresh = BeautifulSoup(client.get(reverse("team_create")).content, "html.parser")
    other = fresh.find("input", {"name": "submit_token"})["value"]
    assert other != token
    client.post(reverse("team_create"), {**new_team_form, "submit_token": other})
    assert Team.objects.count() == 2


def test_a_used_or_withdrawn_link_does_not_name_the_workplace(
    client, team, leader, safety_rep, outsider
):
    used = invite(team.public_id, "safety_rep", acting_user=leader)
    live = invite(team.public_id, "union_rep", acting_user=leader)
    assert "Solstua barnehage" in text(client.get(reverse("team_join", args=[live.token])))
    accept_invitation(used.token, acting_user=safety_rep)
    revoke_invitation(team.public_id, live.pk, acting_user=leader)
    client.force_login(outsider)
    for token in (used.token, live.token):
        page = text(client.get(reverse("team_join", args=[token])))
        assert "Solstua" not in page, page
        assert "Invitasjon" in page
