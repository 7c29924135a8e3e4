"""The reports' filters: GET forms (no JavaScript), validated before any figure is read."""

from django import forms
from django.utils.translation import gettext_lazy as _

from base.roles import Role
from base.text import TextField
from modules.models import Industry
from reporting import selectors


class ReportFilter(forms.Form):
    """Module, industry, role, period and breakdown for the completion figures."""

    module = forms.TypedChoiceField(label=_("Module"), required=False, coerce=int, empty_value=None)
    industry = forms.ModelChoiceField(
        label=_("Industry"),
        queryset=Industry.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All industries"),
    )
    role = forms.ChoiceField(label=_("Role"), required=False)
    since = forms.DateField(
        label=_("Enrolled from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Enrolled until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    by = forms.ChoiceField(label=_("Break down by"), required=False)

    def __init__(self, *args, modules: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [("", _("All modules")), *modules]
        self.fields["role"].choices = [("", _("All roles")), *Role.choices]
        self.fields["by"].choices = [
            ("", _("Module")),
            *((key, label) for key, label in selectors.BREAKDOWNS.items()),
        ]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "module": data.get("module"),
            "industry": data.get("industry"),
            "role": data.get("role") or None,
            "since": data.get("since"),
            "until": data.get("until"),
        }


class ModuleChoice(forms.Form):
    module = forms.TypedChoiceField(label=_("Module"), coerce=int)

    def __init__(self, *args, modules: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = modules


class YearChoice(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


LIFETIME_CHOICES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("One year")),
    ("never", _("Until I revoke it")),
]


class TokenForm(forms.Form):
    """A new API token: a name to recognise it by, and how long it works."""

    name = TextField(
        label=_("Name"),
        max_length=100,
        help_text=_("What will use the token, e.g. “Annual report spreadsheet”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    lifetime = forms.ChoiceField(label=_("Works for"), choices=LIFETIME_CHOICES, initial="90")

    def days(self) -> int | None:
        value = self.cleaned_data["lifetime"]
        return None if value == "never" else int(value)
