"""Team pages and actions: members only. Everyone else gets 404 (the team's existence is
not revealed) and nothing changes; anonymous visitors are sent to log in."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.permissions import COURSE_OWNER_GROUP
from teams.actions import create_team, invite, save_plan
from teams.models import Seat, TeamEvent, Workplace
from tests.factories import UserFactory
from tests.teams.helpers import plan_actions

# Team URLs that are not about one team: each says why everyone may reach it.
NOT_TEAM_SCOPED = {
    "team_list": "a member's own teams",
    "team_create": "starts a new team",
    "team_join": "reached by an invitation's token, checked by its own tests",
}
SAMPLE_ARGS = {"role": "union_rep", "invitation_id": 1, "number": 1}
# Pages (GET) a member opens; every other team URL is a form's target.
PAGES = {"team_detail", "team_session", "team_revision", "team_plan_edit", "team_check_in"}


def team_patterns():
    """Every named pattern of teams/urls.py, read from the URLconf: a new URL cannot escape
    the tests below."""
    from teams.urls import urlpatterns

    return [(p.name, list(p.pattern.converters)) for p in urlpatterns]


def urls(team):
    out = {"get": [], "post": []}
    for name, params in team_patterns():
        if name in NOT_TEAM_SCOPED:
            continue
        assert "public_id" in params, f"{name}: a team URL must take the team's public_id"
        kwargs = {p: team.public_id if p == "public_id" else SAMPLE_ARGS[p] for p in params}
        url = reverse(name, kwargs=kwargs)
        if name in PAGES:
            out["get"].append(url)
        out["post"].append(url)  # a page posted to is refused the same way
    return out


def test_every_team_url_is_read_from_the_urlconf():
    names = {name for name, _params in team_patterns()}
    assert PAGES <= names
    assert set(NOT_TEAM_SCOPED) <= names
    for name in names - set(NOT_TEAM_SCOPED):
        assert name in {n for n, params in team_patterns() if "public_id" in params}, name


@pytest.fixture
def course_owner(db):
    user = UserFactory(email="owner@example.test")
    user.groups.add(Group.objects.get_or_create(name=COURSE_OWNER_GROUP)[0])
    return user


@pytest.fixture
def other_team_member(content, barnehage):
    member = UserFactory(email="elsewhere@example.test")
    create_team(
        Workplace(name="Annen barnehage", industry=barnehage, employees=9),
        ["leader"],
        [content],
        acting_user=member,
    )
    return member


@pytest.fixture
def busy_team(team, leader, safety_rep):
    from teams.actions import accept_invitation

    accept_invitation(
        invite(team.public_id, "safety_rep", acting_user=leader).token, acting_user=safety_rep
    )
    save_plan(team.public_id, 0, plan_actions("leader"), acting_user=leader)
    invite(team.public_id, "union_rep", "tv@example.test", acting_user=leader)
    return team


def snapshot(team):
    return (
        list(Seat.objects.filter(team=team).values_list("role", "state", "user_id")),
        TeamEvent.objects.filter(team=team).count(),
        team.plan_versions.count(),
        team.invitations.filter(revoked_at=None).count(),
    )


@pytest.mark.parametrize("who", ["outsider", "other_team_member", "course_owner"])
def test_people_outside_the_team_get_404_and_change_nothing(client, busy_team, who, request):
    client.force_login(request.getfixturevalue(who))
    before = snapshot(busy_team)
    for url in urls(busy_team)["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls(busy_team)["post"]:
        assert client.post(url, {"number": 1, "email": ""}).status_code == 404, url
    assert snapshot(busy_team) == before


def test_staff_are_not_members_either(client, busy_team, admin_user):
    client.force_login(admin_user)
    assert client.get(urls(busy_team)["get"][0]).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, busy_team):
    before = snapshot(busy_team)
    for url in urls(busy_team)["get"] + urls(busy_team)["post"]:
        response = client.post(url) if url in urls(busy_team)["post"] else client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert snapshot(busy_team) == before


def test_a_member_who_left_loses_access(client, busy_team, safety_rep):
    from teams.actions import vacate_seat

    vacate_seat(busy_team.public_id, "safety_rep", acting_user=safety_rep)
    client.force_login(safety_rep)
    assert client.get(urls(busy_team)["get"][0]).status_code == 404


def test_members_see_progress_but_never_quiz_answers(
    client, busy_team, leader, safety_rep, starter
):
    from modules.models import Enrolment
    from quizzes.actions import start_attempt, submit_attempt
    from quizzes.models import Choice, Question

    enrolment = Enrolment.objects.get(user=safety_rep)
    attempt = start_attempt(enrolment)
    wrong = {}
    for q in Question.objects.filter(quiz=attempt.quiz).prefetch_related("choices"):
        wrong[q.key] = [next(c.key for c in q.choices.all() if not c.is_correct)]
    submit_attempt(attempt, wrong)
    client.force_login(leader)
    page = client.get(reverse("team_detail", args=[busy_team.public_id])).content.decode()
    assert "Vera" in page and "0 av 5 sider lest" in page
    for choice in Choice.objects.filter(question__quiz=attempt.quiz):
        for text in choice.feedback.values():
            assert text not in page
    # No link into another member's enrolment (only into the viewer's own course).
    assert f"/learn/{enrolment.pk}/" not in page


def test_members_get_200_everywhere(client, busy_team, leader, safety_rep):
    for member in (leader, safety_rep):
        client.force_login(member)
        for url in urls(busy_team)["get"][:4]:
            assert client.get(url).status_code == 200, url
