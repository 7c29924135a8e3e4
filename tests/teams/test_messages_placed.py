"""After a post without JavaScript the page lands where its message is: the message is
shown in the section the redirect's anchor points at, announced to screen readers."""

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation


def nb(message: str) -> str:
    with translation.override("nb"):
        return translation.gettext(message)


def landing(client, response):
    """The section the redirect's anchor lands on, and the page's top messages."""
    path, anchor = response["Location"].split("#")
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    return soup.find(id=anchor), soup.select_one("main > .messages")


def test_saving_the_factors_shows_the_message_where_the_page_lands(client, trio, leader):
    client.force_login(leader)
    response = client.post(reverse("team_factors", args=[trio.public_id]), {"key_1": "stoy"})
    section, top = landing(client, response)
    assert section["id"] == "plan"
    message = section.select_one(".message.success")
    assert message.get_text() == nb("The factors are saved.")
    assert message["role"] == "status"
    assert top is None  # not also far above the screen


def test_an_invitation_message_is_in_the_seats_section(client, team, leader):
    client.force_login(leader)
    url = reverse("seat_invite", args=[team.public_id, "safety_rep"])
    section, top = landing(client, client.post(url, {"email": ""}))
    assert section["id"] == "seat-safety_rep"
    assert section.select_one(".message.success").get_text() == nb(
        "The link is ready. Share it or show the QR code."
    )
    section, _top = landing(client, client.post(url, {"email": "not an address"}))
    assert section.select_one(".message.error")["role"] == "alert"


def test_a_message_without_a_place_stays_at_the_top(client, trio, leader):
    client.force_login(leader)
    response = client.post(reverse("seat_vacate", args=[trio.public_id, "union_rep"]))
    page = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert page.select_one("main > .messages .message.success")["role"] == "status"
