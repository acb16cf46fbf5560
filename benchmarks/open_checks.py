"""What the safety checks on opening a database cost.

    python benchmarks/open_checks.py [--runs 30]

Builds a 250-person demo firm in a temporary SQLite file and times, after one
warm-up run, the read-only look the app takes before it opens a file, side by
side with a baseline in the same run:

- baseline: what that look read before, the table names and the schema
  version (two queries on a read-only connection);
- the app: the same plus the comparison of every table and column with the
  models (one more query), which is what ``check`` reports and what makes the
  app refuse a damaged schema in one line.

It also times checkpointing the write-ahead log after a withdrawal against a
plain commit of the same deletion.
The goal: the look stays well under the 100 ms a person would notice.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from huoltamo_desktop.services.demo import build_demo
from huoltamo_desktop.storage.database import (
    checkpoint_wal,
    connect_read_only,
    inspect_sqlite_file,
    make_engine,
    session_scope,
)
from huoltamo_desktop.storage.migrate import open_database


def baseline_look(path: Path) -> None:
    conn = connect_read_only(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" in tables:
            conn.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        conn.close()


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
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="huoltamo-bench-")) / "demo.sqlite3"
    engine, _info = open_database(str(path))
    with session_scope(engine) as session:
        build_demo(session, people=250, seed=1)
    engine.dispose()

    base = median_ms(lambda: baseline_look(path), args.runs)
    look = median_ms(lambda: inspect_sqlite_file(path), args.runs)
    print(f"look before opening, baseline (names + version): {base:.2f} ms")
    print(f"look before opening, with the schema compared:   {look:.2f} ms ({look / base:.2f}x)")

    engine = make_engine(f"sqlite:///{path}")

    def write(checkpoint: bool) -> None:
        with session_scope(engine) as session:
            session.execute(text("INSERT INTO setting (key, value) VALUES ('bench', 'x')"))
        with session_scope(engine) as session:
            session.execute(text("DELETE FROM setting WHERE key = 'bench'"))
        if checkpoint:
            assert checkpoint_wal(engine)

    plain = median_ms(lambda: write(False), args.runs)
    cleared = median_ms(lambda: write(True), args.runs)
    engine.dispose()
    print(f"write and delete, baseline (commit only):        {plain:.2f} ms")
    print(
        f"write and delete, then the log checkpointed:     {cleared:.2f} ms ({cleared / plain:.2f}x)"
    )


if __name__ == "__main__":
    main()
