"""Signed statements (xAPI 1.0.3, Data 2.6): checking the JWS a statement carries.

The LRS must reject a malformed signature: not a JWS in compact serialization, an
algorithm other than RS256/RS384/RS512, or a payload that is not the statement it came
with. When the JWS header carries an X.509 certificate (``x5c``) the signature is also
verified with that certificate's public key; whether the certificate is one to trust is
for whoever reads the statement to decide, as the specification leaves it.
"""

import base64
import binascii
import json
import re

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tracking.compare import same_as_signed
from tracking.lrs.validation import InvalidStatement

SIGNATURE = "http://adlnet.gov/expapi/attachments/signature"
SIGNATURE_CONTENT_TYPE = "application/octet-stream"
ALGORITHMS = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}
SEGMENT_RE = re.compile(r"^[A-Za-z0-9_-]*$")


def is_signature(attachment: dict) -> bool:
    return isinstance(attachment, dict) and attachment.get("usageType") == SIGNATURE


def _unsigned(statement: dict) -> dict:
    """The statement as it was before its signature was attached."""
    out = dict(statement)
    kept = [a for a in out.get("attachments") or [] if not is_signature(a)]
    if kept:
        out["attachments"] = kept
    else:
        out.pop("attachments", None)
    return out


def _segment(value: str, what: str, path: str) -> bytes:
    if not SEGMENT_RE.match(value):
        raise InvalidStatement(f"{path}: the JWS {what} is not base64url")
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (ValueError, binascii.Error) as exc:
        raise InvalidStatement(f"{path}: the JWS {what} is not base64url") from exc


def _json_object(raw: bytes, what: str, path: str) -> dict:
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidStatement(f"{path}: the JWS {what} is not JSON") from exc
    if not isinstance(value, dict):
        raise InvalidStatement(f"{path}: the JWS {what} must be a JSON object")
    return value


def _verify_with_certificate(header: dict, signed: bytes, signature: bytes, path: str) -> None:
    chain = header["x5c"]
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        raise InvalidStatement(f"{path}: the JWS header's x5c must be a list of certificates")
    try:
        certificate = x509.load_der_x509_certificate(base64.b64decode(chain[0], validate=True))
    except (ValueError, binascii.Error) as exc:
        raise InvalidStatement(f"{path}: the JWS header's x5c[0] is not a certificate") from exc
    key = certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise InvalidStatement(f"{path}: the certificate in x5c does not hold an RSA key")
    try:
        key.verify(signature, signed, padding.PKCS1v15(), ALGORITHMS[header["alg"]]())
    except InvalidSignature as exc:
        raise InvalidStatement(
            f"{path}: the signature does not verify with the certificate in x5c"
        ) from exc


def check_signature(statement: dict, jws: bytes, path: str) -> None:
    """Raise ``InvalidStatement`` unless ``jws`` is a well-formed signature of ``statement``."""
    try:
        text = jws.decode("ascii").strip()
    except UnicodeDecodeError as exc:
        raise InvalidStatement(f"{path}: the signature is not a JWS (not ASCII)") from exc
    segments = text.split(".")
    if len(segments) != 3 or not all(segments):
        raise InvalidStatement(f"{path}: the signature is not a JWS in compact serialization")
    header = _json_object(_segment(segments[0], "header", path), "header", path)
    payload = _json_object(_segment(segments[1], "payload", path), "payload", path)
    signature = _segment(segments[2], "signature", path)
    if header.get("alg") not in ALGORITHMS:
        raise InvalidStatement(
            f"{path}: the JWS algorithm must be RS256, RS384 or RS512, not {header.get('alg')!r}"
        )
    if not same_as_signed(_unsigned(statement), _unsigned(payload)):
        raise InvalidStatement(f"{path}: the JWS payload is not the statement it signs")
    if "x5c" in header:
        signed = f"{segments[0]}.{segments[1]}".encode("ascii")
        _verify_with_certificate(header, signed, signature, path)
