"""multipart/mixed for the Statements resource (xAPI 1.0.3, Communication 1.5.2).

A small parser of our own rather than the ``email`` package: that one is lenient by
design (it records defects and carries on), while the LRS must answer 400 to a body
that is not exactly what the specification describes, and must hash each part's bytes
as they came.
"""

import hashlib
import secrets
from dataclasses import dataclass, field

from django.utils.http import parse_header_parameters

CRLF = b"\r\n"


class BadMultipart(ValueError):
    pass


@dataclass
class Part:
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return parse_header_parameters(self.headers.get("content-type", ""))[0]


def boundary_of(content_type: str) -> str:
    """The boundary parameter of a multipart/mixed Content-Type header (quoted or not)."""
    kind, params = parse_header_parameters(content_type)
    if kind != "multipart/mixed":
        raise BadMultipart("Content-Type must be application/json or multipart/mixed")
    boundary = params.get("boundary", "")
    if not boundary:
        raise BadMultipart("multipart/mixed needs a boundary parameter")
    if len(boundary) > 70:
        raise BadMultipart("the multipart boundary is longer than 70 characters (RFC 2046)")
    return boundary


def _headers(raw: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    name = ""
    for line in raw.split(CRLF):
        if line[:1] in (b" ", b"\t") and name:  # a folded header goes on
            headers[name] += " " + line.strip().decode("latin-1")
            continue
        key, colon, value = line.partition(b":")
        if not colon or not key.strip():
            raise BadMultipart(f"a part has a malformed header line: {line[:80]!r}")
        name = key.strip().decode("latin-1").lower()
        headers[name] = value.strip().decode("latin-1")
    return headers


def parse(body: bytes, content_type: str) -> list[Part]:
    """The parts of a multipart/mixed body, each part's body byte for byte.

    The line break before each delimiter belongs to the delimiter (RFC 2046 5.1.1), so
    it is not part of the body before it. A preamble and an epilogue are ignored.
    """
    dash = b"--" + boundary_of(content_type).encode("latin-1")
    if body.startswith(dash):
        pos = 0
    else:
        pos = body.find(CRLF + dash)
        if pos < 0:
            raise BadMultipart("the body does not contain the multipart boundary")
        pos += len(CRLF)
    parts = []
    while True:
        pos += len(dash)
        if body[pos : pos + 2] == b"--":
            break  # the close delimiter
        end_of_line = body.find(CRLF, pos)
        if end_of_line < 0 or body[pos:end_of_line].strip(b" \t"):
            raise BadMultipart("a multipart boundary line must end with CRLF")
        start = end_of_line + len(CRLF)
        end = body.find(CRLF + dash, start)
        if end < 0:
            raise BadMultipart("the body ends without the closing boundary")
        content = body[start:end]
        if content.startswith(CRLF):
            raw_headers, payload = b"", content[len(CRLF) :]
        else:
            raw_headers, separator, payload = content.partition(CRLF + CRLF)
            if not separator:
                raise BadMultipart("a part has no blank line between its headers and its body")
        parts.append(Part(_headers(raw_headers) if raw_headers else {}, payload))
        pos = end + len(CRLF)
    if not parts:
        raise BadMultipart("the multipart body has no parts")
    return parts


def sha2(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def build(first: bytes, attachments: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/mixed body: ``first`` as application/json, then each (content type,
    content) as an attachment part. Returns the body and its Content-Type header."""
    boundary = secrets.token_hex(16)
    while any(boundary.encode() in chunk for chunk in (first, *(c for _, c in attachments))):
        boundary = secrets.token_hex(16)
    dash = b"--" + boundary.encode()
    chunks = [dash, CRLF, b"Content-Type: application/json", CRLF, CRLF, first, CRLF]
    for content_type, content in attachments:
        chunks += [
            dash,
            CRLF,
            f"Content-Type: {content_type}".encode("latin-1", "replace"),
            CRLF,
            b"Content-Transfer-Encoding: binary",
            CRLF,
            f"X-Experience-API-Hash: {sha2(content)}".encode(),
            CRLF,
            CRLF,
            content,
            CRLF,
        ]
    chunks += [dash, b"--", CRLF]
    # No quotes around the boundary: some clients read it with a plain split on "=".
    return b"".join(chunks), f"multipart/mixed; boundary={boundary}"
