"""Bad input everywhere, generated: the staff-list importer and the command line never crash.

Every failure is a UserError (a message in the user's language) or a clean
exit with one line; an import either saves every row it accepted or nothing.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import func, select

from huoltamo_desktop.cli import main
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import Person, Team
from huoltamo_desktop.services.importing import (
    build_preview,
    commit_import,
    existing_name_keys,
    guess_mapping,
    read_staff_list,
)
from huoltamo_desktop.storage.database import session_scope

HEADERS = [
    "Etunimi",
    "Sukunimi",
    "Nimi",
    "Tehtävä",
    "Tiimi",
    "Esihenkilö",
    "Aloituspäivä",
    "Syntymävuosi",
    "Kieli",
    "Uravaihe",
    "Sähköposti",
    "first name",
    "",
]
cell = st.one_of(
    st.sampled_from(["Aino", "Väinö", "Åsa", "1.3.2007", "2015-02-01", "32.13.2020", "1974", "fi"]),
    st.sampled_from(["svenska", "x" * 130, "", " ", '"', ";", "\t", "\x00", "=SUM(A1)", "—"]),
    st.text(max_size=40),
)
csv_text = st.builds(
    lambda headers, rows, sep: "\n".join(sep.join(r) for r in [headers, *rows]),
    st.lists(st.sampled_from(HEADERS), min_size=0, max_size=8),
    st.lists(st.lists(cell, max_size=9), max_size=8),
    st.sampled_from([";", ",", "\t"]),
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    payload=st.one_of(
        csv_text.map(lambda t: t.encode("utf-8")),
        csv_text.map(lambda t: t.encode("cp1252", errors="replace")),
        st.binary(max_size=300),
    ),
    suffix=st.sampled_from([".csv", ".xlsx", ".txt"]),
)
@example(payload=("Nimi;Tiimi\nAino Virtanen;" + "x" * 130).encode(), suffix=".csv")
@example(payload=b"Nimi;Tiimi\n\xff\xfe;\x00", suffix=".csv")
def test_the_staff_list_importer_never_crashes_and_never_half_imports(
    payload: bytes, suffix: str, sqlite_engine: Engine, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"staff{suffix}"
    path.write_bytes(payload)
    with session_scope(sqlite_engine) as s:
        before = s.exec(select(func.count()).select_from(Person)).one()
    try:
        table = read_staff_list(path)
        with session_scope(sqlite_engine) as s:
            rows = build_preview(
                table,
                guess_mapping(table.headers),
                existing_names=existing_name_keys(s),
                today=date(2026, 12, 1),
            )
            created = commit_import(s, rows=rows).added
    except UserError as exc:
        assert str(exc).strip(), "every refusal says why"
        created = 0
    with session_scope(sqlite_engine) as s:
        after = s.exec(select(func.count()).select_from(Person)).one()
        teams = list(s.exec(select(Team)))
    assert after == before + created, "all accepted rows were saved, or none"
    assert all(0 < len(t.name) <= 120 for t in teams), "team names fit the column"


VOCABULARY = [
    "check",
    "backup",
    "restore",
    "backups",
    "employee-sharing",
    "conversations",
    "export-conversation",
    "export-matrix",
    "--db",
    "-o",
    "--format",
    "--team",
    "--lang",
    "fi",
    "sv",
    "xx",
    "pdf",
    "xlsx",
    "1",
    "-1",
    "999999",
    "--help",
    "--people",
    "--seed",
]


@pytest.fixture(scope="module")
def cli_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("cli")
    db = base / "firm.sqlite3"
    assert main(["--lang", "en", "demo", "--db", str(db), "--people", "12"]) == 0
    csv = base / "staff.csv"
    csv.write_text("Nimi;Tiimi\nAino Virtanen;Tuotanto\n", encoding="utf-8")
    return {
        "DB": str(db),
        "CSV": str(csv),
        "OUT": str(base / "out" / "file.pdf"),
        "NEW": str(base / "new.pdf"),
        "DIR": str(base),
    }


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    command=st.sampled_from(VOCABULARY[:8]),
    rest=st.lists(
        st.one_of(
            st.sampled_from(VOCABULARY),
            st.sampled_from(["DB", "CSV", "OUT", "NEW", "DIR"]),
            st.text(max_size=12),
        ),
        max_size=6,
    ),
    lang=st.sampled_from(["fi", "sv", "en"]),
)
# A carriage return typed into a path or an argument once split the message in two.
@example(command="check", rest=["--db", "\r"], lang="fi")
@example(command="check", rest=["--db", "check", "\r0"], lang="fi")
def test_the_command_line_answers_bad_input_with_one_line(
    command: str, rest: list[str], lang: str, cli_files: dict[str, str]
) -> None:
    argv = ["--lang", lang, command, *(cli_files.get(a, a) for a in rest)]
    db = Path(cli_files["DB"])
    keep = db.with_name("firm.keep")
    shutil.copy(db, keep)
    err, out = io.StringIO(), io.StringIO()
    code: int | str | None
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code = main(argv)
    except SystemExit as exc:
        code = exc.code
    finally:
        shutil.copy(keep, db)  # a restore in the sequence must not change the next example
    assert code in (0, 1, 2), (argv, code, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if code:
        lines = [line for line in err.getvalue().splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("huoltamo-desktop:"), (argv, lines)
