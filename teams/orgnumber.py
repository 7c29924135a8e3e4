"""Norwegian organisation numbers: 9 digits, the last a modulus-11 check digit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


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
    if not digits.isdigit() or len(digits) != 9:
        raise ValidationError(_("An organisation number has 9 digits."), code="org_number_length")
    if check_digit(digits[:8]) != int(digits[8]):
        raise ValidationError(
            _("The check digit (the last digit) is wrong: check the organisation number."),
            code="org_number_check_digit",
        )
