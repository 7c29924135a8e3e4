"""The PDF: A4, in the holder's language, with the code and the verify URL (its QR code's)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.pdf import render, verify_url
from tests.certificates.conftest import complete
from tests.factories import UserFactory


def text_of(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize(
    ("language", "title", "heading"),
    [
        ("nb", "Grunnkurs i arbeidsmiljø", "Kursbevis"),
        ("pl", "Podstawy środowiska pracy", "Certyfikat"),
        ("en", "Work environment basics", "Certificate"),
    ],
)
def test_the_pdf_renders_in_the_holders_language_with_the_code(
    basics, cleaning, language, title, heading
):
    holder = UserFactory(display_name="Łucja Żółć-Ødegård", language=language)
    complete(holder, basics, cleaning)
    certificate = Certificate.objects.get(user=holder)
    reader, text = text_of(render(certificate))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210,
        297,
    )
    assert certificate.grouped_code in text
    assert "Łucja Żółć-Ødegård" in text
    assert title in text and heading in text
    assert verify_url(certificate) in text.replace("\n", "")
    assert reader.pages[0].images, "the QR code is an image on the page"


def test_the_holder_downloads_it_and_no_one_else(client, basics, cleaning):
    holder = UserFactory()
    complete(holder, basics, cleaning)
    certificate = Certificate.objects.get(user=holder)
    url = reverse("certificate_pdf", args=[certificate.public_id])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(holder)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert certificate.grouped_code in text_of(response.content)[1]
