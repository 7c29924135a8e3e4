"""Typography and navigation on a phone: the current page marked in the menu, numbers
kept with their units, tables that scroll and can be reached by keyboard."""

from bs4 import BeautifulSoup
from django.template import Context, Template
from django.urls import reverse


def current(client, url) -> list[tuple[str, str]]:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [(a.get_text(), a["aria-current"]) for a in soup.select("nav a[aria-current]")]


def test_the_menu_marks_the_current_page_and_section(client, team, leader):
    assert current(client, reverse("account_login")) == [("Logg inn", "page")]
    client.force_login(leader)
    assert current(client, reverse("team_list")) == [("Team", "page")]
    assert current(client, reverse("team_detail", args=[team.public_id])) == [("Team", "true")]
    assert current(client, reverse("catalogue")) == [("Moduler", "page")]
    assert current(client, "/") == [("Min læring", "page")]


def test_a_percentage_never_wraps_away_from_its_number(client, enrolment, learner):
    client.force_login(learner)
    label = BeautifulSoup(client.get("/").content, "html.parser").select_one(".progress-label")
    assert "0\u00a0%" in label.get_text()


def test_a_page_table_scrolls_in_a_labelled_region_reached_by_keyboard():
    html = Template("{% load site %}{{ html|scrollable_tables }}").render(
        Context({"html": "<p>x</p><table><tr><td>1</td></tr></table>"})
    )
    region = BeautifulSoup(html, "html.parser").select_one("div.table-scroll")
    assert region["tabindex"] == "0" and region["role"] == "region"
    assert region["aria-label"] and region.find("table")
