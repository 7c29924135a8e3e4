"""The four self-assessment questions from the evaluation, asked at the joint session
(the baseline) and again at every check-in, on a four-point scale."""

from django.utils.translation import gettext_lazy as _

QUESTIONS = {
    "attention": _("How much attention does our workplace give to work-environment work?"),
    "insight": _("How much insight do we have into the work-environment challenges here?"),
    "practice": _("How well is the work-environment work carried out in practice?"),
    "cooperation": _("How good is the cooperation between union representatives and leaders?"),
}
SHORT = {
    "attention": _("Attention"),
    "insight": _("Insight"),
    "practice": _("How the work is done"),
    "cooperation": _("Cooperation"),
}
SCALE = (
    (1, _("Very little")),
    (2, _("Little")),
    (3, _("Much")),
    (4, _("Very much")),
)
