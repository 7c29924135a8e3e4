"""Attachments and signed statements at /xapi/statements (xAPI 1.0.3, Data 2.4.11 and 2.6)."""

import base64
import datetime
import email.parser
import email.policy
import hashlib
import json
import uuid

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from tests.tracking.test_lrs import V, basic, stmt
from tracking.actions import create_lrs_client
from tracking.models import Attachment, Statement

BOUNDARY = "-------314159265358979323846"
SIGNATURE = "http://adlnet.gov/expapi/attachments/signature"
# Bytes that a careless parser would change: line breaks, a NUL, bytes that are no UTF-8.
CONTENT = b"first line\r\nsecond\n\x00\xff\xfe binary \r\n--not-a-boundary\r\n"


@pytest.fixture
def writer(db):
    client, secret = create_lrs_client("writer")
    return {**V, **basic(client.key, secret)}


def sha2(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def described(content: bytes, **extra) -> dict:
    return {
        "usageType": "http://example.test/attachment-usage/test",
        "display": {"en-US": "A test attachment"},
        "contentType": "application/octet-stream",
        "length": len(content),
        "sha2": sha2(content),
        **extra,
    }


def part(content: bytes, *, content_type="application/octet-stream", **headers) -> bytes:
    lines = {
        "Content-Type": content_type,
        "Content-Transfer-Encoding": "binary",
        "X-Experience-API-Hash": sha2(content),
        **headers,
    }
    head = "".join(f"{k}: {v}\r\n" for k, v in lines.items() if v is not None)
    return head.encode() + b"\r\n" + content


def multipart_body(statements, *parts: bytes, first_type="application/json") -> bytes:
    chunks = [f"Content-Type: {first_type}\r\n\r\n".encode() + json.dumps(statements).encode()]
    chunks += parts
    dash = b"--" + BOUNDARY.encode()
    return b"".join(dash + b"\r\n" + c + b"\r\n" for c in chunks) + dash + b"--\r\n"


def post_multipart(client, headers, body: bytes, content_type=None):
    return client.post(
        "/xapi/statements",
        body,
        content_type=content_type or f"multipart/mixed; boundary={BOUNDARY}",
        **headers,
    )


def parts_of(response) -> list:
    """The parts of a multipart answer, read with the standard library's MIME parser."""
    raw = f"Content-Type: {response['Content-Type']}\r\n\r\n".encode() + response.content
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
    assert message.is_multipart(), response["Content-Type"]
    return list(message.iter_parts())


def nothing_stored():
    return not Statement.objects.exists() and not Attachment.objects.exists()


def test_attachment_round_trip(client, writer):
    statement = stmt(1, attachments=[described(CONTENT)])
    response = post_multipart(client, writer, multipart_body(statement, part(CONTENT)))
    assert response.status_code == 200, response.content
    (statement_id,) = response.json()

    got = client.get(
        "/xapi/statements", {"statementId": statement_id, "attachments": "true"}, **writer
    )
    assert got.status_code == 200
    assert got["Content-Type"].startswith("multipart/mixed; boundary=")
    first, attachment = parts_of(got)
    assert first.get_content_type() == "application/json"
    assert json.loads(first.get_payload(decode=True))["attachments"][0]["sha2"] == sha2(CONTENT)
    assert attachment["Content-Transfer-Encoding"] == "binary"
    assert attachment["X-Experience-API-Hash"] == sha2(CONTENT)
    assert attachment.get_content_type() == "application/octet-stream"
    assert sha2(attachment.get_payload(decode=True)) == sha2(CONTENT)


def test_statement_result_with_attachments_and_without(client, writer):
    other = b"another attachment"
    statements = [
        stmt(1, attachments=[described(CONTENT)]),
        stmt(2, attachments=[described(other, contentType="text/plain")]),
        stmt(3),
    ]
    body = multipart_body(statements, part(CONTENT), part(other, content_type="text/plain"))
    assert post_multipart(client, writer, body).status_code == 200

    got = client.get("/xapi/statements", {"attachments": "true"}, **writer)
    first, *attachments = parts_of(got)
    assert len(json.loads(first.get_payload(decode=True))["statements"]) == 3
    assert sorted(a["X-Experience-API-Hash"] for a in attachments) == sorted(
        [sha2(CONTENT), sha2(other)]
    )
    assert {a.get_content_type() for a in attachments} == {"application/octet-stream", "text/plain"}

    for params in ({}, {"attachments": "false"}):
        plain = client.get("/xapi/statements", params, **writer)
        assert plain["Content-Type"] == "application/json"
        assert len(plain.json()["statements"]) == 3


def test_attachments_parameter_must_be_a_boolean(client, writer):
    response = client.get("/xapi/statements", {"attachments": "yes"}, **writer)
    assert response.status_code == 400
    assert "attachments" in response.json()["error"]


def test_put_with_an_attachment_and_a_quoted_boundary(client, writer):
    sid = str(uuid.uuid4())
    response = client.put(
        f"/xapi/statements?statementId={sid}",
        multipart_body(stmt(1, attachments=[described(CONTENT)]), part(CONTENT)),
        content_type=f'multipart/mixed; boundary="{BOUNDARY}"',
        **writer,
    )
    assert response.status_code == 204, response.content
    assert Attachment.objects.get().content == CONTENT


def test_the_same_content_is_stored_once(client, writer):
    for n in (1, 2):
        body = multipart_body(stmt(n, attachments=[described(CONTENT)]), part(CONTENT))
        assert post_multipart(client, writer, body).status_code == 200
    assert Statement.objects.count() == 2
    assert Attachment.objects.count() == 1


def test_file_url_attachments_need_no_part(client, writer):
    statement = stmt(1, attachments=[described(CONTENT, fileUrl="http://x.test/file.bin")])
    response = client.post(
        "/xapi/statements", json.dumps(statement), content_type="application/json", **writer
    )
    assert response.status_code == 200
    assert not Attachment.objects.exists()


def test_an_attachment_without_file_url_cannot_come_as_plain_json(client, writer):
    response = client.post(
        "/xapi/statements",
        json.dumps(stmt(1, attachments=[described(CONTENT)])),
        content_type="application/json",
        **writer,
    )
    assert response.status_code == 400
    assert "fileUrl" in response.json()["error"]
    assert nothing_stored()


EXTRA = b"a part that no statement names"


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (multipart_body(stmt(1, attachments=[described(CONTENT)])), None, "no fileUrl"),
        (
            multipart_body(stmt(1, attachments=[described(CONTENT)]), part(CONTENT), part(EXTRA)),
            None,
            "no attachment",
        ),
        (
            multipart_body(
                stmt(1, attachments=[described(CONTENT)]),
                part(CONTENT, **{"X-Experience-API-Hash": None}),
            ),
            None,
            "X-Experience-API-Hash",
        ),
        (
            multipart_body(
                stmt(1, attachments=[described(CONTENT)]),
                part(CONTENT, **{"X-Experience-API-Hash": sha2(EXTRA)}),
            ),
            None,
            "SHA-256",
        ),
        (
            multipart_body(
                stmt(1, attachments=[described(CONTENT)]),
                part(CONTENT, **{"Content-Transfer-Encoding": "base64"}),
            ),
            None,
            "Content-Transfer-Encoding",
        ),
        (
            multipart_body(
                stmt(1, attachments=[described(CONTENT)]), part(CONTENT), first_type="text/plain"
            ),
            None,
            "first part",
        ),
        (
            multipart_body(stmt(1, attachments=[described(CONTENT)]), part(CONTENT)),
            "multipart/mixed",
            "boundary",
        ),
        (
            multipart_body(stmt(1, attachments=[described(CONTENT)]), part(CONTENT)),
            f"multipart/form-data; boundary={BOUNDARY}",
            "Content-Type",
        ),
        (
            multipart_body(stmt(1, attachments=[described(CONTENT)]), part(CONTENT))[:-30],
            None,
            "closing boundary",
        ),
        (
            multipart_body(
                [
                    stmt(1, attachments=[described(CONTENT)]),
                    stmt(2, attachments=[described(EXTRA)]),
                ],
                part(CONTENT),
            ),
            None,
            "statements[1]",
        ),
    ],
    ids=[
        "missing part",
        "part for no attachment",
        "part without hash header",
        "hash header is not the body's hash",
        "not binary",
        "first part not json",
        "no boundary parameter",
        "form-data",
        "no closing boundary",
        "second statement of a batch lacks its part",
    ],
)
def test_bad_multipart_is_400_and_stores_nothing(client, writer, body, content_type, message):
    response = post_multipart(client, writer, body, content_type)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert nothing_stored()


