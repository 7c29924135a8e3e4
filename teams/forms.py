"""Forms for teams. They check the shape of what was typed; the rules live in actions."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from base.roles import Role
from base.text import TextField
from modules.models import Industry, ModuleVersion
from teams.indicators import QUESTIONS, SCALE
from teams.models import SEAT_ROLES, ActionStatus, Workplace
from teams.orgnumber import normalise, validate_org_number

SEAT_CHOICES = [(r.value, r.label) for r in SEAT_ROLES]


class TeamCreateForm(forms.Form):
    # A new token each time the empty form is shown; sent back with the form, it makes a
    # second submit of the same form find the team the first one made.
    submit_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    workplace = forms.ModelChoiceField(
        label=_("Workplace"),
        queryset=Workplace.objects.none(),
        required=False,
        empty_label=_("A new workplace (fill in below)"),
    )
    name = TextField(label=_("Name of the workplace"), max_length=200, required=False)
    org_number = TextField(
        label=_("Organisation number"),
        required=False,
        max_length=20,
        help_text=_("9 digits. Leave it empty if the unit has none."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"), queryset=Industry.objects.all(), required=False
    )
    employees = forms.IntegerField(
        label=_("Number of employees"), min_value=1, max_value=1_000_000, required=False
    )
    roles = forms.MultipleChoiceField(
        label=_("Your seat in the team"),
        choices=SEAT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose two if you hold two roles (common in small workplaces)."),
        error_messages={"required": _("Choose the seat you hold in the team.")},
    )
    versions = forms.ModelMultipleChoiceField(
        label=_("Modules the team takes"),
        queryset=ModuleVersion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one module for the team.")},
    )

    def __init__(self, *args, user, workplaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = workplaces
        if not workplaces.exists():
            del self.fields["workplace"]
        versions = ModuleVersion.objects.filter(is_current=True).select_related("module")
        self.fields["versions"].queryset = versions
        self.fields["versions"].label_from_instance = lambda v: v.title_text
        self.fields["versions"].initial = [v.pk for v in versions if v.joint]
        self.fields["industry"].initial = user.industry_id
        self.fields["roles"].initial = [r for r in user.roles if r in Role.values][:1]
        self.fields["submit_token"].initial = uuid.uuid4

    def clean_org_number(self):
        value = normalise(self.cleaned_data["org_number"])
        if value:
            validate_org_number(value)
        return value

    def clean(self):
        data = super().clean()
        if data.get("workplace"):
            return data
        for name in ("name", "industry", "employees"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Needed for a new workplace."))
        return data

    def workplace_instance(self) -> Workplace:
        data = self.cleaned_data
        if data.get("workplace"):
            return data["workplace"]
        return Workplace(
            name=data["name"].strip(),
            org_number=data["org_number"],
            industry=data["industry"],
            employees=data["employees"],
        )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_("Leave it empty to share the link or the QR code yourself."),
    )


class AssessmentForm(forms.Form):
    """The four self-assessment questions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question in QUESTIONS.items():
            self.fields[key] = forms.TypedChoiceField(
                label=question,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this question.")},
            )

    def answers(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key in QUESTIONS}


class FactorsForm(forms.Form):
    """Up to five factors in ranked order: from the industry's list, or in your own words."""

    ROWS = 5

    def __init__(self, *args, factors: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— choose —"))] + [(f["key"], f["name"]) for f in factors]
        for i in range(1, self.ROWS + 1):
            self.fields[f"key_{i}"] = forms.ChoiceField(
                label=_("Factor %(rank)d") % {"rank": i}, choices=choices, required=False
            )
            self.fields[f"custom_{i}"] = TextField(
                label=_("or in your own words"), max_length=200, required=False
            )

    def clean(self):
        data = super().clean()
        items = []
        for i in range(1, self.ROWS + 1):
            key, custom = data.get(f"key_{i}", ""), data.get(f"custom_{i}", "").strip()
            if key and custom:
                self.add_error(
                    f"custom_{i}", _("Choose from the list or write your own, not both.")
                )
            elif key:
                items.append({"key": key})
            elif custom:
                items.append({"custom": custom})
        if not items and not self.errors:
            raise forms.ValidationError(_("Choose at least one factor."))
        data["items"] = items
        return data

    @classmethod
    def initial_for(cls, mapped: list[dict]) -> dict:
        initial = {}
        for i, item in enumerate(mapped, start=1):
            if item["key"]:
                initial[f"key_{i}"] = item["key"]
            else:
                initial[f"custom_{i}"] = item["name"]
        return initial


class PlanForm(forms.Form):
    """1-5 actions; empty rows are left out."""

    ROWS = 5
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, owners: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, self.ROWS + 1):
            self.fields[f"text_{i}"] = TextField(
                label=_("Action %(n)d") % {"n": i}, max_length=300, required=False
            )
            self.fields[f"owner_{i}"] = forms.ChoiceField(
                label=_("Owner"), choices=[("", _("— choose —")), *owners], required=False
            )
            self.fields[f"due_{i}"] = forms.DateField(
                label=_("Due date"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields[f"done_{i}"] = TextField(
                label=_("Done when"), max_length=300, required=False
            )

    def rows(self):
        """The form's fields grouped per action, for the template."""
        return [
            [self[f"{name}_{i}"] for name in ("text", "owner", "due", "done")]
            for i in range(1, self.ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        plan_actions = []
        for i in range(1, self.ROWS + 1):
            row = {
                "text": data.get(f"text_{i}", "").strip(),
                "owner_role": data.get(f"owner_{i}", ""),
                "due_date": data.get(f"due_{i}"),
                "done_means": data.get(f"done_{i}", "").strip(),
            }
            if not any(row.values()):
                continue
            if not row["text"]:
                self.add_error(f"text_{i}", _("Describe the action."))
            if not row["owner_role"]:
                self.add_error(f"owner_{i}", _("Choose who owns the action."))
            if not row["due_date"] and f"due_{i}" not in self.errors:
                self.add_error(f"due_{i}", _("Give a due date."))
            if not row["done_means"]:
                self.add_error(f"done_{i}", _("Say what “done” means."))
            plan_actions.append(row)
        if not plan_actions and not self.errors:
            raise forms.ValidationError(_("Write at least one action."))
        data["plan_actions"] = plan_actions
        return data

    @classmethod
    def initial_for(cls, plan) -> dict:
        initial = {"based_on": plan.number if plan else 0}
        for item in plan.actions.all() if plan else []:
            i = item.order
            initial.update(
                {
                    f"text_{i}": item.text,
                    f"owner_{i}": item.owner_role,
                    f"due_{i}": item.due_date,
                    f"done_{i}": item.done_means,
                }
            )
        return initial


class CheckInForm(AssessmentForm):
    """Each action's status and a comment, and the four questions again."""

    def __init__(self, *args, plan_actions, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_actions = list(plan_actions)
        self.previous = previous or {}
        for item in self.plan_actions:
            self.fields[f"status_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=ActionStatus.Status.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Give this action a status.")},
            )
            self.fields[f"comment_{item.pk}"] = TextField(
                label=_("Comment"), max_length=500, required=False
            )

    def action_rows(self):
        return [
            (a, self[f"status_{a.pk}"], self[f"comment_{a.pk}"], self.previous.get(a.pk))
            for a in self.plan_actions
        ]

    def assessment_fields(self):
        return [self[key] for key in QUESTIONS]

    def statuses(self) -> dict[int, tuple[str, str]]:
        return {
            a.pk: (self.cleaned_data[f"status_{a.pk}"], self.cleaned_data[f"comment_{a.pk}"])
            for a in self.plan_actions
        }
