from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from base.roles import Role
from modules.models import Industry, ModuleVersion


class CatalogueFilter(forms.Form):
    industry = forms.ModelChoiceField(
        label=_("Industry"),
        queryset=Industry.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All industries"),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False
    )
    lang = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *settings.LANGUAGES],
        required=False,
    )


class EnrolForm(forms.Form):
    industry = forms.ModelChoiceField(
        label=_("Your industry"),
        queryset=Industry.objects.none(),
        to_field_name="slug",
        empty_label=None,
        help_text=_("The cases in the module come from this industry."),
    )
    role = forms.ChoiceField(
        label=_("Your role"),
        choices=(),
        help_text=_("Some pages are written for your role."),
    )

    def __init__(self, *args, version: ModuleVersion, user, **kwargs):
        super().__init__(*args, **kwargs)
        from modules.selectors import industries_for

        self.fields["industry"].queryset = industries_for(version)
        self.fields["role"].choices = [(r, Role(r).label) for r in version.roles]
        if not self.is_bound:
            if user.industry_id:
                self.initial["industry"] = getattr(user.industry, "slug", None)
            role = next((r for r in user.roles if r in version.roles), None)
            if role:
                self.initial["role"] = role
