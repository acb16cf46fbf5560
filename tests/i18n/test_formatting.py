"""Dates, numbers and money read the way each language writes them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from huoltamo_desktop.i18n import (
    _,
    format_date,
    format_money,
    format_number,
    ngettext,
    round_half_up,
    setup_i18n,
)


def test_dates() -> None:
    day = date(2026, 3, 9)
    assert format_date(day, "fi") == "9.3.2026"
    assert format_date(day, "sv") == "9.3.2026"
    assert format_date(day, "en") == "09/03/2026"
    assert format_date(None, "fi") == ""


def test_numbers_and_money() -> None:
    assert format_number(1234.5, "fi", digits=1) == "1\xa0234,5"
    assert format_number(1234.5, "en", digits=1) == "1,234.5"
    assert format_money(Decimal("1490"), "fi") == "1\xa0490,00\xa0€"
    assert format_money(Decimal("1490"), "en") == "€1,490.00"
    assert "1\xa0490,00" in format_money(Decimal("1490"), "sv")


def test_switching_language_translates_and_pluralises() -> None:
    setup_i18n("fi")
    try:
        assert _("People") == "Henkilöt"
        assert ngettext("{n} active person", "{n} active people", 1) != ngettext(
            "{n} active person", "{n} active people", 2
        )
        setup_i18n("sv")
        assert _("People") == "Personal"
    finally:
        setup_i18n("en")
    assert _("People") == "People"


def test_translator_for_a_language_works_before_the_app_sets_one_up() -> None:
    import huoltamo_desktop.i18n as i18n

    i18n._loaded = False  # as in a script that calls a report builder directly
    assert i18n.translator_for("fi").gettext("People") == "Henkilöt"
    setup_i18n("en")


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [(4.25, "fi", "4,3"), (4.35, "fi", "4,4"), (2.45, "sv", "2,5"), (0.05, "en", "0.1")],
)
def test_halves_round_up_as_readers_expect(value: float, language: str, expected: str) -> None:
    assert format_number(value, language, digits=1) == expected


def test_round_half_up_takes_a_float_by_its_written_form() -> None:
    assert str(round_half_up(4.25, 1)) == "4.3"  # round(4.25, 1) gives 4.2
    assert str(round_half_up(2.5)) == "3"


@pytest.mark.parametrize(
    ("ui", "expected"), [("fi", "ruotsiksi"), ("sv", "på svenska"), ("en", "in Swedish")]
)
def test_a_language_is_named_in_the_language_of_the_sentence(ui: str, expected: str) -> None:
    from huoltamo_desktop.i18n import in_language, language_name

    setup_i18n(ui)
    try:
        assert in_language("sv") == expected
        assert language_name("fi") == {"fi": "suomi", "sv": "finska", "en": "Finnish"}[ui]
    finally:
        setup_i18n("en")


@pytest.mark.parametrize(
    ("language", "medium", "short"),
    [("fi", "14.05.33", "14.05"), ("sv", "14.05.33", "14.05"), ("en", "14:05:33", "14:05")],
)
def test_times_are_written_as_the_language_writes_them(
    language: str, medium: str, short: str
) -> None:
    from datetime import datetime

    from huoltamo_desktop.i18n import format_time

    moment = datetime(2026, 12, 1, 14, 5, 33)
    assert format_time(moment, language) == medium
    assert format_time(moment, language, fmt="short") == short


def test_numbers_in_words_take_the_right_form() -> None:
    from huoltamo_desktop.services.skills_export import people_by_skills

    setup_i18n("fi")
    try:
        assert people_by_skills(1, 1) == "1 henkilö × 1 taito"
        assert people_by_skills(12, 40) == "12 henkilöä × 40 taitoa"
        every = ngettext("{kind} every month", "{kind} every {months} months", 1)
        assert every.format(kind="Kehityskeskustelu", months=1) == "Kehityskeskustelu kuukausittain"
        setup_i18n("sv")
        every = ngettext("{kind} every month", "{kind} every {months} months", 6)
        assert every.format(kind="Avstämning", months=6) == "Avstämning med 6 månaders mellanrum"
        setup_i18n("en")
        year = ngettext(
            "Valid until {date} ({years} year).", "Valid until {date} ({years} years).", 1
        )
        assert year.format(date="1/1/2027", years=1) == "Valid until 1/1/2027 (1 year)."
    finally:
        setup_i18n("en")


def test_date_fields_follow_the_language_of_the_text_beside_them() -> None:
    from datetime import date

    from huoltamo_desktop.i18n import date_input_format, format_date

    assert date_input_format("fi") == date_input_format("sv") == "d.M.yyyy"
    assert date_input_format("en") == "dd/MM/yyyy"
    assert format_date(date(2027, 3, 9), "en") == "09/03/2027"
