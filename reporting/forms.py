"""Forms of the reports. They check the shape of what was typed; the rules live in actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from base.text import TextField

LIFETIME_CHOICES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("One year")),
    ("never", _("Until I revoke it")),
]


class TokenForm(forms.Form):
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
