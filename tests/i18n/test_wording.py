"""Wording a native reader asked for stays as it is (catalogues and bundled texts)."""

from __future__ import annotations

import re

import pytest

from huoltamo_desktop.i18n import translator_for
from tests.i18n.test_glossary import texts


@pytest.mark.parametrize(
    ("language", "message", "expected"),
    [
        ("fi", "Describe the skill", "Kuvaile taitoa"),
        ("fi", "Dropped", "Peruttu"),
        ("fi", "Cancel", "Peruuta"),
        ("fi", "We did not agree on any new actions.", "Uusia toimia ei sovittu."),
        (
            "fi",
            "We have read the summary and agree with it.",
            "Olemme lukeneet yhteenvedon ja hyväksymme sen.",
        ),
        ("fi", "Share with your manager?", "Jaatko tämän esihenkilöllesi?"),
        ("fi", "Open the &manager side", "&Avaa esihenkilön näkymä"),
        ("fi", "Due", "Ajankohta"),
        ("fi", "D&ue", "&Vuorossa"),
        (
            "fi",
            "Filter by person, action or who takes care of it",
            "Suodata henkilön, toimen tai vastuuhenkilön mukaan",
        ),
        ("sv", "Pick from the &starter set…", "&Välj från startlistan…"),
        ("sv", "We did not agree on any new actions.", "Vi kom inte överens om några åtgärder."),
        ("sv", "Self-rating", "Egen bedömning"),
        ("sv", "Made on {date}", "Utskriven {date}"),
        ("sv", "Open the &manager side", "Öppna &chefsvyn"),
        ("sv", "Status", "Status"),
        (
            "en",
            "The firm’s future needs that concern {name}",
            "The firm’s future needs that concern {name}",
        ),
        ("en", "What we agreed", "What we agreed"),
    ],
)
def test_the_agreed_wording(language: str, message: str, expected: str) -> None:
    assert translator_for(language).gettext(message) == expected


def test_a_single_skill_left_without_a_holder_reads_in_the_singular() -> None:
    fi = translator_for("fi")
    one = fi.ngettext(
        "If {name} left, {n} skill the firm needs would have nobody at level 3 or above: {skills}.",
        "If {name} left, {n} skills the firm needs would have nobody at level 3 or above: {skills}.",
        1,
    )
    assert "{n} yrityksen tarvitsema taito jäisi ilman osaajaa" in one


@pytest.mark.parametrize(
    ("language", "wanted"),
    [
        ("fi", "Opin monella tavalla, esimerkiksi kollegoilta"),
        ("sv", "Jag lär mig på många sätt, till exempel av kolleger"),
        ("en", "I learn in many ways, for example from colleagues"),
        ("sv", "Du vet precis var du är som starkast"),
        ("sv", "Hjälper medarbetarna att hitta egna lösningar"),
        ("sv", "Utför stom-, form- och inredningsarbeten"),
        ("sv", "arbetsavtal"),
        ("sv", "partiell förtida ålderspension"),
    ],
)
def test_bundled_texts_say_it_as_agreed(language: str, wanted: str) -> None:
    assert any(wanted in text for text in texts(language)), wanted


def test_swedish_asks_with_skulle_kunna_not_the_past_tense_kunde() -> None:
    conditional = re.compile(r"\bkunde (du|vi|jag)\b|(^|[.?!–]\s)Kunde\b")
    found = [t[:90] for t in texts("sv") if conditional.search(t)]
    assert not found, found


def test_a_finnish_template_sentence_keeps_one_imperative_form() -> None:
    # "Kerro …, ja pohtikaa …" mixes the singular and the plural in one sentence.
    mixed = re.compile(r"\b(Kerro|Kysy|Puhukaa|Katsokaa)\b[^.]*\b(pohtikaa|sopikaa|keskity)\b")
    found = [t[:90] for t in texts("fi") if mixed.search(t)]
    assert not found, found
