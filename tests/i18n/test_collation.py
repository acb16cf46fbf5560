"""Case-insensitive keys and alphabetical order with Å, Ä and Ö."""

from __future__ import annotations

from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.i18n.collation import fold, like_pattern, sort_key, sorter

NAMES = ["Öberg", "Aalto", "Ärlig", "Zetterberg", "Åkerman", "Oja", "Ahola", "Émile", "Eskola"]


def test_fold_is_the_same_for_every_case_of_nordic_letters() -> None:
    assert fold("ÖSTRA") == fold("Östra") == fold("östra") == "östra"
    assert fold("ÅLAND") == "åland" and fold("ÄÄNEKOSKI") == "äänekoski"
    # Composed and decomposed Ö are the same letter; extra spaces do not make a new name.
    assert fold("O\u0308stra") == fold("Östra")
    assert fold("  Östra   tiimi ") == "östra tiimi"
    assert fold("Östra") != fold("Ostra")


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("Öberg") == "%öberg%"
    assert like_pattern("50%_off") == "%50\\%\\_off%"


def test_finnish_and_swedish_put_a_ring_a_umlaut_o_umlaut_after_z() -> None:
    expected = [
        "Aalto",
        "Ahola",
        "Émile",
        "Eskola",
        "Oja",
        "Zetterberg",
        "Åkerman",
        "Ärlig",
        "Öberg",
    ]
    assert sorted(NAMES, key=sorter("fi")) == expected
    assert sorted(NAMES, key=sorter("sv")) == expected


def test_accents_only_break_ties_and_lower_case_comes_first() -> None:
    words = ["Ek", "ek", "éka", "eka", "ekb"]
    assert sorted(words, key=sorter("fi")) == ["ek", "Ek", "eka", "éka", "ekb"]


def test_english_sorts_nordic_letters_with_their_base_letter() -> None:
    assert sorted(NAMES, key=sorter("en")) == [
        "Aalto",
        "Ahola",
        "Åkerman",
        "Ärlig",
        "Émile",
        "Eskola",
        "Öberg",
        "Oja",
        "Zetterberg",
    ]


def test_sort_key_follows_the_app_language() -> None:
    setup_i18n("fi")
    assert sorted(["Öberg", "Oja"], key=sort_key) == ["Oja", "Öberg"]
    setup_i18n("en")
    assert sorted(["Oja", "Öberg"], key=sort_key) == ["Öberg", "Oja"]
