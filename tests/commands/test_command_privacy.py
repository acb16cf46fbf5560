"""Commands that show personal data need the manager passphrase; reading leaves the folder as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from huoltamo_desktop.cli import main
from huoltamo_desktop.domain.employee import ManagerSecret
from huoltamo_desktop.storage.database import make_engine

PERSONAL = [
    ["conversations"],
    ["employee-sharing"],
    ["export-conversation", "1", "-o", "{out}.pdf"],
    ["export-matrix", "--format", "xlsx", "-o", "{out}.xlsx"],
    ["rotations"],
    ["export-rotations", "-o", "{out}.pdf"],
]


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "firm" / "demo.sqlite3"
    db.parent.mkdir()
    assert main(["--lang", "en", "demo", "--db", str(db), "--people", "8"]) == 0
    return db


def _args(command: list[str], db: Path, out: Path) -> list[str]:
    return ["--lang", "en", *[a.format(out=out) for a in command], "--db", str(db)]


@pytest.mark.parametrize("command", PERSONAL, ids=lambda c: c[0])
def test_personal_data_needs_the_manager_passphrase(
    demo_db: Path,
    tmp_path: Path,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    monkeypatch.delenv("HUOLTAMO_MANAGER_PASSPHRASE")
    assert main(_args(command, demo_db, out)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "HUOLTAMO_MANAGER_PASSPHRASE" in captured.err and len(captured.err.splitlines()) == 1

    monkeypatch.setenv("HUOLTAMO_MANAGER_PASSPHRASE", "not the right one at all")
    assert main(_args(command, demo_db, out)) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "Wrong manager passphrase" in captured.err
    assert not list(tmp_path.glob("out.*")), "nothing was exported"
    engine = make_engine(f"sqlite:///{demo_db}")
    with Session(engine) as session:
        assert session.exec(select(ManagerSecret)).one().failed_attempts == 1, "the attempt counts"
    engine.dispose()


@pytest.mark.parametrize("command", [*PERSONAL, ["check"]], ids=lambda c: c[0])
def test_reading_commands_leave_no_journal_files_behind(
    demo_db: Path, tmp_path: Path, command: list[str]
) -> None:
    before = sorted(p.name for p in demo_db.parent.iterdir())
    content = demo_db.read_bytes()
    assert main(_args(command, demo_db, tmp_path / "out")) == 0
    assert sorted(p.name for p in demo_db.parent.iterdir()) == before
    assert demo_db.read_bytes() == content
