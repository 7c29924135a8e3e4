from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.actions import update_profile
from accounts.models import User
from base.roles import Role
from base.text import TextField
from modules.models import Industry


class ProfileFields(forms.Form):
    display_name = TextField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Shown to your team. Leave empty to stay anonymous."),
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"),
        queryset=Industry.objects.all(),
        required=False,
        empty_label=_("Choose your industry"),
        help_text=_("Modules show cases from this industry."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Your roles at work"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose all that apply."),
    )


class SignupForm(AllauthSignupForm, ProfileFields):
    """allauth's sign-up (e-mail, password) plus what the learner tells about themselves."""

    field_order = ["email", "password1", "password2", "display_name", "industry", "roles"]

    def save(self, request):
        user = super().save(request)
        update_profile(
            user,
            display_name=self.cleaned_data.get("display_name", ""),
            language=user.language,
            industry=self.cleaned_data.get("industry"),
            roles=self.cleaned_data.get("roles", []),
        )
        return user


class ProfileForm(ProfileFields):
    language = forms.ChoiceField(
        label=_("Language"), choices=User._meta.get_field("language").choices
    )
    field_order = ["display_name", "language", "industry", "roles"]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=User._meta.get_field("language").choices)
    next = TextField(required=False)
