"""The team pages through HTTP, as the members use them (bokmål, the default)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from modules.models import Enrolment
from teams.models import Invitation, Seat, Team, Workplace
from tests.conftest import ORG_NUMBER


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


def test_the_leader_creates_a_team(client, leader, new_team_form, starter):
    client.force_login(leader)
    form_page = client.get(reverse("team_create"))
    assert form_page.status_code == 200
    response = client.post(reverse("team_create"), new_team_form)
    team = Team.objects.get()
    assert response["Location"] == reverse("team_detail", args=[team.public_id])
    assert team.workplace.org_number == ORG_NUMBER
    assert Seat.objects.get(team=team, role="leader").user == leader
    assert Enrolment.objects.get(user=leader).role == "leader"
    page = text(client.get(response["Location"]))
    assert "Teamet er opprettet" in page
    assert "Ledig" in page  # the two other seats


def test_a_wrong_check_digit_is_explained_and_nothing_is_created(client, leader, new_team_form):
    client.force_login(leader)
    response = client.post(reverse("team_create"), {**new_team_form, "org_number": "975312462"})
    assert response.status_code == 400
    assert "Kontrollsifferet (det siste sifferet) er feil" in text(response)
    assert not Workplace.objects.exists() and not Team.objects.exists()


def test_a_team_without_a_seat_or_workplace_details_is_refused(client, leader, new_team_form):
    client.force_login(leader)
    response = client.post(
        reverse("team_create"), {**new_team_form, "roles": [], "name": "", "employees": ""}
    )
    assert response.status_code == 400
    page = text(response)
    assert "Velg plassen du har i teamet." in page
    assert "Må fylles ut for en ny arbeidsplass." in page
    assert not Team.objects.exists()


def test_a_second_team_can_reuse_a_workplace(client, leader, team):
    client.force_login(leader)
    form = client.get(reverse("team_create"))
    assert "Solstua barnehage" in text(form)
    response = client.post(
        reverse("team_create"),
        {
            "workplace": team.workplace.pk,
            "roles": ["leader"],
            "versions": [v.pk for v in team.versions.all()],
        },
    )
    assert response.status_code == 302
    assert Team.objects.filter(workplace=team.workplace).count() == 2


def test_inviting_shows_the_link_and_a_qr_code(client, leader, team):
    client.force_login(leader)
    response = client.post(
        reverse("seat_invite", args=[team.public_id, "safety_rep"]), {"email": ""}
    )
    assert response.status_code == 302
    page = client.get(reverse("team_detail", args=[team.public_id]))
    invitation = Invitation.objects.get(team=team, role="safety_rep")
    soup = BeautifulSoup(page.content, "html.parser")
    seat = soup.find(id="seat-safety_rep")
    assert f"/teams/join/{invitation.token}/" in seat.get_text()
    qr = seat.find("figure", class_="qr")
    assert qr["aria-label"] and qr.find("svg") is not None


def test_inviting_by_e_mail(client, leader, team, django_capture_on_commit_callbacks):
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("seat_invite", args=[team.public_id, "union_rep"]), {"email": "tv@example.test"}
        )
    assert mail.outbox[0].to == ["tv@example.test"]
    assert "Bli med i arbeidsmiljøteamet" in mail.outbox[0].subject


def test_a_bad_e_mail_address_is_refused(client, leader, team):
    client.force_login(leader)
    client.post(reverse("seat_invite", args=[team.public_id, "union_rep"]), {"email": "nope"})
    assert not Invitation.objects.exists()


def test_an_unknown_seat_is_404(client, leader, team):
    client.force_login(leader)
    assert client.post(reverse("seat_invite", args=[team.public_id, "boss"])).status_code == 404


def test_joining_through_the_link(client, leader, safety_rep, team):
    from teams.actions import invite

    invitation = invite(team.public_id, "safety_rep", acting_user=leader)
    url = reverse("team_join", args=[invitation.token])

    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert "Logg inn eller registrer deg først" in text(anonymous)
    assert client.post(url)["Location"].startswith(reverse("account_login"))

    client.force_login(safety_rep)
    page = client.get(url)
    assert "Verneombud" in text(page)
    response = client.post(url)
    assert response["Location"] == reverse("team_detail", args=[team.public_id])
    again = client.post(url)
    assert again.status_code == 400
    assert "Denne invitasjonen er allerede brukt." in text(again)


def test_an_expired_or_unknown_link_says_so(client, leader, team, outsider):
    import time_machine

    from teams.actions import invite

    invitation = invite(team.public_id, "safety_rep", acting_user=leader)
    client.force_login(outsider)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        client.force_login(outsider)
        page = client.get(reverse("team_join", args=[invitation.token]))
        assert "Denne invitasjonen har gått ut" in text(page)
        assert client.post(reverse("team_join", args=[invitation.token])).status_code == 400
    assert client.get(reverse("team_join", args=["nope"])).status_code == 404
    assert Seat.objects.get(team=team, role="safety_rep").state == "open"


def test_one_person_in_two_seats_is_shown_as_such(client, leader, team):
    from teams.actions import accept_invitation, invite

    accept_invitation(
        invite(team.public_id, "union_rep", acting_user=leader).token, acting_user=leader
    )
    client.force_login(leader)
    page = text(client.get(reverse("team_detail", args=[team.public_id])))
    assert "Har også: Tillitsvalgt" in page
    assert "Har også: Leder" in page


def test_the_session_page_and_its_forms(client, trio, leader):
    client.force_login(leader)
    url = reverse("team_session", args=[trio.public_id])
    page = client.get(url)
    assert page.status_code == 200
    assert "Hva gjør en god dag på jobb hos oss?" in text(page)  # the module's prompts
    soup = BeautifulSoup(page.content, "html.parser")
    options = [o.get_text() for o in soup.select("select[name=key_1] option")]
    assert "Høye emosjonelle krav" in options  # barnehage's list

    bad = client.post(
        reverse("team_factors", args=[trio.public_id]), {"key_1": "stoy", "custom_1": "x"}
    )
    assert bad.status_code == 400 and "ikke begge" in text(bad)
    assert not trio.factors.exists()

    missing = client.post(reverse("team_baseline", args=[trio.public_id]), {"attention": 2})
    assert missing.status_code == 400 and "Svar på dette spørsmålet." in text(missing)

    plan = client.post(
        reverse("team_plan_edit", args=[trio.public_id]),
        {"based_on": 0, "text_1": "Nye stoler", "owner_1": "leader", "done_1": "Kjøpt"},
    )
    assert plan.status_code == 400 and "Sett en frist." in text(plan)
    assert not trio.plan_versions.exists()


def test_the_revision_tells_open_pages_that_something_changed(client, trio, leader):
    from teams.actions import map_factors

    client.force_login(leader)
    url = reverse("team_revision", args=[trio.public_id])
    before = client.get(url).json()["revision"]
    map_factors(trio.public_id, [{"key": "stoy"}], acting_user=leader)
    assert client.get(url).json()["revision"] > before


def test_confirming_a_stale_version_through_http(client, trio, leader, safety_rep):
    from teams.actions import save_plan
    from tests.teams.helpers import plan_actions

    v1 = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    save_plan(trio.public_id, v1.number, plan_actions("safety_rep"), acting_user=leader)
    client.force_login(safety_rep)
    response = client.post(
        reverse("team_plan_confirm", args=[trio.public_id]), {"number": v1.number}, follow=True
    )
    assert "Planen er endret siden du åpnet den" in text(response)
    assert not trio.plan_versions.get(number=2).confirmations.exists()


def test_the_team_list(client, leader, team, outsider):
    client.force_login(leader)
    assert "Solstua barnehage" in text(client.get(reverse("team_list")))
    client.force_login(outsider)
    page = text(client.get(reverse("team_list")))
    assert "Solstua barnehage" not in page
    assert "Du er ikke med i noe team ennå." in page


def test_the_pages_in_english(client, trio, leader):
    client.force_login(leader)
    client.cookies["lang"] = "en"
    page = text(client.get(reverse("team_detail", args=[trio.public_id])))
    assert "Where the team is" in page and "Seats" in page


def test_the_home_page_lists_the_members_teams(client, trio, union_rep, outsider):
    client.force_login(union_rep)
    page = text(client.get("/"))
    assert "Dine team" in page and "Solstua barnehage" in page
    client.force_login(outsider)
    assert "Solstua barnehage" not in text(client.get("/"))
