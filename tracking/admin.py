from django.contrib import admin
from django.db.models import Count, Max

from base.admin import ReadOnly
from tracking.models import ForwardStatus, LRSClient, Statement


@admin.register(Statement)
class StatementAdmin(ReadOnly):
    """The store and the outbox: the change list starts with the forwarding counts."""

    list_display = ["statement_id", "verb", "stored", "forward_status", "forward_attempts"]
    list_filter = ["forward_status", "verb"]
    search_fields = ["=statement_id", "=registration"]
    change_list_template = "admin/tracking/statement/change_list.html"

    def changelist_view(self, request, extra_context=None):
        counts = dict(
            Statement.objects.values_list("forward_status").annotate(n=Count("pk")).order_by()
        )
        last_error = (
            Statement.objects.exclude(forward_error="")
            .exclude(forward_status=ForwardStatus.DELIVERED)
            .order_by("-seq")
            .values_list("forward_error", flat=True)
            .first()
        )
        extra_context = {
            **(extra_context or {}),
            "forwarding": {
                "pending": counts.get(ForwardStatus.PENDING, 0),
                "parked": counts.get(ForwardStatus.PARKED, 0),
                "delivered": counts.get(ForwardStatus.DELIVERED, 0),
                "last_error": last_error or "",
                "next_try": Statement.objects.filter(
                    forward_status=ForwardStatus.PENDING
                ).aggregate(m=Max("forward_after"))["m"],
            },
        }
        return super().changelist_view(request, extra_context)


@admin.register(LRSClient)
class LRSClientAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "can_write", "is_active", "created_at"]
    readonly_fields = ["key", "secret_hash", "created_at"]
    fields = ["name", "key", "can_write", "is_active", "created_at"]

    def has_add_permission(self, request):
        return False  # created with `manage.py create_lrs_client NAME`, which shows the secret once
