from django.urls import reverse

from mail.actions import queue_email


def test_operators_see_the_outbox_and_the_reminders_without_bodies(admin_client, db):
    queue_email("secret-person@example.test", "Hemmelig emne", "Hemmelig lenke")
    page = admin_client.get(reverse("admin:mail_email_changelist"))
    assert page.status_code == 200
    assert "pending" in page.content.decode()
    assert "Hemmelig lenke" not in page.content.decode()
    assert admin_client.get(reverse("admin:reminders_reminder_changelist")).status_code == 200
