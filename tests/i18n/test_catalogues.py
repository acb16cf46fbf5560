"""Every message is translated in every language, with the same placeholders."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from huoltamo_desktop.i18n import DOMAINS, LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%\([a-z_]+\)[sd]|%[sd]")


def _catalog(language: str, domain: str):  # type: ignore[no-untyped-def]
    path = ROOT / "translations" / language / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as fh:
        return read_po(fh, locale=language, domain=domain)


def _strings(message) -> list[str]:  # type: ignore[no-untyped-def]
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_is_translated(language: str, domain: str) -> None:
    catalog = _catalog(language, domain)
    missing = [m.id for m in catalog if m.id and not all(_strings(m))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"{language}/{domain}: untranslated: {missing[:10]}"
    assert not fuzzy, f"{language}/{domain}: fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_placeholders_match_the_source(language: str, domain: str) -> None:
    bad = []
    for message in _catalog(language, domain):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for text in _strings(message):
            if sorted(PLACEHOLDER.findall(text)) != wanted and not (
                len(ids) > 1
                and sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(ids[0]))
            ):
                bad.append((ids[0], text))
    assert not bad, f"{language}/{domain}: placeholders differ: {bad[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_po_file(language: str, domain: str) -> None:
    po = {
        m.id if isinstance(m.id, str) else m.id[0]: _strings(m)
        for m in _catalog(language, domain)
        if m.id
    }
    mo_path = ROOT / "translations" / language / "LC_MESSAGES" / f"{domain}.mo"
    with mo_path.open("rb") as fh:
        mo = {m.id if isinstance(m.id, str) else m.id[0]: _strings(m) for m in read_mo(fh) if m.id}
    assert po == mo, f"{mo_path} is stale: run python scripts/i18n.py compile"


def test_source_and_catalogues_agree() -> None:
    """Every marked string in the code is in the catalogues (run scripts/i18n.py update)."""
    code = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import json, sys; sys.path.insert(0, 'scripts'); import i18n; "
                "print(json.dumps(sorted({d + '|' + (m.id if isinstance(m.id, str) else m.id[0]) "
                "for d, c in i18n.extract().items() for m in c if m.id})))",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    in_po = {
        d + "|" + (m.id if isinstance(m.id, str) else m.id[0])
        for d in DOMAINS
        for m in _catalog("fi", d)
        if m.id
    }
    missing = [line for line in code if line not in in_po]
    assert not missing, f"not in the catalogues: {missing[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_message_has_one_translation_in_every_domain(language: str) -> None:
    """All domains are chained into one lookup, so the first catalogue that has a message wins.

    The same English text translated differently in two domains would show one
    capability's meaning in the other's screens; where the meanings really
    differ, the code gives the message a context with ``pgettext``.
    """
    seen: dict[tuple[str | None, str], dict[str, tuple[str, ...]]] = {}
    for domain in DOMAINS:
        for m in _catalog(language, domain):
            if m.id:
                key = (m.context, m.id if isinstance(m.id, str) else m.id[0])
                seen.setdefault(key, {})[domain] = tuple(_strings(m))
    clashes = {k: v for k, v in seen.items() if len(set(v.values())) > 1}
    assert not clashes, f"translated differently across domains: {clashes}"


def test_a_retired_skill_is_not_a_retired_person() -> None:
    from huoltamo_desktop.domain.people import LeaveReason, leave_reason_label
    from huoltamo_desktop.i18n import pgettext, setup_i18n

    setup_i18n("fi")
    try:
        assert pgettext("skill", "Retired") == "Poistettu käytöstä"
        assert leave_reason_label(LeaveReason.RETIRED) == "Jäi eläkkeelle"
    finally:
        setup_i18n("en")
