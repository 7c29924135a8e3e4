"""HTTP Basic authentication of LRS clients (credentials from create_lrs_client)."""

import base64
import hmac

from tracking.identity import hash_secret
from tracking.models import LRSClient


def authenticate(request) -> LRSClient | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        key, _, secret = base64.b64decode(value.strip()).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    client = LRSClient.objects.filter(key=key, is_active=True).first()
    if client is None or not hmac.compare_digest(client.secret_hash, hash_secret(secret)):
        return None
    return client
