"""Reads about accounts."""


def personal_data(user) -> dict:
    """The account itself, for the person's own data download: never a password hash,
    an MFA secret or a recovery code (only whether a second factor is set up)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "email": user.email,
        "display_name": user.display_name,
        "language": user.language,
        "industry": user.industry.slug if user.industry_id else None,
        "roles": list(user.roles),
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_staff": user.is_staff,
        "xapi_actor_id": user.xapi_id,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "two_factor_authentication": Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists(),
    }
