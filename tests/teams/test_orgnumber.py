import pytest
from django.core.exceptions import ValidationError

from teams.orgnumber import check_digit, validate_org_number


@pytest.mark.parametrize("number", ["975312461", "923 609 016", "998877660"])
def test_valid_numbers_pass(number):
    validate_org_number(number)


def test_wrong_check_digit_says_so():
    with pytest.raises(ValidationError) as exc:
        validate_org_number("975312462")
    assert exc.value.code == "org_number_check_digit"


@pytest.mark.parametrize("number", ["97531246", "9753124610", "97531246x", ""])
def test_wrong_length_or_letters(number):
    with pytest.raises(ValidationError) as exc:
        validate_org_number(number)
    assert exc.value.code == "org_number_length"


def test_remainder_one_has_no_valid_check_digit():
    assert check_digit("91234567") is None
    for last in "0123456789":
        with pytest.raises(ValidationError):
            validate_org_number("91234567" + last)


@pytest.mark.parametrize(
    "number",
    [
        "²²²²²²²²²",  # superscript twos: str.isdigit() is true, int() fails
        "９７５３１２４６１",  # full-width digits of a valid number
        "٩٧٥٣١٢٤٦١",  # Arabic-Indic digits of the same number
        "975312461\x00",
    ],
)
def test_only_ascii_digits_count(number):
    with pytest.raises(ValidationError) as exc:
        validate_org_number(number)
    assert exc.value.code == "org_number_length"


def test_all_zero_is_refused_though_its_check_digit_fits():
    assert check_digit("00000000") == 0
    with pytest.raises(ValidationError) as exc:
        validate_org_number("000 000 000")
    assert exc.value.code == "org_number_zero"