def test_a_body_over_the_limit_is_413(client, writer, settings):
    settings.XAPI_MAX_BODY_BYTES = 1000
    big = b"x" * 2000
    response = post_multipart(
        client, writer, multipart_body(stmt(1, attachments=[described(big)]), part(big))
    )
    assert response.status_code == 413
    assert nothing_stored()


def test_a_body_larger_than_djangos_default_limit_is_taken(client, writer):
    """3 MiB: over Django's own default of 2.5 MiB, under the LRS's 10 MiB."""
    big = bytes(range(256)) * (3 * 4096)
    response = post_multipart(
        client, writer, multipart_body(stmt(1, attachments=[described(big)]), part(big))
    )
    assert response.status_code == 200
    assert Attachment.objects.get().length == len(big)


def test_a_batch_of_a_hundred_statements_is_taken(client, writer):
    batch = [stmt(n, context={"registration": str(uuid.uuid4())}) for n in range(100)]
    response = client.post(
        "/xapi/statements", json.dumps(batch), content_type="application/json", **writer
    )
    assert response.status_code == 200
    assert Statement.objects.count() == 100


# Signed statements


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def signer():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test signer")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return key, base64.b64encode(certificate.public_bytes(Encoding.DER)).decode()


HASHES = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}


def jws(signer, payload, *, alg="RS256", x5c=True) -> bytes:
    key, certificate = signer
    header = {"alg": alg, **({"x5c": [certificate]} if x5c else {})}
    payload_raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    signed = f"{b64url(json.dumps(header).encode())}.{b64url(payload_raw)}"
    digest = HASHES.get(alg, hashes.SHA256)()
    signature = key.sign(signed.encode(), padding.PKCS1v15(), digest)
    return f"{signed}.{b64url(signature)}".encode()


