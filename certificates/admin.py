from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.admin import ReadOnly
from certificates.actions import revoke_certificate
from certificates.models import Certificate


@admin.register(Certificate)
class CertificateAdmin(ReadOnly):
    """Certificates are issued by completions; staff may only revoke one, with a reason."""

    list_display = ["code", "holder_name", "module", "issued_on", "expires_on", "revoked_at"]
    list_filter = ["module"]
    search_fields = ["code"]
    fields = [
        "code",
        "holder_name",
        "module",
        "version_label",
        "issued_on",
        "expires_on",
        "renewed_by",
        "refresher_recommended_at",
        "revoked_at",
        "revoked_reason",
    ]
    actions = ["revoke"]

    @admin.action(description=gettext_lazy("Revoke the selected certificates (with a reason)"))
    def revoke(self, request, queryset):
        reason = " ".join(request.POST.get("reason", "").split())
        if "apply" in request.POST and reason:
            for certificate in queryset:
                revoke_certificate(certificate.pk, reason, acting_user=request.user)
            self.message_user(request, _("Revoked."), messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/certificates/revoke.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Revoke certificates"),
                "certificates": queryset,
                "missing_reason": "apply" in request.POST,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )
