from allauth.account.fields import PasswordField
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.account.forms import SetPasswordForm as AllauthSetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.actions import update_profile
from accounts.models import User
from base.roles import Role
from base.text import TextField
from modules.models import Industry
from organisations.selectors import organisation_by_public_id, organisation_groups

# The rules of settings.AUTH_PASSWORD_VALIDATORS in one short line, instead of Django's
# list of four sentences (tests/accounts checks the two stay in step).
PASSWORD_RULES = _(
    "At least 8 characters, not only digits, not a common password and not like your "
    "e-mail address."
)


class ShortPasswordRules:
    """The new password's rules as one line under the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password1" in self.fields:
            self.fields["password1"].help_text = PASSWORD_RULES


class ChangePasswordForm(ShortPasswordRules, AllauthChangePasswordForm):
    pass


class SetPasswordForm(ShortPasswordRules, AllauthSetPasswordForm):
    pass


class ResetPasswordKeyForm(ShortPasswordRules, AllauthResetPasswordKeyForm):
    pass


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


class SignupForm(ShortPasswordRules, AllauthSignupForm, ProfileFields):
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
    """Name, industry and roles. The language is chosen with the switch at the foot of
    every page (one switch, not two on this page)."""

    field_order = ["industry", "roles", "display_name"]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=User._meta.get_field("language").choices)
    next = TextField(required=False)


class OrganisationField(forms.ChoiceField):
    """An organisation chosen by its public id from a ``<select>`` grouped by the top of
    each hierarchy (works without JavaScript). Any existing organisation is accepted
    here; the action refuses one that learners may not choose, with its own message."""

    default_error_messages = {
        "invalid_choice": _("Choose an organisation from the list."),
    }

    def validate(self, value):
        forms.Field.validate(self, value)

    def clean(self, value):
        value = super().clean(value)
        organisation = organisation_by_public_id(value)
        if organisation is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid")
        return organisation


class JoinOrganisationForm(forms.Form):
    organisation = OrganisationField(
        label=_("Organisation"),
        help_text=_("Organisations are grouped under the confederation or union they belong to."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the site keeps that I belong to this organisation, and counts me "
            "in the figures its course owners see."
        ),
        required=False,
    )
    share_name = forms.BooleanField(
        label=_("Also show my name to this organisation's course owners (optional)."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once per form (a callable would be read again by the widget).
        self.fields["organisation"].choices = organisation_groups()


class NameSharingForm(forms.Form):
    share_name = forms.BooleanField(
        label=_("Show my name to this organisation's course owners"), required=False
    )


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password again: an unattended, logged-in phone
    must not be enough. Without a usable password (an account made for the person), a
    ticked box is asked instead."""

    # allauth's password field: a password is compared as typed, never cleaned.
    password = PasswordField(
        label=_("Your password"), required=False, autocomplete="current-password"
    )
    confirm = forms.BooleanField(
        label=_("Yes, delete my account and everything the site holds about me"), required=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        if not password:
            raise forms.ValidationError(_("Type your password to delete the account."))
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Nothing was deleted."))
        return password
