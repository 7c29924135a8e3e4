"""``{% certificate_for enrolment as certificate %}``: the module pages (below this app)
show the certificate a completion earned without importing this app."""

from django import template

from certificates import selectors

register = template.Library()


@register.simple_tag
def certificate_for(enrolment):
    return selectors.for_enrolment(enrolment) if enrolment.completed_at else None
