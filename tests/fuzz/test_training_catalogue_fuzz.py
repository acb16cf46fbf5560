"""Bad training-catalogue files, generated: the importer never crashes and never half-imports.

A catalogue file (JSON or CSV, the two formats ``training_exchange`` reads)
either imports whole or is refused with UserErrors whose text is one of the
app's Finnish messages; a refused file leaves the database exactly as it
was. Runs on SQLite and PostgreSQL (whose columns refuse what SQLite lets by).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.training import CATALOGUE_FORMAT, CATALOGUE_FORMAT_VERSION
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import training_exchange as exchange
from huoltamo_desktop.storage.database import session_scope

ROOT = Path(__file__).resolve().parents[2]
# Short enough for every test run; HUOLTAMO_FUZZ_EXAMPLES=2000 digs deeper.
FUZZ = settings(
    max_examples=int(os.environ.get("HUOLTAMO_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _finnish_templates() -> list[tuple[str, re.Pattern[str]]]:
    """Every Finnish message of the app as a pattern (a placeholder matches anything).

    A refusal is in Finnish when it is one of these, whatever values it names.
    """
    found = []
    for po in (ROOT / "translations" / "fi" / "LC_MESSAGES").glob("*.po"):
        with po.open("rb") as fh:
            for message in read_po(fh, locale="fi"):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for text in strings:
                    if not text:
                        continue
                    chunks = re.split(r"\{[^}]*\}", str(text))
                    if len(max(chunks, key=len).strip()) < 4:
                        continue  # "{name}" alone would match any text at all
                    pattern = ".*".join(re.escape(c) for c in chunks)
                    found.append((max(chunks, key=len), re.compile(pattern, re.DOTALL)))
    return found


FINNISH = _finnish_templates()


@pytest.fixture(autouse=True)
def _finnish() -> Iterator[None]:
    """Everything here runs in Finnish, the app's default language (after conftest's English)."""
    setup_i18n("fi")
    yield
    setup_i18n("en")


def _in_finnish(message: str) -> None:
    assert message.strip(), "every refusal says why"
    assert any(chunk in message and pattern.fullmatch(message) for chunk, pattern in FINNISH), (
        f"not a Finnish message of the app: {message!r}"
    )


def _row_in_finnish(error: exchange.RowError) -> None:
    for part in error.where.split(", "):  # "offering o1, run 2"
        _in_finnish(part)
    _in_finnish(error.message)


def _fingerprint(engine: Engine) -> dict[str, Any]:
    with session_scope(engine) as s:
        return exchange.export_catalogue(s)


def _try_import(engine: Engine, data: bytes, *, csv_file: bool) -> None:
    """Read, preview and apply as the app does; check what a refusal says and that it changed nothing."""
    before = _fingerprint(engine)
    try:
        catalogue = exchange.read_catalogue(data, csv_file=csv_file)
    except UserError as exc:
        _in_finnish(str(exc))
        assert _fingerprint(engine) == before
        return
    for error in catalogue.errors:
        _row_in_finnish(error)
    applied = False
    try:
        with session_scope(engine) as s:
            preview = exchange.preview_import(s, catalogue=catalogue)
            for error in preview.errors:
                _row_in_finnish(error)
            exchange.apply_import(s, catalogue=catalogue)
            applied = True
    except UserError as exc:
        _in_finnish(str(exc))
    if not applied:
        assert _fingerprint(engine) == before, "a refused file changed the database"
    else:
        assert not catalogue.errors, "a file with problems was imported"


# --- JSON -------------------------------------------------------------------------------

WEIRD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "",
            " ",
            "2026-03-09",
            "9.3.2026",
            "31.2.2026",
            "0000-01-01",
            "169,50",
            "1 200 €",
            "9" * 40,
            "²",
            "x" * 600,
            "a b",
            "\x00",
            "=HYPERLINK(1)",
            "course",
            "degree",
            "online",
            "any",
            "yes",
            "fi;sv",
            "hygiene_passport:2",
            "welding:9",
            "welding:²",
        ]
    ),
    st.text(max_size=30),
)
JSON_VALUE = st.recursive(
    WEIRD,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["fi", "sv", "en", "x"]), inner, max_size=3),
    ),
    max_leaves=8,
)
PROVIDER_KEYS = [
    "key",
    "name",
    "kind",
    "region",
    "languages",
    "url",
    "trust",
    "reviewed_on",
    "retired",
]
RULE_KEYS = [
    "key",
    "name",
    "who",
    "amount",
    "note",
    "share_percent",
    "valid_from",
    "valid_to",
    "checked_on",
]
OFFERING_KEYS = [
    "key",
    "provider",
    "kind",
    "title",
    "summary",
    "duration",
    "format",
    "languages",
    "career_stage",
    "cost_eur",
    "funding",
    "card",
    "skills",
    "verified",
    "reviewed_on",
    "retired",
    "runs",
]
RUN_KEYS = ["key", "starts_on", "ends_on", "place", "online", "price_eur", "seats", "retired"]

GOOD_PROVIDER = {"key": "p1", "name": "Koulutus Oy", "reviewed_on": "2026-01-15"}
GOOD_OFFERING: dict[str, Any] = {
    "key": "o1",
    "provider": "p1",
    "kind": "course",
    "title": {"fi": "Hitsaus", "sv": "Svetsning", "en": "Welding"},
    "reviewed_on": "2026-01-15",
    "runs": [{"key": "r1", "starts_on": "2026-04-01", "price_eur": 120}],
}
GOOD_RULE = {"key": "f1", "name": {"fi": "Tuki"}, "share_percent": 50}


def _mutated(base: dict[str, Any], keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A good entry with a field or a few replaced by odd values (or dropped)."""
    return st.one_of(
        st.builds(
            lambda changes, drop: {
                **{k: v for k, v in base.items() if k not in drop},
                **changes,
            },
            st.dictionaries(st.sampled_from(keys), JSON_VALUE, max_size=4),
            st.sets(st.sampled_from(sorted(base)), max_size=2),
        ),
        # One odd value in an otherwise good entry: files that may well import.
        st.builds(lambda k, v: {**base, k: v}, st.sampled_from(keys), WEIRD),
        st.just(base),
    )


