"""Verification codes: short, unguessable and easy to type.

Ten characters from a 31-character alphabet without look-alikes (no 0/O, 1/I/L):
31**10 ≈ 8 × 10**14 codes, so guessing one among even a million certificates takes
hundreds of millions of tries, and the verify page is rate-limited.
"""

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10
_VALID = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw: str) -> str | None:
    """The code typed in any case, with spaces and dashes anywhere; None if it cannot
    be a code."""
    cleaned = re.sub(r"[\s\-–]+", "", raw or "").upper()
    return cleaned if _VALID.match(cleaned) else None


def grouped(code: str) -> str:
    """``ABCDE-FGHJK``: two groups of five, as printed and shown."""
    return f"{code[:5]}-{code[5:]}"
