"""Which host names only this machine can reach: the test behind DEBUG, demo data and
"production" (see ``lms.settings``). Plain functions, importable before Django is set up."""

import ipaddress
from urllib.parse import urlsplit

# "testserver": the name Django's test client uses, never one a network resolves.
LOOPBACK_NAMES = {"localhost", "localhost.", "ip6-localhost", "testserver"}


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``[::1]``, ``localhost`` (with or without a port) — not ``*``,
    not ``0.0.0.0`` (every interface), not a name another machine can resolve."""
    host = host.strip().lower()
    if host.startswith("["):
        host = host[1:].split("]")[0]
    elif host.count(":") == 1:
        host = host.split(":")[0]
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def all_loopback(hosts) -> bool:
    return all(is_loopback(h) for h in hosts)


def url_host(url: str) -> str:
    return urlsplit(url).hostname or ""
