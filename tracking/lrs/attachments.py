"""Attachments of posted statements (xAPI 1.0.3, Data 2.4.11 and Communication 1.5.2).

``read_body`` turns a request body into the statement JSON and the attachment parts;
``attachment_bodies`` checks the parts against the statements' ``attachments`` and the
signatures among them, and returns the bodies to store. Both raise ``InvalidStatement``
with a message for the 400 answer.
"""

from tracking.lrs import multipart
from tracking.lrs.body import parse_json
from tracking.lrs.signatures import SIGNATURE_CONTENT_TYPE, check_signature, is_signature
from tracking.lrs.validation import InvalidStatement


def read_body(body: bytes, content_type: str) -> tuple[object, list[multipart.Part]]:
    """The statement(s) and, for multipart/mixed, the attachment parts after them."""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        return parse_json(body), []
    if kind != "multipart/mixed":
        raise InvalidStatement("Content-Type must be application/json or multipart/mixed")
    try:
        first, *parts = multipart.parse(body, content_type)
    except multipart.BadMultipart as exc:
        raise InvalidStatement(str(exc)) from exc
    if first.content_type != "application/json":
        raise InvalidStatement("the first part of a multipart/mixed body must be application/json")
    return parse_json(first.body), parts


def declared(statement: dict) -> list[dict]:
    """The attachments of a statement and of its SubStatement, if it has one."""
    found = list(statement.get("attachments") or [])
    obj = statement.get("object")
    if isinstance(obj, dict) and obj.get("objectType") == "SubStatement":
        found += obj.get("attachments") or []
    return found


def _part_bodies(parts: list[multipart.Part], wanted: set[str]) -> dict[str, multipart.Part]:
    bodies: dict[str, multipart.Part] = {}
    for n, part in enumerate(parts, start=2):
        claimed = part.headers.get("x-experience-api-hash", "").strip().lower()
        if not claimed:
            raise InvalidStatement(f"multipart part {n} has no X-Experience-API-Hash header")
        if part.headers.get("content-transfer-encoding", "").strip().lower() != "binary":
            raise InvalidStatement(f"multipart part {n} needs Content-Transfer-Encoding: binary")
        if multipart.sha2(part.body) != claimed:
            raise InvalidStatement(
                f"multipart part {n}: its body's SHA-256 is not its X-Experience-API-Hash"
            )
        if claimed not in wanted:
            raise InvalidStatement(
                f"multipart part {n} is no attachment of the statements (no sha2 {claimed})"
            )
        bodies[claimed] = part
    return bodies


def attachment_bodies(
    statements: list[dict], parts: list[multipart.Part]
) -> dict[str, tuple[str, bytes]]:
    """Check that every attachment without a ``fileUrl`` came as a part, that every part
    is an attachment and that signatures are well formed. Returns ``{sha2: (content
    type, content)}`` for the parts, which the LRS keeps."""
    wanted = {str(a["sha2"]).lower(): a for statement in statements for a in declared(statement)}
    bodies = _part_bodies(parts, set(wanted))
    for i, statement in enumerate(statements):
        path = "statement" if len(statements) == 1 else f"statements[{i}]"
        for j, attachment in enumerate(declared(statement)):
            if "fileUrl" not in attachment and str(attachment["sha2"]).lower() not in bodies:
                raise InvalidStatement(
                    f"{path}: attachment {j + 1} has no fileUrl, so its content must come as a"
                    " multipart/mixed part with X-Experience-API-Hash equal to its sha2"
                )
        for j, attachment in enumerate(statement.get("attachments") or []):
            if is_signature(attachment):
                where = f"{path}.attachments[{j}]"
                if attachment["contentType"] != SIGNATURE_CONTENT_TYPE:
                    raise InvalidStatement(
                        f"{where}: a signature's contentType must be {SIGNATURE_CONTENT_TYPE}"
                    )
                part = bodies.get(str(attachment["sha2"]).lower())
                if part is None:
                    raise InvalidStatement(f"{where}: the signature must come as a part")
                check_signature(statement, part.body, where)
    return {
        sha2: (part.headers.get("content-type") or wanted[sha2]["contentType"], part.body)
        for sha2, part in bodies.items()
    }
