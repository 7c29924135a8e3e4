"""Destructive team actions confirm on a page of their own (no JavaScript), naming who and
what; the removed person is told on their home page, and by which seat."""

from bs4 import BeautifulSoup
from django.urls import reverse

from teams.actions import invite
from teams.models import Invitation, Seat, TeamEvent


def text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def test_removing_a_member_asks_first_naming_them_and_the_seat(client, trio, leader, union_rep):
    client.force_login(leader)
    url = reverse("seat_vacate", args=[trio.public_id, "union_rep"])
    detail = client.get(reverse("team_detail", args=[trio.public_id]))
    assert BeautifulSoup(detail.content, "html.parser").select_one(f"a[href='{url}']")
    page = client.get(url)
    assert page.status_code == 200
    assert "Fjerne Tore fra plassen «Tillitsvalgt»?" in text(page)
    form = BeautifulSoup(page.content, "html.parser").select_one("main form[method=post]")
    assert form is not None and not form.get("action")  # posts back to the same address
    assert Seat.objects.get(team=trio, role="union_rep").user == union_rep  # asking changed nothing

    client.post(url)
    assert Seat.objects.get(team=trio, role="union_rep").user is None
    event = TeamEvent.objects.get(team=trio, kind=TeamEvent.Kind.REMOVED)
    assert event.detail["by_role"] == "leader"

    client.force_login(union_rep)
    home = text(client.get("/"))
    assert "fjernet Leder deg fra plassen «Tillitsvalgt» i teamet hos Solstua barnehage" in home


def test_leaving_asks_first_and_says_it_means_leaving_the_team(client, trio, safety_rep):
    client.force_login(safety_rep)
    url = reverse("seat_vacate", args=[trio.public_id, "safety_rep"])
    page = text(client.get(url))
    assert "Forlate plassen «Verneombud»?" in page and "Du går ut av teamet" in page
    response = client.post(url)
    assert response["Location"] == reverse("team_list")
    client.get("/")
    assert "fjernet" not in text(client.get("/"))  # leaving is not being removed


def test_the_last_member_is_told_before_trying(client, team, leader):
    client.force_login(leader)
    page = client.get(reverse("seat_vacate", args=[team.public_id, "leader"]))
    assert "Teamets siste medlem kan ikke gå ut" in text(page)
    assert BeautifulSoup(page.content, "html.parser").select_one("main form") is None


def test_withdrawing_an_invitation_asks_first(client, team, leader):
    invitation = invite(team.public_id, "safety_rep", "vo@example.test", acting_user=leader)
    client.force_login(leader)
    url = reverse("invitation_revoke", args=[team.public_id, invitation.pk])
    page = text(client.get(url))
    assert "Trekke tilbake invitasjonen til plassen «Verneombud»?" in page
    assert "vo@example.test" in page
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None
    client.post(url)
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
    assert client.get(url).status_code == 404  # no longer open


def test_an_empty_seat_has_nothing_to_confirm(client, team, leader):
    client.force_login(leader)
    assert client.get(reverse("seat_vacate", args=[team.public_id, "union_rep"])).status_code == 404


def test_a_withdrawn_invitation_does_not_invite_in_its_heading(client, team, leader, outsider):
    from teams.actions import revoke_invitation

    invitation = invite(team.public_id, "safety_rep", acting_user=leader)
    revoke_invitation(team.public_id, invitation.pk, acting_user=leader)
    client.force_login(outsider)
    page = BeautifulSoup(
        client.get(reverse("team_join", args=[invitation.token])).content, "html.parser"
    )
    heading = page.h1.get_text()
    assert "Bli med" not in heading
    assert team.workplace.name not in heading  # a dead link names no workplace
