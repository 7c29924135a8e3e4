from django.contrib import admin

from base.admin import ReadOnly
from teams.models import Team, Workplace


@admin.register(Workplace)
class WorkplaceAdmin(ReadOnly):
    """For operators: which workplaces have teams. Members act on the team pages only."""

    list_display = ["name", "org_number", "industry", "employees", "created_at"]
    list_filter = ["industry"]
    search_fields = ["name", "org_number"]


@admin.register(Team)
class TeamAdmin(ReadOnly):
    list_display = ["workplace", "created_at", "plan_agreed_at"]
    list_filter = ["workplace__industry"]
    # Seats, plans and answers stay out: who holds the union-rep seat is union membership.
    exclude = ["versions"]
