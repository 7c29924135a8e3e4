"""Who is who in statements, as pure functions: an agent's identity key, the
authorities, and the hash of an LRS client's secret. Shared by the recording actions and
the embedded LRS; imports nothing of the apps."""

import hashlib

from django.conf import settings


def agent_key(agent: dict) -> str:
    """One string per agent identity (its inverse functional identifier), for filtering."""
    if not isinstance(agent, dict):
        return ""
    if "mbox" in agent:
        return f"mbox|{agent['mbox']}"
    if "mbox_sha1sum" in agent:
        return f"mbox_sha1sum|{agent['mbox_sha1sum']}"
    if "openid" in agent:
        return f"openid|{agent['openid']}"
    account = agent.get("account")
    if isinstance(account, dict):
        return f"account|{account.get('homePage')}|{account.get('name')}"
    return ""


def person_agent_key(xapi_id) -> str:
    """The agent key of a person's statements: their opaque ``xapi_id`` on the actor
    home page, never their e-mail or name."""
    return agent_key({"account": {"homePage": settings.XAPI_ACTOR_HOMEPAGE, "name": str(xapi_id)}})


def lms_authority() -> dict:
    """The authority on statements the LMS itself records."""
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL.rstrip("/"), "name": "lms"},
    }


def client_authority(client) -> dict:
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL.rstrip("/"), "name": f"client:{client.key}"},
    }


def hash_secret(secret: str) -> str:
    """An LRS client's secret as kept (a fast hash: the secret is 256 random bits)."""
    return hashlib.sha256(secret.encode()).hexdigest()
