from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import actions
from accounts.forms import LanguageForm, ProfileForm
from accounts.language import remember_language
from accounts.permissions import can_use_mfa
from accounts.selectors import start_step


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
