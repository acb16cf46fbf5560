"""Exports never replace the database they read nor any file without --force; user text stays text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from huoltamo_desktop.cli import main
from huoltamo_desktop.services.employee_demo import DEMO_MANAGER_PASSPHRASE
from huoltamo_desktop.services.people import PersonInput, create_person, create_team
from huoltamo_desktop.storage.database import make_engine

DANGEROUS = ['=HYPERLINK("http://x.invalid","klik")', "+358 40 123", "-1+1", "@SUM(A1)"]


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "demo.sqlite3"
    assert main(["--lang", "en", "demo", "--db", str(db), "--people", "5"]) == 0
    monkeypatch.setenv("HUOLTAMO_MANAGER_PASSPHRASE", DEMO_MANAGER_PASSPHRASE)
    return db


@pytest.mark.parametrize(
    "command",
    [
        ["export-matrix", "--format", "xlsx"],
        ["export-matrix", "--format", "pdf"],
        ["export-conversation", "1"],
        ["export-rotations"],
    ],
)
def test_an_export_never_replaces_the_database_it_reads(
    demo_db: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    content = demo_db.read_bytes()
    for force in ([], ["--force"]):
        code = main(["--lang", "en", *command, "--db", str(demo_db), "-o", str(demo_db), *force])
        assert code == 1
        assert "database itself" in capsys.readouterr().err
        assert demo_db.read_bytes() == content


def test_an_existing_file_is_replaced_only_with_force_and_never_left_half_written(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"my own report")
    args = ["--lang", "en", "export-conversation", "1", "--db", str(demo_db), "-o", str(target)]
    assert main(args) == 1
    assert "--force" in capsys.readouterr().err
    assert target.read_bytes() == b"my own report"

    # The disk fills up half way: the old file stays whole and no temporary file is left.
    real_replace = os.replace

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert main([*args, "--force"]) == 1
    err = capsys.readouterr().err
    assert "disk is full" in err and "Traceback" not in err
    assert target.read_bytes() == b"my own report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    monkeypatch.setattr(os, "replace", real_replace)
    assert main([*args, "--force"]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_names_and_titles_that_look_like_formulas_are_text_in_the_workbook(
    demo_db: Path, tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{demo_db}")
    with Session(engine) as session:
        team = create_team(session, name=DANGEROUS[0])
        for i, text in enumerate(DANGEROUS):
            create_person(
                session, data=PersonInput(text, f"Testi{i}", job_title=text, team_id=team.id or 0)
            )
        session.commit()
    engine.dispose()
    out = tmp_path / "m.xlsx"
    assert main(["export-matrix", "--db", str(demo_db), "--format", "xlsx", "-o", str(out)]) == 0
    wb = load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no cell holds a formula"
    texts = {c.value for c in cells if isinstance(c.value, str)}
    for text in DANGEROUS:
        assert any(t.startswith(text) for t in texts), text
    risky = [
        c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))
    ]
    assert risky and all(c.quotePrefix for c in risky)
