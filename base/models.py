"""The base layer's one table: forms that made something, by their one-time token."""

from django.conf import settings
from django.db import models


class FormSubmission(models.Model):
    """A submit of a form that made something (``base.submit``): the same form sent again
    (a double click, a reload, a second tab) finds this row, and makes nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField()
    # What the first submit made, as "app_label.model:pk" (empty when it was not one row).
    made = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="form_submission_once")
        ]

    def __str__(self) -> str:
        return f"form submission {self.pk}"
