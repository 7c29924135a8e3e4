"""The admin base for data that comes from files or from the system, not from the admin."""

from django.contrib import admin


class ReadOnly(admin.ModelAdmin):
    """Shown, never added, changed or deleted in the admin: content comes from
    modules/content/ through import_content, statements from the xAPI actions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
