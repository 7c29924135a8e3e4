"""A member who completed the module in another industry joins a team: the completion
counts, no second enrolment at 0 %, and the team industry's pages are optional reading
(docs/decisions/0010-completion-counts-in-every-industry.md)."""

from bs4 import BeautifulSoup
from django.urls import reverse

from base.roles import Role
from modules.actions import enrol_learner, record_page_view, record_quiz_passed
from modules.models import Enrolment
from modules.selectors import learner_pages
from teams.actions import accept_invitation, invite
from teams.selectors import seats, status
from tests.conftest import client_for


def complete(enrolment):
    """Read every page and pass the quiz, through the player's own actions."""
    for entry in learner_pages(enrolment):
        record_page_view(enrolment, entry.page, entry.variant.language)
    record_quiz_passed(enrolment)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    return enrolment


def join(team, leader, person, role):
    accept_invitation(invite(team.public_id, role, acting_user=leader).token, acting_user=person)


def seat_of(team, person):
    return next(v for v in seats(team) if v.seat.user_id == person.pk)


def test_a_completion_in_another_industry_counts_and_adds_no_enrolment(
    team, leader, union_rep, starter, bygg, barnehage
):
    done = complete(enrol_learner(union_rep, starter, bygg, Role.UNION_REP))
    join(team, leader, union_rep, Role.UNION_REP)
    assert list(Enrolment.objects.filter(user=union_rep)) == [done]  # no second run at 0 %
    view = seat_of(team, union_rep)
    assert view.individual_done
    assert view.progress[0].enrolment == done
    assert not status(team, seats(team)).individual_done  # the leader has not finished


def test_the_team_counts_everyone_done_across_industries(
    team, leader, union_rep, starter, bygg, barnehage
):
    complete(enrol_learner(union_rep, starter, bygg, Role.UNION_REP))
    join(team, leader, union_rep, Role.UNION_REP)
    complete(Enrolment.objects.get(user=leader))
    views = seats(team)
    filled = [v for v in views if v.seat.user_id]
    assert filled and all(v.individual_done for v in filled)
    assert status(team, views).individual_done


def test_an_unfinished_run_elsewhere_does_not_count(team, leader, union_rep, starter, bygg):
    enrol_learner(union_rep, starter, bygg, Role.UNION_REP)
    join(team, leader, union_rep, Role.UNION_REP)
    view = seat_of(team, union_rep)
    assert view.progress[0].enrolment.industry == team.workplace.industry
    assert not view.individual_done


def test_team_page_says_it_counts_and_offers_the_pages_to_the_member_only(
    client, team, leader, union_rep, starter, bygg, barnehage
):
    done = complete(enrol_learner(union_rep, starter, bygg, Role.UNION_REP))
    join(team, leader, union_rep, Role.UNION_REP)
    url = reverse("team_detail", args=[team.public_id])

    page = BeautifulSoup(client_for(client, union_rep).get(url).content, "html.parser")
    seat = page.select_one("#seat-union_rep")
    assert f"fullført i bransjen {bygg.name}, og det teller for teamet" in seat.get_text(" ")
    button = seat.select_one("form.optional-reading button")
    assert button.get_text(strip=True) == f"Les sidene for {barnehage.name} (valgfritt)"
    # The next step is no longer "start your course".
    assert "Start kurset ditt" not in page.select_one("#next-step").get_text()

    # Reading the team industry's pages is optional and takes nothing away.
    form = seat.select_one("form.optional-reading")
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    response = client.post(form["action"], data)
    reading = Enrolment.objects.get(user=union_rep, industry=barnehage)
    assert response.url == reverse("learn_continue", args=[reading.pk])
    assert seat_of(team, union_rep).progress[0].enrolment == done

    client.logout()
    page = BeautifulSoup(client_for(client, leader).get(url).content, "html.parser")
    seat = page.select_one("#seat-union_rep")
    assert "og det teller for teamet" in seat.get_text(" ")
    assert not seat.select("form.optional-reading")  # only the member may enrol themselves


def test_a_completion_in_the_team_industry_comes_first(
    team, leader, union_rep, starter, bygg, barnehage
):
    complete(enrol_learner(union_rep, starter, bygg, Role.UNION_REP))
    join(team, leader, union_rep, Role.UNION_REP)
    here = complete(enrol_learner(union_rep, starter, barnehage, Role.UNION_REP))
    assert seat_of(team, union_rep).progress[0].enrolment == here


def test_module_page_says_a_completion_counts_in_every_industry(client, learner, starter, bygg):
    complete(enrol_learner(learner, starter, bygg, Role.UNION_REP))
    page = client_for(client, learner).get(reverse("module_detail", args=[starter.module.slug]))
    assert "teller i alle bransjer" in page.content.decode()