def signed_body(statement: dict, signature: bytes, content_type="application/octet-stream"):
    meta = {**described(signature), "usageType": SIGNATURE, "contentType": content_type}
    full = {**statement, "attachments": [*statement.get("attachments", []), meta]}
    return multipart_body(full, part(signature))


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512"])
def test_signed_statement_is_accepted(client, writer, signer, alg):
    statement = stmt(1, id=str(uuid.uuid4()))
    response = post_multipart(
        client, writer, signed_body(statement, jws(signer, statement, alg=alg))
    )
    assert response.status_code == 200, response.content
    got = client.get(
        "/xapi/statements", {"statementId": statement["id"], "attachments": "true"}, **writer
    )
    _, signature = parts_of(got)
    assert signature["X-Experience-API-Hash"] == sha2(jws(signer, statement, alg=alg))


def test_signature_without_certificate_and_payload_without_id(client, writer, signer):
    """The LRS fills in the id the signer left out; without x5c it checks the form only."""
    statement = stmt(1)
    response = post_multipart(
        client, writer, signed_body(statement, jws(signer, statement, x5c=False))
    )
    assert response.status_code == 200, response.content


def test_a_signed_statement_with_other_attachments(client, writer, signer):
    statement = stmt(1, attachments=[described(CONTENT)])
    signature = jws(signer, statement)
    meta = {**described(signature), "usageType": SIGNATURE}
    body = multipart_body(
        {**statement, "attachments": [*statement["attachments"], meta]},
        part(CONTENT),
        part(signature),
    )
    assert post_multipart(client, writer, body).status_code == 200
    assert Attachment.objects.count() == 2


def _tampered(signature: bytes) -> bytes:
    head, payload, sig = signature.decode().split(".")
    raw = bytearray(base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)))
    raw[0] ^= 1
    return f"{head}.{payload}.{b64url(bytes(raw))}".encode()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda s, st: jws(s, st, alg="HS256", x5c=False), "RS256, RS384 or RS512"),
        (lambda s, st: jws(s, {**st, "verb": {"id": "http://x.test/other"}}), "not the statement"),
        (lambda s, st: jws(s, {**st, "id": str(uuid.uuid4())}), "not the statement"),
        (lambda s, st: jws(s, json.dumps(st).replace('"', "'", 1).encode()), "payload is not JSON"),
        (lambda s, st: b".".join(jws(s, st).split(b".")[:2]), "compact serialization"),
        (lambda s, st: b"not a jws at all", "compact serialization"),
        (lambda s, st: _tampered(jws(s, st)), "does not verify"),
    ],
    ids=[
        "HS256",
        "other verb",
        "other id",
        "payload not json",
        "two segments",
        "garbage",
        "forged",
    ],
)
def test_bad_signatures_are_400_and_store_nothing(client, writer, signer, make, message):
    statement = stmt(1, id=str(uuid.uuid4()))
    response = post_multipart(client, writer, signed_body(statement, make(signer, statement)))
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert nothing_stored()


def test_a_signature_must_be_octet_stream(client, writer, signer):
    statement = stmt(1, id=str(uuid.uuid4()))
    body = signed_body(statement, jws(signer, statement), content_type="text/plain")
    response = post_multipart(client, writer, body)
    assert response.status_code == 400
    assert "application/octet-stream" in response.json()["error"]
    assert nothing_stored()
