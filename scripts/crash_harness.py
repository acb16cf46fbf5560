"""Kill the app at random moments while it saves, then prove that nothing acknowledged was lost.

    python scripts/crash_harness.py [--runs 100] [--seed 1] [--keep-going]

One SQLite database is used for all runs, so every run starts from what the
previous crash left. In each run a worker process opens the database the way
the app does and saves as fast as it can, through the app's own services: it
edits people (with row versions), adds people, records settings, and now and
then makes an automatic backup. Before each save it prints ``try`` with what
it saves, after the commit ``ack``: an ``ack`` is a save the user was told
has been made. After a random 50–900 ms the worker gets SIGKILL, wherever it
is (inside a commit, a WAL write, a backup copy).

After every kill the harness checks:

* SQLite's integrity check and foreign-key check pass, and the app opens the
  file again (schema current);
* every acknowledged new person is there, and each edited person holds the
  last acknowledged value or one of the saves tried after it (a save that
  committed just before the kill, before its ``ack`` could be printed);
* every backup file in the backups folder is a whole, sound database (a
  backup cut off by the kill leaves only a hidden ``.part`` file).

Exit code 0 when every run passed.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def worker(database: Path, seed: int) -> None:
    """Save forever; print try/ack lines around every commit."""
    from huoltamo_desktop.domain.people import Person
    from huoltamo_desktop.services import people as svc
    from huoltamo_desktop.services.firm import set_setting
    from huoltamo_desktop.services.people import PersonInput
    from huoltamo_desktop.services.seats_backup import automatic_backup
    from huoltamo_desktop.storage.database import session_scope
    from huoltamo_desktop.storage.migrate import open_database

    engine, _info = open_database(str(database))
    rng = random.Random(seed)
    n = 0
    out = sys.stdout
    while True:
        n += 1
        choice = rng.random()
        if choice < 0.55:
            person_id = rng.randint(1, 5)
            value = f"title {seed}.{n}"
            with session_scope(engine) as s:
                person = s.get(Person, person_id)
                assert person is not None
                data = PersonInput(**dict(svc.person_values(person), job_title=value))  # type: ignore[arg-type]
                out.write(f"try edit {person_id} {value}\n")
                out.flush()
                svc.update_person(
                    s, person_id=person_id, data=data, expected_version=person.row_version
                )
            out.write(f"ack edit {person_id} {value}\n")
        elif choice < 0.85:
            name = f"Uusi{seed}x{n}"
            out.write(f"try add {name}\n")
            out.flush()
            with session_scope(engine) as s:
                svc.create_person(s, data=PersonInput(first_name=name, last_name="Koivula"))
            out.write(f"ack add {name}\n")
        elif choice < 0.97:
            value = f"{seed}.{n}"
            out.write(f"try setting {value}\n")
            out.flush()
            with session_scope(engine) as s:
                set_setting(s, key="harness.last", value=value)
            out.write(f"ack setting {value}\n")
        else:
            with session_scope(engine) as s:
                automatic_backup(s, force=True)
            out.write("ack backup\n")
        out.flush()


def prepare(database: Path) -> None:
    from huoltamo_desktop.services import people as svc
    from huoltamo_desktop.services.firm import FirmInput
    from huoltamo_desktop.services.people import PersonInput, set_up_firm
    from huoltamo_desktop.storage.database import session_scope
    from huoltamo_desktop.storage.migrate import open_database

    engine, _info = open_database(str(database))
    with session_scope(engine) as s:
        set_up_firm(
            s,
            firm=FirmInput(name="Koivulan Konepaja Oy"),
            manager_first_name="Kaisa",
            manager_last_name="Koivula",
        )
        for first in ("Aino", "Bertil", "Väinö", "Åsa"):
            svc.create_person(s, data=PersonInput(first_name=first, last_name="Virtanen"))
    engine.dispose()


class Expectation:
    """What must be in the database, from every run's try/ack lines so far."""

    def __init__(self) -> None:
        self.added: set[str] = set()
        self.edits: dict[int, tuple[str, set[str]]] = {}  # last ack, tried since
        self.setting: tuple[str, set[str]] = ("", set())

    def read(self, lines: list[str]) -> None:
        for line in lines:
            parts = line.split(" ", 3)
            if len(parts) < 2 or parts[0] not in ("try", "ack"):
                continue
            state, kind = parts[0], parts[1]
            if kind == "edit" and len(parts) == 4:
                person_id, value = int(parts[2]), parts[3]
                last, tried = self.edits.get(person_id, ("", set()))
                if state == "try":
                    self.edits[person_id] = (last, tried | {value})
                else:
                    self.edits[person_id] = (value, set())
            elif kind == "add" and state == "ack":
                self.added.add(parts[2])
            elif kind == "setting" and len(parts) >= 3:
                last, tried = self.setting
                self.setting = (last, tried | {parts[2]}) if state == "try" else (parts[2], set())

    def settle(self, database: Path) -> None:
        """After a check: what is in the file now is the new starting point."""
        conn = sqlite3.connect(database)
        try:
            for person_id, (_last, _tried) in list(self.edits.items()):
                row = conn.execute("SELECT job_title FROM person WHERE id = ?", (person_id,))
                self.edits[person_id] = (row.fetchone()[0], set())
            row = conn.execute("SELECT value FROM setting WHERE key = 'harness.last'").fetchone()
            self.setting = (row[0] if row else "", set())
        finally:
            conn.close()


