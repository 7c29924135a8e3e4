from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import actions
from accounts.forms import JoinOrganisationForm, LanguageForm, NameSharingForm, ProfileForm
from accounts.language import remember_language
from accounts.permissions import can_use_mfa
from accounts.selectors import start_step
from base import personal_data
from organisations import actions as organisation_actions
from organisations.selectors import affiliations_of


@login_required
def profile(request):
    """The profile, with the next step for someone who has not begun: choose industry and
    role here, then on to the module."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            actions.update_profile(user, language=user.language, **form.cleaned_data)
            step = start_step(user)
            if step.kind == "module":
                messages.success(request, _("Your profile is saved. Now start the module."))
                return redirect("module_detail", slug=step.version.module.slug)
            messages.success(request, _("Your profile is saved."))
            return redirect("profile")
    else:
        form = ProfileForm(
            initial={
                "display_name": user.display_name,
                "industry": user.industry_id,
                "roles": user.roles,
            }
        )
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "can_use_mfa": can_use_mfa(user), "step": start_step(user)},
    )


@require_POST
def set_language(request):
    """Switch the interface language (a plain form, works without JavaScript)."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            actions.set_language(request.user, language)
        remember_language(response, language)
    return response


def admin_login(request):
    """The admin has no login of its own: it sends people to allauth's, which asks for
    the second factor and counts failed attempts. Someone logged in without admin
    access goes home (allauth would send them straight back: a loop)."""
    if request.user.is_authenticated:
        return redirect("home")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    target = target or reverse("admin:index")
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


@login_required
def organisations(request):
    """The organisations the learner has said they belong to, and the form to add one
    (with the explicit consent it needs)."""
    user = request.user
    status = 200
    if request.method == "POST":
        form = JoinOrganisationForm(request.POST)
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            try:
                organisation_actions.join_organisation(
                    user,
                    organisation,
                    consent=form.cleaned_data["consent"],
                    share_name=form.cleaned_data["share_name"],
                )
            except ValidationError as exc:
                field = "consent" if exc.code == "consent" else "organisation"
                form.add_error(field, exc)
            else:
                messages.success(
                    request,
                    _("Saved: you belong to %(organisation)s.") % {"organisation": organisation},
                )
                return redirect("profile_organisations")
        status = 400
    else:
        form = JoinOrganisationForm()
    affiliations = [
        (
            affiliation,
            NameSharingForm(
                initial={"share_name": affiliation.share_name},
                auto_id=f"id_%s_{affiliation.organisation.public_id}",  # one id per card
            ),
        )
        for affiliation in affiliations_of(user).order_by("organisation__name")
    ]
    return render(
        request,
        "accounts/organisations.html",
        {"form": form, "affiliations": affiliations},
        status=status,
    )


def _own_affiliation(user, public_id):
    """The person's own affiliation to that organisation, or 404: someone else's (or
    none) is not revealed."""
    affiliation = affiliations_of(user).filter(organisation__public_id=public_id).first()
    if affiliation is None:
        raise Http404
    return affiliation


@login_required
@require_POST
def organisation_name_sharing(request, public_id):
    affiliation = _own_affiliation(request.user, public_id)
    form = NameSharingForm(request.POST)
    form.is_valid()  # a checkbox: anything but "on" is "no"
    share = bool(form.cleaned_data.get("share_name"))
    organisation_actions.set_name_sharing(request.user, affiliation.organisation, share=share)
    if share:
        message = _("%(organisation)s's course owners may now see your name.")
    else:
        message = _("%(organisation)s's course owners no longer see your name.")
    messages.success(request, message % {"organisation": affiliation.organisation})
    return redirect("profile_organisations")


@login_required
def organisation_leave(request, public_id):
    """GET asks for confirmation (no JavaScript needed); POST withdraws the consent."""
    affiliation = _own_affiliation(request.user, public_id)
    if request.method != "POST":
        return render(request, "accounts/confirm_leave.html", {"affiliation": affiliation})
    organisation_actions.leave_organisation(request.user, affiliation.organisation)
    messages.success(
        request,
        _("Withdrawn: the site no longer keeps that you belong to %(organisation)s.")
        % {"organisation": affiliation.organisation},
    )
    return redirect("profile_organisations")


@login_required
def my_data(request):
    """Everything the site holds about the person, as a JSON download."""
    data = personal_data.collect(request.user)
    response = JsonResponse(
        data, encoder=personal_data.Encoder, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    filename = f"my-data-{data['exported_at'][:10]}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
