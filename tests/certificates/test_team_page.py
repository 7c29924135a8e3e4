"""The team page shows each seat's certificate and its expiry, to the team's members only."""

from datetime import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from base.roles import Role
from modules.actions import record_page_view
from modules.models import Enrolment, Page
from teams.actions import accept_invitation, create_team, invite
from teams.models import Workplace
from tests.conftest import ORG_NUMBER
from tests.factories import UserFactory

TZ = timezone.get_current_timezone()


def test_members_see_each_seats_certificate_and_outsiders_see_nothing(client, basics, cleaning):
    leader = UserFactory(display_name="Lena", roles=[Role.LEADER])
    rep = UserFactory(display_name="Vera", roles=[Role.SAFETY_REP])
    outsider = UserFactory(display_name="Otto")
    workplace = Workplace(
        name="Rent og pent", org_number=ORG_NUMBER, industry=cleaning, employees=12
    )
    team = create_team(workplace, [Role.LEADER], [basics], acting_user=leader)
    token = invite(team.public_id, Role.SAFETY_REP, acting_user=leader).token
    accept_invitation(token, acting_user=rep)
    enrolment = Enrolment.objects.get(user=leader)
    with time_machine.travel(datetime(2027, 3, 15, 12, tzinfo=TZ), tick=False):
        for page in Page.objects.filter(version=basics):
            record_page_view(enrolment, page, "nb")
    url = reverse("team_detail", args=[team.public_id])

    client.force_login(rep)
    html = client.get(url).content.decode()
    leader_seat = html.split('id="seat-leader"', 1)[1].split("</section>", 1)[0]
    assert "Kursbevis for «Grunnkurs i arbeidsmiljø»" in leader_seat
    assert "gyldig til 15. mars 2029" in leader_seat
    rep_seat = html.split('id="seat-safety_rep"', 1)[1].split("</section>", 1)[0]
    assert "Kursbevis for" not in rep_seat  # not completed yet

    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code == 404
    assert "Kursbevis" not in response.content.decode()
