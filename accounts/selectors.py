"""Reads about accounts: where a person who has just signed up or logged in goes next,
and the account in the person's own data download."""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from modules.models import Enrolment, ModuleVersion
from modules.selectors import catalogue


def needs_profile(user) -> bool:
    """Without an industry and a role the module can't show the learner's own cases."""
    return not user.industry_id or not user.roles


def first_module(user) -> ModuleVersion | None:
    """The module to start with: the first in the catalogue for the person's industry and
    first role, else the first in the catalogue; never a refresher (it is for those who
    have taken the module it refreshes)."""
    industry = user.industry.slug if user.industry_id else ""
    role = user.roles[0] if user.roles else ""
    for versions in (catalogue(industry=industry, role=role), catalogue()):
        first = next((v for v in versions if not v.refreshes), None)
        if first:
            return first
    return None


@dataclass
class StartStep:
    """The next step for someone who has not begun: ``profile`` (choose industry and
    role), ``module`` (start ``version``), or None when they are under way."""

    kind: str | None
    version: ModuleVersion | None = None


def start_step(user) -> StartStep:
    if needs_profile(user):
        return StartStep("profile")
    if Enrolment.objects.filter(user=user).exists():
        return StartStep(None)
    version = first_module(user)
    return StartStep("module", version) if version else StartStep(None)


def start_url(user) -> str:
    """Where to go after sign-up or log-in when no ``next`` was asked for: the profile's
    industry and role first, then straight to the module, else the home page."""
    step = start_step(user)
    if step.kind == "profile":
        return reverse("profile")
    if step.kind == "module":
        return reverse("module_detail", args=[step.version.module.slug])
    return resolve_url(settings.LOGIN_REDIRECT_URL)


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
