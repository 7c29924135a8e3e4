import uuid

from django import template
from django.utils.html import format_html

from base.submit import FIELD

register = template.Library()


@register.simple_tag
def submit_token():
    """A hidden field with a new one-time token: put it in every form that makes
    something, next to ``{% csrf_token %}`` (see ``base.submit``)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4())
