"""huoltamo-desktop report / export-calendar."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from huoltamo_desktop.cli import main
from huoltamo_desktop.services.demo import build_demo
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.storage.migrate import open_database


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    engine, _info = open_database(str(path))
    with session_scope(engine) as session:
        build_demo(session, people=25, seed=3)
    engine.dispose()
    return path


@pytest.mark.parametrize(
    ("kind", "title"), [("year", "in review"), ("development-plan", "Workplace development plan")]
)
def test_report_writes_a_pdf(demo_db: Path, tmp_path: Path, kind: str, title: str) -> None:
    out = tmp_path / "r.pdf"
    assert (
        main(["--lang", "en", "report", "--db", str(demo_db), "--kind", kind, "-o", str(out)]) == 0
    )
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(out.read_bytes())).pages)
    assert title in text and "Koivulan Konepaja Oy" in text


def test_report_refuses_a_missing_database_and_a_bad_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "--lang",
            "en",
            "report",
            "--db",
            str(tmp_path / "no.sqlite3"),
            "--kind",
            "year",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code != 0
    assert "No database" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(
            [
                "--lang",
                "en",
                "report",
                "--db",
                str(tmp_path / "no.sqlite3"),
                "--kind",
                "month",
                "-o",
                "x.pdf",
            ]
        )
    assert not (tmp_path / "x.pdf").exists()


def test_export_calendar_reads_back(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.ics"
    assert main(["--lang", "en", "export-calendar", "--db", str(demo_db), "-o", str(out)]) == 0
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert events
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
    assert all(e.decoded("dtstart") >= date.today() for e in events)


def test_export_calendar_needs_the_manager_passphrase(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "c.ics"
    monkeypatch.setenv("HUOLTAMO_MANAGER_PASSPHRASE", "not the right one at all")
    assert main(["--lang", "en", "export-calendar", "--db", str(demo_db), "-o", str(out)]) == 1
    assert "Wrong manager passphrase" in capsys.readouterr().err
    assert not out.exists()


def test_report_never_replaces_a_file_without_force(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"mine")
    args = ["--lang", "en", "report", "--db", str(demo_db), "--kind", "year", "-o", str(out)]
    assert main(args) != 0
    assert out.read_bytes() == b"mine"
    assert main([*args, "--force"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
