"""Deleting one's own account (the action is ``accounts.actions.delete_account``)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts import actions
from accounts.forms import DeleteAccountForm


@never_cache
@login_required
def delete_account(request):
    """GET explains what deletion does and asks for the password; POST deletes."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        actions.delete_account(user, acting_user=user)
        logout(request)
        messages.success(request, _("Your account is deleted."))
        return redirect("home")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "download_url": reverse("profile_data")}
    return render(request, "accounts/delete.html", context, status=status)
