"""huoltamo-desktop rotations / export-rotations, on the demo firm."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from huoltamo_desktop.cli import main
from huoltamo_desktop.services import rotations as rs
from huoltamo_desktop.services import skills as skills_svc
from huoltamo_desktop.services.demo import build_demo
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.storage.migrate import open_database

TODAY = date(2026, 11, 27)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    engine, _info = open_database(str(path))
    with session_scope(engine) as session:
        build_demo(session, people=40, seed=1, today=TODAY)
    engine.dispose()
    return path


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_the_demo_has_past_running_and_planned_rotations(demo_db: Path) -> None:
    engine, _info = open_database(str(demo_db))
    with session_scope(engine) as s:
        views = rs.list_rotations(s)
        key = rs.key_people_view(s)
        cnc_id = next(
            k.id for k in skills_svc.list_skills(s) if k.starter_key == "production.cnc_programming"
        )
    engine.dispose()
    assert {v.status for v in views} == {"done", "running", "planned"}
    done = next(v for v in views if v.status == "done")
    assert done.kind == "swap" and all(g.rated for g in done.goals) and done.outcome_person
    cnc = next(e for e in key.effects if e.skill_id == cnc_id)
    assert (cnc.now, cnc.after) == (1, 2)  # the shadowing trains a second holder
    assert any(v.warnings_accepted for v in views)  # one was saved despite a coverage warning
    assert any(v.follows_action for v in views)  # one carries out a conversation's action


def test_list_prints_every_rotation(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "rotations", "--db", str(demo_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "Person", "Kind", "Period", "Share", "Host", "Status"]
    assert len(lines) == 1 + 5
    assert any("⇄" in line and "Swap" in line and "Done" in line for line in lines)
    assert any("Job shadowing" in line and "Planned" in line for line in lines)


def test_export_the_firms_plan_in_finnish(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    args = ["--lang", "fi", "export-rotations", "--db", str(demo_db), "-o", str(out)]
    assert main([*args, "--start", "2026-11-30", "--weeks", "26"]) == 0
    text = _text(out.read_bytes())
    assert "Yrityksen kiertosuunnitelma" in text
    assert "Bussikerroin" in text and "suunnitelman jälkeen" in text
    assert "CNC-ohjelmointi" in text and "1 → 2" in text
    assert "Kattavuusvaroitukset" in text
    assert "Sivu 1/" in text


def test_export_one_persons_plan_in_their_language(demo_db: Path, tmp_path: Path) -> None:
    engine, _info = open_database(str(demo_db))
    with session_scope(engine) as s:
        learner = next(v for v in rs.list_rotations(s) if v.kind == "shadowing")
        pdf = rs.plan_pdf(s, person_id=learner.person_id, language="sv", today=TODAY)
    engine.dispose()
    text = _text(pdf)
    assert "Rotationsplan" in text and learner.person_name in text
    assert "Jobbskuggning" in text and "Andel av arbetstiden" in text
    assert "CNC-programmering" in text and learner.host_name in text


def test_bad_input_gets_one_clear_line(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.pdf"
    base = ["--lang", "en", "export-rotations", "--db", str(demo_db), "-o", str(out)]
    assert main([*base, "--start", "30.11.2026"]) == 1
    assert "is not a date" in capsys.readouterr().err
    assert main([*base, "--weeks", "0"]) == 1
    assert "--weeks must be from 1 to 104" in capsys.readouterr().err
    assert main([*base, "--person", "9999"]) == 1
    assert "no longer exists" in capsys.readouterr().err
    assert not out.exists()
    missing = ["--lang", "en", "rotations", "--db", str(tmp_path / "nope.sqlite3")]
    assert main(missing) == 1
