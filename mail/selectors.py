"""Reads about the outbox."""

from mail.models import Email


def personal_data(user) -> dict:
    """The e-mails the site sent, or will send, to any of the person's addresses."""
    from allauth.account.models import EmailAddress

    addresses = {user.email.lower()}
    addresses |= {
        a.lower() for a in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    rows = Email.objects.filter(to__in=addresses).order_by("created_at", "pk")
    return {
        "emails": [
            {
                "to": e.to,
                "subject": e.subject,
                "text": e.text,
                "status": e.status,
                "created_at": e.created_at,
                "sent_at": e.sent_at,
            }
            for e in rows
        ]
    }
