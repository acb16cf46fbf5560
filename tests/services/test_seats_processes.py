"""Real seats in separate processes on PostgreSQL: clashes are caught and no save is lost."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import PG_URL

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.postgres
def test_two_seat_processes_saving_the_same_people_lose_nothing(pg_template: str) -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "seats_concurrency.py"),
            "--url",
            PG_URL,
            "--seats",
            "2",
            "--seconds",
            "2",
            "--people",
            "2",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout)
    ours, baseline = report["versioned"], report["baseline"]
    assert ours["saves"] > 20
    assert ours["conflicts_asked"] + ours["races_refused"] > 0, "the seats really did collide"
    assert ours["lost_updates"] == ours["missing"] == ours["duplicated"] == 0
    assert ours["wrong_last"] == 0, "the row holds the last acknowledged save"
    assert baseline["lost_updates"] > 0, "without row versions the same load loses saves"


@pytest.mark.postgres
def test_two_seat_processes_editing_the_same_rotation_keep_both_changes(pg_template: str) -> None:
    """One seat changes where the rotation goes, the other its share of working time, at once.

    A plain save of the whole form would put back the other seat's older value
    every time; with the version and the values each form read, both seats'
    last saves are in the row at the end.
    """
    from datetime import date

    from sqlalchemy import text

    from huoltamo_desktop.domain.rotations import RotationKind
    from huoltamo_desktop.services import rotations as rs
    from huoltamo_desktop.services.people import PersonInput, create_person
    from huoltamo_desktop.storage.database import make_engine, session_scope

    admin = make_engine(PG_URL.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    name = f"huoltamo_rot_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    url = PG_URL.rsplit("/", 1)[0] + "/" + name
    try:
        engine = make_engine(url)
        with session_scope(engine) as s:
            aino = create_person(s, data=PersonInput("Aino", "Laine")).id or 0
            rid = (
                rs.save_rotation(
                    s,
                    data=rs.RotationInput(
                        kind=RotationKind.PROJECT,
                        person_id=aino,
                        starts_on=date(2027, 3, 1),
                        ends_on=date(2027, 5, 28),
                        share_percent=20,
                        destination="Robottisolu",
                    ),
                    accept_warnings=True,
                ).id
                or 0
            )
        seats = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.services.rotation_seat", url, str(rid), field, "60"],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for field in ("destination", "share_percent")
        ]
        outcomes = [seat.communicate(timeout=120) for seat in seats]
        for seat, (_out, err) in zip(seats, outcomes, strict=True):
            assert seat.returncode == 0, err[-2000:]
        where, share = (json.loads(out) for out, _err in outcomes)
        assert where["saves"] == share["saves"] == 60
        assert where["merged"] + share["merged"] + where["refused"] + share["refused"] > 0, (
            "the seats really did save over each other's reads"
        )
        with session_scope(engine) as s:
            stored = rs.input_of(s, rotation_id=rid)
        assert (stored.destination, stored.share_percent) == (where["last"], share["last"])
        engine.dispose()
    finally:
        from tests.conftest import _drop_database

        _drop_database(admin, name)
        admin.dispose()
