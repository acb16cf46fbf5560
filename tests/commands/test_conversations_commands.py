"""huoltamo-desktop conversations / export-conversation."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from huoltamo_desktop.cli import main
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.services.demo import build_demo
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.storage.migrate import open_database


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    engine, _info = open_database(str(path))
    with session_scope(engine) as session:
        build_demo(session, people=20, seed=2, today=date(2026, 11, 27))
    engine.dispose()
    return path


def test_list_prints_aligned_columns(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "conversations", "--db", str(demo_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "Date", "Person", "or", "team", "Kind", "State"]
    date_col = lines[0].index("Date")
    kind_col = lines[0].index("Kind")
    assert len(lines) > 5
    for line in lines[1:]:
        assert line[date_col - 2 : date_col] == "  " and line[date_col].isdigit()
        assert line[kind_col - 2 : kind_col] == "  " and line[kind_col].isalpha()
    assert any("Career conversation" in line and "Final" in line for line in lines)
    assert any("Draft" in line for line in lines)


def test_export_writes_the_summary(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine, _info = open_database(str(demo_db))
    with session_scope(engine) as session:
        row = next(
            r for r in cs.list_conversations(session) if r.kind == "career" and r.state == "final"
        )
    engine.dispose()
    out = tmp_path / "summary.pdf"
    assert (
        main(
            [
                "--lang",
                "en",
                "export-conversation",
                "--db",
                str(demo_db),
                str(row.id),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(out.read_bytes())).pages)
    assert row.subject in text
    assert str(out) in capsys.readouterr().out


def test_a_missing_id_is_one_clear_line(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert (
        main(["--lang", "en", "export-conversation", "--db", str(demo_db), "9999", "-o", str(out)])
        == 1
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["huoltamo-desktop: No conversation with ID 9999."]
    assert not out.exists()


def test_a_missing_database_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nothing.sqlite3"
    assert main(["--lang", "en", "conversations", "--db", str(path)]) == 1
    assert "No database at" in capsys.readouterr().err
    assert not path.exists()
