"""huoltamo-desktop import-catalogue / export-catalogue / training-plan, on a demo firm."""

from __future__ import annotations

import json
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from huoltamo_desktop.cli import main
from huoltamo_desktop.services.demo import build_demo
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.storage.migrate import open_database

TODAY = date(2026, 11, 27)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    engine, _info = open_database(str(path))
    with session_scope(engine) as session:
        build_demo(session, people=25, seed=3, today=TODAY)
    engine.dispose()
    return path


def test_export_then_import_changes_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "catalogue.json"
    assert main(["--lang", "en", "export-catalogue", "--db", str(demo_db), "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "huoltamo-training-catalogue" and doc["format_version"] == 1
    assert len(doc["offerings"]) >= 45
    capsys.readouterr()
    assert main(["--lang", "en", "import-catalogue", "--db", str(demo_db), str(out)]) == 0
    assert "0 to add, 0 to update, 0 to retire" in capsys.readouterr().out


def test_dry_run_shows_the_changes_and_writes_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "catalogue.csv"
    assert main(["--lang", "en", "export-catalogue", "--db", str(demo_db), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig").replace(
        "Tulityökorttikurssi;", "Tulityökorttikurssi 2027;", 1
    )
    out.write_text(text, encoding="utf-8")
    before = demo_db.read_bytes()
    capsys.readouterr()
    assert (
        main(["--lang", "en", "import-catalogue", "--db", str(demo_db), str(out), "--dry-run"]) == 0
    )
    printed = capsys.readouterr().out
    assert "update\talertum_hot_work_card\tTulityökorttikurssi 2027" in printed
    assert "Dry run: nothing was changed." in printed
    assert demo_db.read_bytes() == before


def test_a_file_with_problems_is_refused_with_exit_1(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "huoltamo-training-catalogue",
                "format_version": 1,
                "offerings": [
                    {
                        "key": "x",
                        "provider": "ttk",
                        "kind": "course",
                        "title": "X",
                        "reviewed_on": "eilen",
                    }
                ],
            }
        )
    )
    assert main(["--lang", "en", "import-catalogue", "--db", str(demo_db), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "offering x: reviewed_on: eilen is not a date" in out
    assert "Nothing was changed" in out
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "huoltamo-training-catalogue", "format_version": 9}))
    assert main(["--lang", "en", "import-catalogue", "--db", str(demo_db), str(newer)]) == 1
    assert "newer version" in capsys.readouterr().err


def test_training_plan_pdf_for_the_firm_and_a_team(demo_db: Path, tmp_path: Path) -> None:
    firm = tmp_path / "firm.pdf"
    assert (
        main(
            [
                "--lang",
                "fi",
                "training-plan",
                "--db",
                str(demo_db),
                "--year",
                "2026",
                "-o",
                str(firm),
            ]
        )
        == 0
    )
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(firm.read_bytes())).pages)
    assert "Koulutussuunnitelma 2026" in text
    assert "Koko yritys" in text and "Tuotanto" in text
    assert "Suoritettu" in text
    team = tmp_path / "team.pdf"
    assert (
        main(
            [
                "--lang",
                "sv",
                "training-plan",
                "--db",
                str(demo_db),
                "--year",
                "2027",
                "--team",
                "tuotanto",
                "-o",
                str(team),
            ]
        )
        == 0
    )
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(team.read_bytes())).pages)
    assert "Utbildningsplan 2027 – Tuotanto" in text
    assert "Planerad" in text
    assert (
        main(
            [
                "--lang",
                "en",
                "training-plan",
                "--db",
                str(demo_db),
                "--team",
                "Nobody",
                "-o",
                str(team),
            ]
        )
        == 1
    )
