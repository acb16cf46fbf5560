"""The command line: demo and check, and one clear line for bad input."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from huoltamo_desktop.cli import main
from huoltamo_desktop.domain.people import Person, PersonStatus
from huoltamo_desktop.storage.database import make_engine


def run(*args: str) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "huoltamo_desktop", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc.returncode, proc.stdout, proc.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_demo_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.sqlite3"
    assert main(["--lang", "en", "demo", "--db", str(db), "--people", "60", "--seed", "3"]) == 0
    assert "60 people" in capsys.readouterr().out
    assert main(["--lang", "en", "check", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    from huoltamo_desktop.storage.database import script_revisions

    version_line = next(line for line in out.splitlines() if line.startswith("Schema version:"))
    assert all(head in version_line for head in script_revisions()[1]), version_line
    assert "up to date" in out and "Integrity: sound" in out


def test_demo_firm_is_realistic(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db), "--people", "250", "--seed", "7"]) == 0
    engine = make_engine(f"sqlite:///{db}")
    with Session(engine) as s:
        people = list(s.exec(select(Person)))
    engine.dispose()
    assert len(people) == 250
    assert {p.career_stage for p in people} == {
        "newcomer",
        "established",
        "mid_career",
        "late_career",
    }
    assert {p.language for p in people} >= {"fi", "sv"}
    leavers = [p for p in people if p.status == PersonStatus.LEFT]
    assert leavers and all(p.left_on and p.leave_reason for p in leavers)
    assert sum(1 for p in people if p.supervisor_id) >= 240
    assert any(ch in "".join(p.last_name for p in people) for ch in "äöå")


def test_demo_is_deterministic(tmp_path: Path) -> None:
    names = []
    for i in range(2):
        db = tmp_path / f"d{i}.sqlite3"
        assert main(["demo", "--db", str(db), "--people", "30", "--seed", "5"]) == 0
        engine = make_engine(f"sqlite:///{db}")
        with Session(engine) as s:
            names.append(
                [
                    (p.first_name, p.last_name, p.job_title)
                    for p in s.exec(select(Person).order_by(col(Person.id)))
                ]
            )
        engine.dispose()
    assert names[0] == names[1]


def test_demo_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "mine.sqlite3"
    db.write_bytes(b"precious")
    assert main(["--lang", "en", "demo", "--db", str(db)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert db.read_bytes() == b"precious"


def test_check_on_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    before = _digest(path)
    code, _out, err = run("check", "--db", str(path))
    assert code != 0
    assert err.strip().count("\n") == 0 and "not a database" in err and "Traceback" not in err
    assert _digest(path) == before


def test_check_on_a_missing_path() -> None:
    code, _out, err = run("check", "--db", "/no/such/file.sqlite3")
    assert code == 1 and "No database at" in err and "Traceback" not in err


def test_unknown_option_is_one_line() -> None:
    code, _out, err = run("--frobnicate")
    assert code == 2
    assert err.strip() == "huoltamo-desktop: unknown option or argument: --frobnicate"


def test_check_refuses_a_newer_database_without_touching_it(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "newer.sqlite3"
    assert main(["demo", "--db", str(db), "--people", "10"]) == 0
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM alembic_version")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    conn.close()
    before = _digest(db)
    code, out, _err = run("check", "--db", str(db))
    assert code == 1 and "newer version" in out
    assert _digest(db) == before


def test_messages_follow_the_language(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "huoltamo_desktop",
            "--lang",
            "fi",
            "check",
            "--db",
            "/no/such.sqlite3",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "No database at" not in proc.stderr and "/no/such.sqlite3" in proc.stderr


@pytest.mark.gui
def test_demo_window_never_touches_the_users_database(tmp_path: Path) -> None:
    import os

    data = tmp_path / "data"
    env = dict(os.environ)
    env.update(
        {
            "HUOLTAMO_DATA_DIR": str(data),
            "HUOLTAMO_CONFIG_DIR": str(tmp_path / "config"),
            "HUOLTAMO_BENCH_EXIT_ON_PAINT": "1",
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    proc = subprocess.run(
        [sys.executable, "-m", "huoltamo_desktop", "--demo", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert "first-paint" in proc.stdout
    assert not list(data.glob("*.sqlite3*")), "the user's data folder stays empty"


def test_backup_copies_a_database_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "firm.sqlite3"
    assert main(["demo", "--db", str(db), "--people", "12"]) == 0
    engine = make_engine(f"sqlite:///{db}")  # the app is "open": a connection holds the WAL
    with Session(engine) as s:
        names = sorted(p.full_name for p in s.exec(select(Person)))
        copy = tmp_path / "copy.sqlite3"
        assert main(["--lang", "en", "backup", "--db", str(db), "-o", str(copy)]) == 0
    engine.dispose()
    assert "Backup written" in capsys.readouterr().out
    assert main(["check", "--db", str(copy)]) == 0
    backup_engine = make_engine(f"sqlite:///{copy}")
    with Session(backup_engine) as s:
        assert sorted(p.full_name for p in s.exec(select(Person))) == names
    backup_engine.dispose()
    assert main(["--lang", "en", "backup", "--db", str(db), "-o", str(copy)]) == 1
    assert "already exists" in capsys.readouterr().err
