from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, OwnerScope


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "org_number", "open_to_learners"]
    list_filter = ["kind", "open_to_learners"]
    search_fields = ["name", "org_number"]
    autocomplete_fields = ["parent"]


@admin.register(OwnerScope)
class OwnerScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "module_list", "created_at"]
    search_fields = ["organisation__name", "user__email"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]
    filter_horizontal = ["modules"]

    @admin.display(description=_("modules"))
    def module_list(self, obj):
        return ", ".join(str(m) for m in obj.modules.all()) or _("every module")


# Affiliations are not in the admin on purpose: a list of who belongs to which union is
# special-category data; staff see counts in the reports, never the list.