def check(database: Path, expected: Expectation) -> list[str]:
    from huoltamo_desktop.storage.database import SchemaState
    from huoltamo_desktop.storage.migrate import open_database
    from huoltamo_desktop.storage.seats_backups import (
        RestoreError,
        backup_folder,
        check_database_file,
        list_backups,
    )

    problems: list[str] = []
    conn = sqlite3.connect(database)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            problems.append(f"integrity: {result[:3]}")
        if list(conn.execute("PRAGMA foreign_key_check")):
            problems.append("broken references")
        names = {r[0] for r in conn.execute("SELECT first_name FROM person")}
        for name in sorted(expected.added - names):
            problems.append(f"acknowledged new person {name} is missing")
        for person_id, (last, tried) in expected.edits.items():
            row = conn.execute("SELECT job_title FROM person WHERE id = ?", (person_id,)).fetchone()
            value = row[0] if row else None
            if value != last and value not in tried:
                problems.append(f"person {person_id}: {value!r}, acknowledged {last!r}")
        row = conn.execute("SELECT value FROM setting WHERE key = 'harness.last'").fetchone()
        last, tried = expected.setting
        value = row[0] if row else ""
        if value != last and value not in tried:
            problems.append(f"setting: {value!r}, acknowledged {last!r}")
    finally:
        conn.close()
    try:
        engine, info = open_database(str(database), create=False)
        engine.dispose()
        if info.state != SchemaState.CURRENT:
            problems.append(f"schema {info.state}")
    except Exception as exc:  # the app must open what the crash left
        problems.append(f"the app cannot open the file: {exc}")
    for backup in list_backups(backup_folder(database)):
        try:
            check_database_file(backup.path)
        except RestoreError as exc:
            problems.append(f"backup {backup.path.name}: {exc}")
    return problems


def run(runs: int, seed: int, *, keep_going: bool = False, quiet: bool = False) -> int:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="huoltamo-crash-") as tmp:
        database = Path(tmp) / "huoltamo.sqlite3"
        prepare(database)
        expected = Expectation()
        failures = 0
        acks = 0
        started = time.monotonic()
        for i in range(1, runs + 1):
            child = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    str(database),
                    "--seed",
                    str(seed * 1000 + i),
                ],
                stdout=subprocess.PIPE,
                text=True,
                env=dict(os.environ, PYTHONUNBUFFERED="1"),
            )
            assert child.stdout is not None
            # Wait until it is saving, then let it run a random while before the kill.
            first = child.stdout.readline()
            time.sleep(rng.uniform(0.05, 0.9))
            child.send_signal(signal.SIGKILL)
            rest, _err = child.communicate()
            lines = [first.rstrip("\n"), *rest.splitlines()]
            acks += sum(1 for line in lines if line.startswith("ack"))
            expected.read(lines)
            problems = check(database, expected)
            expected.settle(database)
            if problems:
                failures += 1
                print(f"run {i}: FAILED: " + "; ".join(problems[:5]))
                if not keep_going:
                    break
            elif not quiet:
                print(
                    f"run {i}: sound, {sum(1 for x in lines if x.startswith('ack'))} acknowledged"
                )
        elapsed = time.monotonic() - started
        print(
            f"{i} runs, {acks} acknowledged saves, {failures} failed, "
            f"{len(expected.added)} people added, {elapsed:.0f} s"
        )
        return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep-going", action="store_true")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.seed)
        return 0
    return run(args.runs, args.seed, keep_going=args.keep_going, quiet=args.quiet)


if __name__ == "__main__":
    raise SystemExit(main())
