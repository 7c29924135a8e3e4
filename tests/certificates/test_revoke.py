"""Only staff revoke, with a reason; everyone else is refused and nothing changes."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from certificates.actions import revoke_certificate
from certificates.models import Certificate
from tests.certificates.conftest import complete
from tests.factories import UserFactory
from tracking.models import Statement


@pytest.fixture
def holder(db):
    return UserFactory()


@pytest.fixture
def certificate(holder, basics, cleaning):
    complete(holder, basics, cleaning)
    return Certificate.objects.get(user=holder)


def unchanged(certificate) -> bool:
    certificate.refresh_from_db()
    revoked = Statement.objects.filter(verb__endswith="/verbs/had-revoked").exists()
    return certificate.revoked_at is None and not revoked


def test_staff_revoke_with_a_reason(certificate):
    staff = UserFactory(is_staff=True)
    revoke_certificate(certificate.pk, "  Fullført  av en annen\n", acting_user=staff)
    certificate.refresh_from_db()
    assert certificate.state() == "revoked"
    assert certificate.revoked_reason == "Fullført av en annen"
    assert certificate.revoked_by == staff
    statement = Statement.objects.get(verb__endswith="/verbs/had-revoked")
    assert statement.data["actor"]["account"]["name"] == str(certificate.user.xapi_id)
    # Revoking again changes nothing and records nothing more.
    revoke_certificate(certificate.pk, "Igjen", acting_user=staff)
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Fullført av en annen"
    assert Statement.objects.filter(verb__endswith="/verbs/had-revoked").count() == 1


def test_a_reason_is_required(certificate):
    with pytest.raises(ValueError):
        revoke_certificate(certificate.pk, "  ", acting_user=UserFactory(is_staff=True))
    assert unchanged(certificate)


@pytest.mark.parametrize("who", ["holder", "other", "anonymous"])
def test_learners_and_anonymous_are_refused(certificate, holder, who):
    acting = {"holder": holder, "other": UserFactory(), "anonymous": None}[who]
    with pytest.raises(PermissionDenied):
        revoke_certificate(certificate.pk, "Nei", acting_user=acting)
    assert unchanged(certificate)


def test_revoking_through_the_admin(client, certificate):
    staff = UserFactory(is_staff=True, is_superuser=True)
    url = reverse("admin:certificates_certificate_changelist")
    data = {"action": "revoke", "_selected_action": [certificate.pk]}
    client.force_login(certificate.user)  # a learner: no admin
    client.post(url, {**data, "apply": "1", "reason": "Nei"})
    assert unchanged(certificate)
    client.force_login(staff)
    asked = client.post(url, data)
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    assert unchanged(certificate)
    client.post(url, {**data, "apply": "1", "reason": "Juks"})
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Juks"


def test_anonymous_admin_post_changes_nothing(client, certificate):
    url = reverse("admin:certificates_certificate_changelist")
    response = client.post(
        url,
        {"action": "revoke", "_selected_action": [certificate.pk], "apply": "1", "reason": "x"},
    )
    assert response.status_code == 302
    assert unchanged(certificate)