RUN = _mutated(GOOD_OFFERING["runs"][0], RUN_KEYS)
OFFERING = st.one_of(
    _mutated(GOOD_OFFERING, OFFERING_KEYS),
    st.builds(
        lambda o, runs: {**o, "runs": runs},
        _mutated(GOOD_OFFERING, OFFERING_KEYS),
        st.lists(RUN, max_size=3),
    ),
    JSON_VALUE,
)
GOOD_HEAD = {"format": CATALOGUE_FORMAT, "format_version": CATALOGUE_FORMAT_VERSION}
DOCUMENT = st.builds(
    lambda head, providers, rules, offerings, drop: {
        k: v
        for k, v in {
            **head,
            "providers": providers,
            "funding_rules": rules,
            "offerings": offerings,
        }.items()
        if k not in drop
    },
    st.one_of(
        st.just(GOOD_HEAD),
        st.just(GOOD_HEAD),
        st.fixed_dictionaries(
            {
                "format": st.one_of(st.just(CATALOGUE_FORMAT), JSON_VALUE),
                "format_version": JSON_VALUE,
            }
        ),
    ),
    st.one_of(
        st.lists(_mutated(GOOD_PROVIDER, PROVIDER_KEYS), min_size=1, max_size=3),
        st.lists(st.one_of(_mutated(GOOD_PROVIDER, PROVIDER_KEYS), JSON_VALUE), max_size=3),
        JSON_VALUE,
    ),
    st.lists(_mutated(GOOD_RULE, RULE_KEYS), max_size=2),
    st.one_of(
        st.lists(_mutated(GOOD_OFFERING, OFFERING_KEYS), min_size=1, max_size=3),
        st.lists(OFFERING, max_size=4),
        JSON_VALUE,
    ),
    st.one_of(
        st.just(set()),
        st.sets(
            st.sampled_from(["providers", "funding_rules", "offerings", "format_version"]),
            max_size=1,
        ),
    ),
)


def _dump(doc: object) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


