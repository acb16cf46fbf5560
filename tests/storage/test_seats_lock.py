"""A second app on the same SQLite file is told who has it; only a stale lock can be taken over."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from huoltamo_desktop.storage.seats_lock import DatabaseInUseError, SeatLock, lock_path


def test_a_second_app_is_told_who_has_the_file_and_since_when(tmp_path: Path) -> None:
    db = tmp_path / "huoltamo.sqlite3"
    first = SeatLock(db, name="Aino Ääpälä").acquire()
    with pytest.raises(DatabaseInUseError) as caught:
        SeatLock(db, name="Bertil").acquire(take_over=True)
    message = str(caught.value)
    assert "in use by Aino Ääpälä" in message
    assert "since" in message
    assert not caught.value.stale, "a live holder is never pushed out"
    first.release()
    assert not lock_path(db).exists()
    SeatLock(db, name="Bertil").acquire().release()


def test_a_lock_left_by_a_process_that_died_can_be_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "huoltamo.sqlite3"
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from huoltamo_desktop.storage.seats_lock import SeatLock; "
            "SeatLock(Path(sys.argv[1]), name='Aino').acquire()",
            str(db),
        ],
        check=True,
    )
    assert child.returncode == 0
    assert lock_path(db).exists(), "the killed app left its lock behind"
    with pytest.raises(DatabaseInUseError) as caught:
        SeatLock(db, name="Bertil").acquire()
    assert caught.value.stale
    taken = SeatLock(db, name="Bertil").acquire(take_over=True)
    assert taken.is_ours()
    assert json.loads(lock_path(db).read_text(encoding="utf-8"))["name"] == "Bertil"


def test_a_running_app_in_another_process_keeps_its_lock(tmp_path: Path) -> None:
    db = tmp_path / "huoltamo.sqlite3"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from huoltamo_desktop.storage.seats_lock import SeatLock; "
            "SeatLock(Path(sys.argv[1]), name='Aino').acquire(); print('held', flush=True); "
            "time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseInUseError) as caught:
            SeatLock(db, name="Bertil").acquire(take_over=True)
        assert not caught.value.stale
    finally:
        holder.kill()
        holder.communicate()


def test_a_lock_nobody_refreshed_for_minutes_is_stale(tmp_path: Path) -> None:
    db = tmp_path / "huoltamo.sqlite3"
    other = SeatLock(db, name="Aino")
    other.acquire()
    old = time.time() - 10 * 60
    os.utime(lock_path(db), (old, old))
    mine = SeatLock(db, name="Bertil").acquire(take_over=True)
    assert not other.refresh(), "the old holder learns that its lock was taken"
    assert mine.refresh()
    other.release()
    assert lock_path(db).exists(), "releasing a lock that is no longer ours leaves it alone"
