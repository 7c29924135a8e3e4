from django.contrib import admin

from base.admin import ReadOnly
from quizzes.models import Attempt


@admin.register(Attempt)
class AttemptAdmin(ReadOnly):
    list_display = ["pk", "enrolment", "number", "score", "passed", "submitted_at", "duration"]
    list_filter = ["passed"]
