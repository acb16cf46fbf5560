"""What a backup and a restore cost, 250-person firm.

    python benchmarks/backup.py [--runs 9]

Builds a 250-person demo firm in a temporary SQLite file and times, after one
warm-up run, side by side in the same run:

- baseline: a bare copy with SQLite's online backup API (what a backup made
  by hand used to be);
- the app's backup, as every backup is now made: the online copy, SQLite's
  integrity check on it, flushed to disk and renamed into place — plain, and
  encrypted with the manager passphrase's key;
- a restore of that backup: unpacked, checked (integrity and references),
  the current database kept as a before-restore backup, the erasure ledger
  applied again, then put in place.

A backup runs at every start, off the UI thread; the goal is that it stays
well under a second for a firm of this size.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huoltamo_desktop.security.backup_keys import new_backup_key
from huoltamo_desktop.services.demo import build_demo
from huoltamo_desktop.services.seats_backup import restore_backup
from huoltamo_desktop.storage.database import connect_read_only, session_scope
from huoltamo_desktop.storage.migrate import open_database
from huoltamo_desktop.storage.seats_backups import write_backup

PASSPHRASE = "benchmark passphrase for backups"


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="huoltamo-bench-"))
    path = work / "demo.sqlite3"
    engine, _info = open_database(str(path))
    with session_scope(engine) as session:
        build_demo(session, people=250, seed=1)
    engine.dispose()
    copies = work / "copies"
    copies.mkdir()
    counter = iter(range(10**6))

    def bare_copy() -> None:
        src = connect_read_only(path)
        dst = sqlite3.connect(copies / f"bare-{next(counter)}.sqlite3")
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()

    key = new_backup_key(PASSPHRASE)
    made: list[Path] = []

    def app_backup(encrypted: bool) -> None:
        made.append(write_backup(path, key=key if encrypted else None, kind="manual").path)

    base = median_ms(bare_copy, args.runs)
    plain = median_ms(lambda: app_backup(False), args.runs)
    sealed = median_ms(lambda: app_backup(True), args.runs)
    size = path.stat().st_size / 1024 / 1024
    print(f"database: {size:.1f} MB, 250 people")
    print(f"backup, baseline (bare online copy):           {base:.1f} ms")
    print(
        f"backup, the app's (copy + integrity check + fsync): {plain:.1f} ms ({plain / base:.2f}x)"
    )
    print(
        f"backup, the app's, encrypted:                     {sealed:.1f} ms ({sealed / base:.2f}x)"
    )
    backup = next(p for p in made if p.suffix == ".sqlite3")
    restore = median_ms(lambda: restore_backup(database=path, backup=backup), args.runs)
    print(f"restore of the plain backup (checks, before-restore copy, ledger): {restore:.1f} ms")


if __name__ == "__main__":
    main()
