"""The certificate as a printable A4 PDF in the holder's language, with a QR code to its
verify page.

fpdf2 is pure Python (installs from PyPI alone, like ``make run`` needs), and the font is
Roboto from the ``font-roboto`` package: embedded, it covers æøå and ąćęłńóśźż.
"""

from io import BytesIO
from pathlib import Path

import font_roboto
import segno
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from base.i18n import pick

FONT_DIR = Path(font_roboto.__file__).parent / "files"
INK = (33, 37, 41)
MUTED = (90, 96, 102)


def verify_url(certificate) -> str:
    path = reverse("certificate_verify", args=[certificate.code])
    return settings.SITE_URL.rstrip("/") + path


def _qr_png(url: str) -> BytesIO:
    out = BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=8, border=2)
    out.seek(0)
    return out


def _document() -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    pdf.add_font("Roboto", "", str(FONT_DIR / "Roboto-Regular.ttf"))
    pdf.add_font("Roboto", "B", str(FONT_DIR / "Roboto-Bold.ttf"))
    pdf.add_page()
    return pdf


def _line(pdf: FPDF, text: str, size: float, style: str = "", colour=INK, gap: float = 2):
    pdf.set_font("Roboto", style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _facts(certificate, language: str) -> list[tuple[str, str]]:
    hours, minutes = divmod(certificate.minutes, 60)
    time = (
        _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
        if hours
        else _("%(m)d min") % {"m": minutes}
    )
    facts = [
        (_("Version"), certificate.version_label),
        (_("Industry"), pick(certificate.industry_names, language)),
        (_("Learning time"), time),
        (_("Completed on"), formats.date_format(certificate.issued_on, "DATE_FORMAT")),
    ]
    if certificate.expires_on:
        valid = formats.date_format(certificate.expires_on, "DATE_FORMAT")
        facts.append((_("Valid until"), valid))
    return facts


def render(certificate) -> bytes:
    """The PDF's bytes."""
    # The holder's language now (the one at issue if the account has none set).
    language = certificate.user.language or certificate.language or settings.LANGUAGE_CODE
    with translation.override(language):
        pdf = _document()
        pdf.set_title(_("Certificate"))
        pdf.set_lang(language)
        pdf.set_draw_color(*MUTED)
        pdf.rect(10, 10, 190, 277)
        pdf.set_y(35)
        _line(pdf, _("Certificate"), 30, "B", gap=10)
        _line(pdf, _("This is to certify that"), 13, colour=MUTED)
        _line(pdf, certificate.holder_name, 24, "B", gap=6)
        _line(pdf, _("has completed the module"), 13, colour=MUTED)
        _line(pdf, pick(certificate.module_title, language), 18, "B", gap=10)
        for label, value in _facts(certificate, language):
            pdf.set_font("Roboto", "", 12)
            pdf.set_text_color(*MUTED)
            pdf.cell(85, 8, label + ":", align="R")
            pdf.cell(5, 8, "")
            pdf.set_text_color(*INK)
            pdf.set_font("Roboto", "B", 12)
            pdf.cell(0, 8, value, new_x="LMARGIN", new_y="NEXT")
        url = verify_url(certificate)
        pdf.image(_qr_png(url), x=80, y=190, w=50, h=50)
        pdf.set_y(243)
        _line(pdf, _("Verification code: %(code)s") % {"code": certificate.grouped_code}, 13, "B")
        _line(pdf, _("Check this certificate at"), 10, colour=MUTED, gap=0)
        _line(pdf, url, 10, colour=MUTED)
        return bytes(pdf.output())
