from django.contrib import admin

from base.admin import ReadOnly
from modules.models import Enrolment, Industry, ModuleVersion, PageVariant


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
