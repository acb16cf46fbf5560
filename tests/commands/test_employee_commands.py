"""The employee-sharing command: statuses only, never unshared content."""

from __future__ import annotations

from pathlib import Path

import pytest

from huoltamo_desktop.cli import main
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services.employee_demo import DEMO_MANAGER_PASSPHRASE
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.storage.migrate import open_database

SECRET = "Unshared draft text"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


def test_sharing_overview_lists_statuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "firm.sqlite3"
    engine, _info = open_database(str(db))
    with session_scope(engine) as s:
        access.set_manager_passphrase(s, passphrase=DEMO_MANAGER_PASSPHRASE)
        a = Person(first_name="Łukasz", last_name="Ääpälä")
        b = Person(first_name="Анна", last_name="Иванова")
        s.add_all([a, b])
        s.flush()
        assert a.id is not None
        key, _code = access.create_secret(s, person_id=a.id or 0, secret="246810")
        emp.save_plan(s, key=key, sections={"now": SECRET}, next_steps=[])
        emp.share_plan(s, key=key)
        emp.save_plan(s, key=key, sections={"now": SECRET + " changed"}, next_steps=[])
    engine.dispose()
    assert main(["employee-sharing", "--db", str(db), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Name", "Self-assessment"]
    row_a = next(line for line in lines if "Ääpälä" in line)
    row_b = next(line for line in lines if "Иванова" in line)
    assert "Shared" in row_a and "Not shared" in row_a
    assert row_b.count("Not shared") == 2
    assert SECRET not in out
    # Nothing tells who has no PIN yet, so nobody learns which account could be claimed.
    assert "PIN" not in out and "Not yet used" not in out


def test_missing_database_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["employee-sharing", "--db", str(tmp_path / "none.sqlite3"), "--lang", "en"]) == 1
    assert "No database at" in capsys.readouterr().err
