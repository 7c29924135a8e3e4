from django.contrib import admin

from modules.models import Enrolment, Industry, ModuleVersion, PageVariant


class ReadOnly(admin.ModelAdmin):
    """Content comes from modules/content/ through import_content, not from the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Industry)
class IndustryAdmin(ReadOnly):
    list_display = ["slug", "name_nb", "name_en", "name_pl", "order"]


@admin.register(ModuleVersion)
class ModuleVersionAdmin(ReadOnly):
    list_display = [
        "module",
        "label",
        "number",
        "is_current",
        "page_count",
        "has_quiz",
        "imported_at",
    ]
    list_filter = ["is_current"]


@admin.register(PageVariant)
class PageVariantAdmin(ReadOnly):
    list_display = ["page", "language", "industry", "role", "title", "source"]
    list_filter = ["language", "industry", "role"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnly):
    list_display = ["pk", "version", "industry", "role", "enrolled_at", "completed_at"]
    list_filter = ["industry", "role"]
