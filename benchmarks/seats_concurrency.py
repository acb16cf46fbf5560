"""Several seats saving the same people at once on PostgreSQL: conflicts caught, nothing lost.

    python benchmarks/seats_concurrency.py --url postgresql+psycopg://user:pw@host/db \
        [--seats 3] [--seconds 60] [--people 5] [--json]

The URL names a server database the script may fill (a fresh one is made
beside it and dropped at the end). Each seat is its own process and does
what a manager does at an edit form, as fast as it can: read a person, think
for a moment (0–20 ms), change the job title and save. Few people and several
seats make the seats collide often.

Two runs side by side, each ``--seconds`` long:

* **baseline** – a plain UPDATE, as without row versions: every save succeeds,
  and a save that lands over a change its seat never saw is a lost update
  (counted with the version the row had when the seat read it).
* **Työurahuoltamo** – ``services.people.update_person`` with the version
  and the values the form read. A clash is a ConflictError; the seat then
  does what the conflict dialog offers (keep mine) and saves again.

Afterwards every acknowledged save is checked against the database: each
save took exactly one version number of its row, none twice, none missing,
and the last one is the value the row holds. Exit code 1 if anything was lost.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing as mp
import random
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@dataclasses.dataclass
class SeatResult:
    seat: int
    saves: list[tuple[int, int, str]]  # (person id, row version after the save, value)
    conflicts: int = 0  # the same field changed by another seat: asked, not overwritten
    races: int = 0  # two saves met at the database: one was refused and saved again
    merges: int = 0
    lost: int = 0  # baseline only: saves that overwrote an unseen change


def _seat(url: str, seat: int, seconds: float, people: list[int], mode: str) -> SeatResult:
    from sqlalchemy import text

    from huoltamo_desktop.domain.people import Person
    from huoltamo_desktop.domain.versioning import ConflictError
    from huoltamo_desktop.services import people as svc
    from huoltamo_desktop.services.people import PersonInput
    from huoltamo_desktop.storage.database import make_engine, session_scope

    engine = make_engine(url)
    rng = random.Random(seat)
    result = SeatResult(seat, [])
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        person_id = rng.choice(people)
        n += 1
        value = f"seat {seat} save {n}"
        with session_scope(engine) as session:
            person = session.get(Person, person_id)
            assert person is not None
            base = PersonInput(**svc.person_values(person))  # type: ignore[arg-type]
            version = person.row_version
        time.sleep(rng.random() * 0.02)
        if mode == "baseline":
            with session_scope(engine) as session:
                new_version = session.execute(
                    text(
                        "UPDATE person SET job_title = :v, row_version = row_version + 1 "
                        "WHERE id = :id RETURNING row_version"
                    ),
                    {"v": value, "id": person_id},
                ).scalar_one()
            if new_version != version + 1:
                result.lost += 1
            result.saves.append((person_id, int(new_version), value))
            continue
        mine = dataclasses.replace(base, job_title=value)
        expected: int | None = version
        basis: PersonInput | None = base
        while True:
            try:
                with session_scope(engine) as session:
                    saved = svc.update_person(
                        session,
                        person_id=person_id,
                        data=mine,
                        expected_version=expected,
                        base=basis,
                    )
                    after = saved.row_version
                break
            except ConflictError as clash:
                if clash.conflicts:
                    result.conflicts += 1
                    # The dialog's "keep mine": merged values, my title, their version.
                    mine = PersonInput(**dict(clash.merged, job_title=value))  # type: ignore[arg-type]
                    expected, basis = clash.current_version, None
                else:
                    result.races += 1
        if expected != version:
            result.merges += 1
        result.saves.append((person_id, int(after), value))
    engine.dispose()
    return result


def _run(url: str, seats: int, seconds: float, people: list[int], mode: str) -> list[SeatResult]:
    ctx = mp.get_context("spawn")
    with ctx.Pool(seats) as pool:
        return pool.starmap(_seat, [(url, s + 1, seconds, people, mode) for s in range(seats)])


def _verify(url: str, results: list[SeatResult], people: list[int]) -> dict[str, int]:
    """Every acknowledged save holds a version of its own and the last one is what the row says."""
    from sqlmodel import select

    from huoltamo_desktop.domain.people import Person
    from huoltamo_desktop.storage.database import make_engine, session_scope

    engine = make_engine(url)
    with session_scope(engine) as session:
        rows = {p.id: (p.row_version, p.job_title) for p in session.exec(select(Person))}
    engine.dispose()
    missing = duplicated = wrong_last = 0
    for person_id in people:
        saves = sorted((v, val) for r in results for pid, v, val in r.saves if pid == person_id)
        versions = [v for v, _val in saves]
        final_version, final_value = rows[person_id]
        duplicated += len(versions) - len(set(versions))
        missing += len(set(range(2, final_version + 1)) - set(versions))
        if saves and saves[-1] != (final_version, final_value):
            wrong_last += 1
    return {"missing": missing, "duplicated": duplicated, "wrong_last": wrong_last}


def _fresh_database(admin_url: str) -> tuple[str, str]:
    from sqlalchemy import text

    from huoltamo_desktop.storage.database import make_engine

    name = f"huoltamo_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, admin_url.rsplit("/", 1)[0] + "/" + name


def _drop(admin_url: str, name: str) -> None:
    from sqlalchemy import text

    from huoltamo_desktop.storage.database import make_engine

    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _people(url: str, count: int) -> list[int]:
    from huoltamo_desktop.services import people as svc
    from huoltamo_desktop.services.people import PersonInput
    from huoltamo_desktop.storage.database import session_scope
    from huoltamo_desktop.storage.migrate import open_database

    engine, _info = open_database(url)
    ids = []
    with session_scope(engine) as session:
        for i in range(count):
            person = svc.create_person(
                session, data=PersonInput(first_name=f"Henkilö {i + 1}", last_name="Koivula")
            )
            ids.append(int(person.id or 0))
    engine.dispose()
    return ids


def measure(url: str, *, seats: int, seconds: float, people: int) -> dict[str, Any]:
    report: dict[str, Any] = {"seats": seats, "seconds": seconds, "people": people}
    for mode in ("baseline", "versioned"):
        name, db_url = _fresh_database(url)
        try:
            ids = _people(db_url, people)
            results = _run(db_url, seats, seconds, ids, mode)
            check = _verify(db_url, results, ids)
        finally:
            _drop(url, name)
        saves = sum(len(r.saves) for r in results)
        report[mode] = {
            "saves": saves,
            "saves_per_second": round(saves / seconds, 1),
            "conflicts_asked": sum(r.conflicts for r in results),
            "races_refused": sum(r.races for r in results),
            "merged_saves": sum(r.merges for r in results),
            "lost_updates": sum(r.lost for r in results),
            **check,
        }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="PostgreSQL URL of a database to start from")
    parser.add_argument("--seats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--people", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    report = measure(args.url, seats=args.seats, seconds=args.seconds, people=args.people)
    ours = report["versioned"]
    ok = ours["lost_updates"] == ours["missing"] == ours["duplicated"] == ours["wrong_last"] == 0
    if args.json:
        print(json.dumps(report))
        return 0 if ok else 1
    base = report["baseline"]
    print(
        f"{args.seats} seats × {args.seconds:g} s on {args.people} people (PostgreSQL, one run)\n"
        f"{'':32}{'baseline':>12}{'Työurahuoltamo':>16}\n"
        f"{'acknowledged saves':32}{base['saves']:>12}{ours['saves']:>16}\n"
        f"{'saves per second':32}{base['saves_per_second']:>12}{ours['saves_per_second']:>16}\n"
        f"{'lost updates':32}{base['lost_updates']:>12}{ours['lost_updates']:>16}\n"
        f"{'conflicts shown to the user':32}{'—':>12}{ours['conflicts_asked']:>16}\n"
        f"{'same-moment saves refused':32}{'—':>12}{ours['races_refused']:>16}\n"
        f"{'saves merged with another':32}{'—':>12}{ours['merged_saves']:>16}\n"
        f"{'versions missing/duplicated':32}"
        f"{str(base['missing']) + '/' + str(base['duplicated']):>12}"
        f"{str(ours['missing']) + '/' + str(ours['duplicated']):>16}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
