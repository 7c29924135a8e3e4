"""The learner roles. A person may hold several (one person is often both safety rep
and union rep in a small workplace)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEADER = "leader", _("Leader")
    SAFETY_REP = "safety_rep", _("Safety representative")
    UNION_REP = "union_rep", _("Union representative")


ROLE_SLUGS = tuple(Role.values)
