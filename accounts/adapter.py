from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import get_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """New accounts start in the language the person signed up in."""
        user = super().save_user(request, user, form, commit=False)
        language = (get_language() or "nb").split("-")[0]
        user.language = language if language in ("nb", "en") else "nb"
        if commit:
            user.save()
        return user
