"""Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit."""

from __future__ import annotations

import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_PATTERN = re.compile(r"^(\d{6,7})-(\d)$")


def normalise_business_id(value: str) -> str:
    """Strip spaces and pad the old six-digit form with a leading zero."""
    text = value.strip().replace(" ", "")
    m = _PATTERN.match(text)
    if m and len(m.group(1)) == 6:
        return "0" + text
    return text


def check_digit(first_seven: str) -> int | None:
    """The check digit for seven digits, or None when no valid one exists (remainder 1)."""
    total = sum(int(d) * w for d, w in zip(first_seven, _WEIGHTS, strict=True))
    remainder = total % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def is_valid_business_id(value: str) -> bool:
    """True when ``value`` is a well-formed business ID with a correct check digit."""
    text = normalise_business_id(value)
    m = _PATTERN.match(text)
    if not m or len(m.group(1)) != 7:
        return False
    expected = check_digit(m.group(1))
    return expected is not None and expected == int(m.group(2))
