"""One term per concept: translations/GLOSSARY.md checked against every catalogue and resource."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from huoltamo_desktop.i18n import DOMAINS, LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ("concept", "en", "fi", "sv", "not_fi", "not_sv", "not_en")


def glossary() -> list[dict[str, str]]:
    rows = []
    for line in (ROOT / "translations" / "GLOSSARY.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| concept") or set(line) <= {"|", "-"}:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append(dict(zip(COLUMNS, cells, strict=True)))
    return rows


def _resource_texts(value: Any, language: str, out: list[str]) -> None:
    if isinstance(value, dict):
        if language in value and isinstance(value[language], str):
            out.append(value[language])
        for item in value.values():
            _resource_texts(item, language, out)
    elif isinstance(value, list):
        for item in value:
            _resource_texts(item, language, out)


@cache
def texts(language: str) -> tuple[str, ...]:
    """Every translated message and every bundled text in ``language``."""
    out: list[str] = []
    for domain in DOMAINS:
        path = ROOT / "translations" / language / "LC_MESSAGES" / f"{domain}.po"
        with path.open("rb") as fh:
            for message in read_po(fh, locale=language, domain=domain):
                if message.id:
                    strings = message.string
                    out += [strings] if isinstance(strings, str) else list(strings or ())
    for path in sorted((ROOT / "resources").rglob("*.json")):
        _resource_texts(json.loads(path.read_text(encoding="utf-8")), language, out)
    return tuple(out)


def _pattern(word: str) -> re.Pattern[str]:
    if word.endswith("*"):
        return re.compile(r"\b" + re.escape(word[:-1]) + r"\w*", re.IGNORECASE)
    return re.compile(r"\b" + re.escape(word) + r"\b", re.IGNORECASE)


def _in_use(term: str, corpus: str) -> bool:
    # Inflection (and Finnish consonant gradation) changes a word's end: taito → taidot.
    *first, last = term.split(" ")
    stem = last[:-3] if len(last) >= 8 else last[:-2] if len(last) >= 5 else last
    return re.search(re.escape(" ".join([*first, stem])), corpus, re.IGNORECASE) is not None


def test_the_glossary_has_every_concept_the_team_agreed_on() -> None:
    concepts = {row["en"] for row in glossary()}
    for wanted in (
        "skill",
        "self-assessment",
        "career management skills",
        "role profile",
        "job title",
        "status",
        "check-in",
        "group development discussion",
        "My summary",
        "save as PDF",
        "manager side",
        "dropped",
        "due",
    ):
        assert wanted in concepts, wanted


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_term_is_the_one_in_use(language: str) -> None:
    corpus = "\n".join(texts(language))
    unused = [row[language] for row in glossary() if not _in_use(row[language], corpus)]
    assert not unused, f"{language}: glossary terms nowhere in the texts: {unused}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_other_word_for_a_concept(language: str) -> None:
    found = []
    all_texts = texts(language)
    for row in glossary():
        for word in filter(None, (w.strip() for w in row[f"not_{language}"].split(","))):
            pattern = _pattern(word)
            found += [(row[language], word, t[:90]) for t in all_texts if pattern.search(t)]
    assert not found, f"{language}: words the glossary rules out: {found[:12]}"


def test_a_finnish_clause_starting_with_ennen_kuin_is_set_off_with_a_comma() -> None:
    missing = [t[:90] for t in texts("fi") if re.search(r"[^,\s]\s+ennen kuin\b", t)]
    assert not missing, f"comma missing before “ennen kuin”: {missing}"
