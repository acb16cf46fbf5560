"""Real seats in separate processes on PostgreSQL: clashes are caught and no save is lost."""

from __future__ import annotations

import json
import subprocess
import sys
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
