"""The shape of API tokens: made, hashed and recognised in one place (pure functions)."""

import base64
import hashlib
import secrets

TOKEN_PREFIX = "lmsapi_"  # noqa: S105 (a marker, not a secret)
PREFIX_LENGTH = len(TOKEN_PREFIX) + 6  # what the token list shows


def new_token() -> str:
    """A new token: the marker (so leaked tokens can be recognised by secret scanners)
    and 32 random bytes, URL-safe base64 without padding."""
    secret = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    return TOKEN_PREFIX + secret


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX) and len(value) == len(TOKEN_PREFIX) + 43