@FUZZ
@given(
    payload=st.one_of(
        DOCUMENT.map(_dump),
        DOCUMENT.map(_dump),
        DOCUMENT.map(_dump),
        JSON_VALUE.map(_dump),
        st.binary(max_size=200),
        DOCUMENT.map(lambda d: json.dumps(d).encode("utf-16")),
        DOCUMENT.map(lambda d: _dump(d)[: max(1, len(_dump(d)) // 2)]),
    )
)
@example(payload=b"[" * 50_000)
@example(payload=b'{"format_version": ' + b"9" * 5000 + b"}")
@example(
    payload=_dump(
        {
            "format": CATALOGUE_FORMAT,
            "format_version": 1,
            "providers": [GOOD_PROVIDER],
            "offerings": [{**GOOD_OFFERING, "cost_eur": 1e308, "runs": 5}],
        }
    ).replace(b"1e+308", b"Infinity")
)
@example(
    payload=_dump(
        {
            "format": CATALOGUE_FORMAT,
            "format_version": 1,
            "providers": [{**GOOD_PROVIDER, "languages": ["fi"] * 30}],
            "offerings": [
                {
                    **GOOD_OFFERING,
                    "key": "o\x00",
                    "skills": [{"skill": "s" * 200, "level": 2}],
                    "runs": [{"key": "r1", "starts_on": "2026-04-01", "seats": 10**12}],
                }
            ],
        }
    )
)
def test_a_json_catalogue_never_crashes_and_never_half_imports(
    payload: bytes, engine: Engine
) -> None:
    _try_import(engine, payload, csv_file=False)


# --- CSV --------------------------------------------------------------------------------

CELL = st.one_of(
    st.sampled_from(
        [
            "",
            "-",
            "o1",
            "p1",
            "course",
            "Hitsaus",
            "2026-01-15",
            "15.1.2026",
            "2026-13-01",
            "169,50",
            "99999999999999999999",
            "welding:3",
            "welding:²",
            "=1+1",
            "'=1+1",
            "-3",
            '"',
            "x" * 400,
            "fi;" * 30,
            "a b",
            "\x00",
            "yes",
        ]
    ),
    st.text(max_size=20),
)
COLUMNS = [*exchange.CSV_COLUMNS, "", "extra"]
GOOD_HEADER = ["key", "provider_key", "provider_name", "kind", "title_fi", "reviewed_on"]
GOOD_ROW = st.tuples(
    st.sampled_from(["o1", "o2", "o3"]),
    st.sampled_from(["p1", "p2"]),
    st.just("Koulutus Oy"),
    st.just("course"),
    st.sampled_from(["Hitsaus", "Työturvallisuus", "Ensiapu 1"]),
    st.just("2026-01-15"),
)
CSV_TEXT = st.one_of(
    st.builds(
        lambda header, rows, sep: "\n".join(sep.join(r) for r in [header, *rows]),
        st.one_of(st.just(GOOD_HEADER), st.lists(st.sampled_from(COLUMNS), max_size=10)),
        st.lists(st.lists(CELL, max_size=8), max_size=5),
        st.sampled_from([";", ",", "\t"]),
    ),
    # A sound file with one more column of odd cells: such a file may well import.
    st.builds(
        lambda extra, rows: "\n".join(
            ";".join(cells)
            for cells in [[*GOOD_HEADER, extra], *([*row, cell] for row, cell in rows)]
        ),
        st.sampled_from(exchange.CSV_COLUMNS[4:]),
        st.lists(st.tuples(GOOD_ROW, CELL), min_size=1, max_size=4),
    ),
)


@FUZZ
@given(
    payload=st.one_of(
        CSV_TEXT.map(lambda t: t.encode("utf-8")),
        CSV_TEXT.map(lambda t: t.encode("utf-8-sig")),
        CSV_TEXT.map(lambda t: t.encode("cp1252", errors="replace")),
        CSV_TEXT.map(lambda t: t.encode("utf-16")),
        st.binary(max_size=200),
    )
)
@example(
    payload=(
        "key;provider_key;provider_name;kind;title_fi;reviewed_on\n"
        f"o1;p1;Koulutus Oy;course;{'x' * 200_000};2026-01-15\n"
    ).encode()
)
@example(
    payload=(
        "key;provider_key;provider_name;kind;title_fi;reviewed_on;languages;skills\n"
        f"o1;{'p' * 90};Koulutus Oy;course;Hitsaus;2026-01-15;{'fi;' * 30};welding:²\n"
    ).encode()
)
def test_a_csv_catalogue_never_crashes_and_never_half_imports(
    payload: bytes, engine: Engine
) -> None:
    _try_import(engine, payload, csv_file=True)


def test_a_good_file_still_imports(sqlite_engine: Engine) -> None:
    doc = {
        "format": CATALOGUE_FORMAT,
        "format_version": CATALOGUE_FORMAT_VERSION,
        "providers": [GOOD_PROVIDER],
        "funding_rules": [GOOD_RULE],
        "offerings": [GOOD_OFFERING],
    }
    catalogue = exchange.read_catalogue(_dump(doc), csv_file=False)
    assert catalogue.errors == []
    with session_scope(sqlite_engine) as s:
        result = exchange.apply_import(s, catalogue=catalogue)
    assert (result.added, result.updated) == (3, 0)
