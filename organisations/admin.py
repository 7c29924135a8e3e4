from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.importer import ImportFailed, import_organisations
from organisations.models import Organisation, OwnerScope

MAX_CSV_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("Columns: name,kind,parent,org_number,open_to_learners (UTF-8)."),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "org_number", "open_to_learners"]
    list_filter = ["kind", "open_to_learners"]
    search_fields = ["name", "org_number"]
    autocomplete_fields = ["parent"]
    change_list_template = "admin/organisations/organisation/change_list.html"

    def get_urls(self):
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="organisations_organisation_import",
            )
        ]
        return own + super().get_urls()

    def import_view(self, request):
        """Upload the same CSV as ``manage.py import_organisations``: all or nothing."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        problems = []
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_CSV_BYTES:
                problems = [_("The file is larger than 2 MB.")]
            else:
                try:
                    result = import_organisations(upload.read())
                except ImportFailed as exc:
                    problems = exc.problems
                else:
                    messages.success(
                        request,
                        _(
                            "Imported: %(created)s new, %(updated)s updated, "
                            "%(unchanged)s unchanged."
                        )
                        % {
                            "created": len(result.created),
                            "updated": len(result.updated),
                            "unchanged": len(result.unchanged),
                        },
                    )
                    return redirect("admin:organisations_organisation_changelist")
        return TemplateResponse(
            request,
            "admin/organisations/organisation/import.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import organisations from CSV"),
                "form": form,
                "problems": problems,
                "opts": self.model._meta,
            },
            status=400 if request.method == "POST" else 200,
        )


@admin.register(OwnerScope)
class OwnerScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "module_list", "created_at"]
    search_fields = ["organisation__name", "user__email"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]
    filter_horizontal = ["modules"]

    @admin.display(description=gettext_lazy("modules"))
    def module_list(self, obj):
        return ", ".join(str(m) for m in obj.modules.all()) or _("every module")


# Affiliations are not in the admin on purpose: a list of who belongs to which union is
# special-category data; staff see counts in the reports, never the list.
