from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import get_language

from accounts.language import remember_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """New accounts start in the language the person signed up in."""
        user = super().save_user(request, user, form, commit=False)
        language = (get_language() or "nb").split("-")[0]
        user.language = language if language in dict(settings.LANGUAGES) else "nb"
        if commit:
            user.save()
        return user

    def post_login(self, request, user, **kwargs):
        """Remember the learner's language in the language cookie, so every later page is
        shown in it without loading the profile on each request."""
        response = super().post_login(request, user, **kwargs)
        if user.language and hasattr(response, "set_cookie"):
            remember_language(response, user.language)
        return response
