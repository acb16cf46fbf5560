from datetime import date

import pytest

from huoltamo_desktop.domain.business_id import (
    check_digit,
    is_valid_business_id,
    normalise_business_id,
)
from huoltamo_desktop.domain.people import CareerStage, suggest_career_stage


@pytest.mark.parametrize(
    "value", ["1572860-0", "0737546-2", "0112038-9", " 1572860-0 ", "737546-2"]
)
def test_real_business_ids_pass_the_check_digit(value: str) -> None:
    assert is_valid_business_id(value)


@pytest.mark.parametrize(
    "value", ["1572860-1", "1572860", "15728600", "ABCDEFG-1", "", "12345678-9"]
)
def test_wrong_business_ids_fail(value: str) -> None:
    assert not is_valid_business_id(value)


def test_remainder_one_has_no_valid_check_digit() -> None:
    # weights 7,9,10,5,8,4,2: 0000010 → 4 → remainder 4; find one with remainder 1
    digits = next(
        f"{n:07d}"
        for n in range(10000000)
        if sum(int(d) * w for d, w in zip(f"{n:07d}", (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        == 1
    )
    assert check_digit(digits) is None
    assert not any(is_valid_business_id(f"{digits}-{d}") for d in range(10))


def test_old_six_digit_form_is_padded() -> None:
    assert normalise_business_id("737546-2") == "0737546-2"


def test_career_stage_suggestion() -> None:
    today = date(2026, 11, 27)
    assert suggest_career_stage(date(2026, 6, 1), 1998, today) == CareerStage.NEWCOMER
    assert suggest_career_stage(date(2010, 1, 1), 1968, today) == CareerStage.LATE_CAREER
    assert suggest_career_stage(date(2015, 1, 1), 1980, today) == CareerStage.MID_CAREER
    assert suggest_career_stage(date(2019, 1, 1), 1995, today) == CareerStage.ESTABLISHED
    assert suggest_career_stage(None, None, today) == CareerStage.ESTABLISHED
