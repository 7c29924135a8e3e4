"""Norwegian organisation numbers: 9 digits, the last a modulus-11 check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
# ASCII digits only: "²", full-width and Arabic-Indic digits pass str.isdigit() but are
# not what the register holds (and int("²") fails).
NINE_DIGITS = re.compile(r"[0-9]{9}", re.ASCII)


def normalise(value: str) -> str:
    """Drop the spaces people type ("923 609 016") and return the digits."""
    return "".join(value.split())


def check_digit(first_eight: str) -> int | None:
    """The check digit for eight digits, or None when no valid one exists (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def validate_org_number(value: str) -> None:
    digits = normalise(value)
    if not NINE_DIGITS.fullmatch(digits):
        raise ValidationError(_("An organisation number has 9 digits."), code="org_number_length")
    if digits == "000000000":
        # Its check digit is right (0), but no unit has it: someone filled in a blank.
        raise ValidationError(
            _("000000000 is not an organisation number. Leave it empty if the unit has none."),
            code="org_number_zero",
        )
    if check_digit(digits[:8]) != int(digits[8]):
        raise ValidationError(
            _("The check digit (the last digit) is wrong: check the organisation number."),
            code="org_number_check_digit",
        )
