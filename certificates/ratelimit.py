"""Guessing codes is slowed down: each client address may look up a limited number of codes
in a window (counted in the cache; the address as allauth sees it behind our proxies)."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = 30  # lookups per address
DEFAULT_WINDOW = 600  # seconds


def allow_lookup(request) -> bool:
    """Count this lookup; False once the address has used up its window's lookups."""
    limit = getattr(settings, "CERTIFICATE_VERIFY_LIMIT", DEFAULT_LIMIT)
    window = getattr(settings, "CERTIFICATE_VERIFY_WINDOW", DEFAULT_WINDOW)
    key = f"certificates:verify:{get_adapter().get_client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
