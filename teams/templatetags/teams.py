"""``{% teams_for enrolment as teams %}``: a completed module's page (below this app)
leads a team member back to their team, where the joint session is the next step,
without importing this app."""

from django import template

from teams import selectors

register = template.Library()


@register.simple_tag
def teams_for(enrolment):
    if not enrolment.completed_at:
        return []
    return selectors.teams_with_module(enrolment.user, enrolment.version.module_id)
