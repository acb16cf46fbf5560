"""Benchmark: how long the UI thread is blocked by slow work, on the UI thread vs through ui/ops.

    QT_QPA_PLATFORM=offscreen python benchmarks/ui_heartbeat.py [--people 200] [--rounds 3]

Builds a demo firm, then runs the service calls behind sign-in, PIN creation,
the matrix exports, the staff-list import, the summaries, the analyses and
the plan and report PDFs twice in the same run:

* on the UI thread, as the pages called them before ``ui/ops.py``;
* through ``QueryOp``, as the pages call them now.

A QTimer ticks every 5 ms on the UI thread; the longest gap between two ticks
while a call runs is how long the window could not paint or react. Prints the
median over the rounds of the longest gap and of the wall time. Not a test:
the timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlmodel import Session, select

from huoltamo_desktop.domain.conversations import Conversation
from huoltamo_desktop.domain.employee import EmployeeCredential
from huoltamo_desktop.domain.people import Person, PersonStatus
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services import home_reports, rotations, training_exchange, training_plan
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.conversations import summary_pdf
from huoltamo_desktop.services.demo import build_demo
from huoltamo_desktop.services.importing import (
    build_preview,
    commit_import,
    existing_name_keys,
    guess_mapping,
    read_staff_list,
)
from huoltamo_desktop.services.skills_export import export_matrix_bytes, matrix_export_data
from huoltamo_desktop.settings import LocalSettings
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.storage.migrate import open_database
from huoltamo_desktop.ui import ops
from huoltamo_desktop.ui.context import AppContext

PIN = "246810"
TICK_MS = 5


class Heartbeat:
    """Records the longest gap between ticks of a timer on the UI thread."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest


def _wait(app: QApplication, done: list[object]) -> None:
    while not done:
        app.processEvents()
        time.sleep(0.001)
    assert ops.wait_for_ops()


def measure(
    app: QApplication, ctx: AppContext, window: QWidget, work: Callable[[Session], object]
) -> tuple[tuple[float, float], tuple[float, float]]:
    """(longest gap, wall time) on the UI thread, then through QueryOp."""
    beat = Heartbeat()
    results = []
    for through_ops in (False, True):
        done: list[object] = []
        beat.start()
        start = time.perf_counter()
        if through_ops:
            ops.QueryOp(parent=window, ctx=ctx, op=work, success=done.append).run_in_background()
        else:

            def run(done: list[object] = done) -> None:
                with session_scope(ctx.engine) as session:
                    done.append(work(session))

            QTimer.singleShot(0, run)
        _wait(app, done)
        wall = time.perf_counter() - start
        results.append((beat.stop(), wall))
    return results[0], results[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    setup_i18n("fi")
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    engine, _info = open_database(str(tmp / "bench.sqlite3"))
    with session_scope(engine) as s:
        build_demo(s, people=args.people, seed=3)
    ctx = AppContext(engine, LocalSettings(language="fi"), "bench.sqlite3")
    window = QWidget()
    window.resize(800, 600)
    window.show()

    with session_scope(engine) as s:
        with_pin = [c.person_id for c in s.exec(select(EmployeeCredential))]
        active = s.exec(select(Person.id).where(Person.status == PersonStatus.ACTIVE)).all()
        without_pin = [pid for pid in active if pid not in set(with_pin)]
        conversation = s.exec(select(Conversation.id)).first()
    assert with_pin and len(without_pin) >= 2 * args.rounds and conversation is not None
    with session_scope(engine) as s:
        _result, key = access.sign_in(s, person_id=with_pin[0], secret=PIN)
    assert key is not None

    this_year = date.today().year
    csv_rounds = iter(range(10_000))

    def staff_list(session: Session) -> int:
        n = next(csv_rounds)
        path = tmp / f"staff{n}.csv"
        rows = "".join(
            f"Etu{n}x{i};Suku{i};Asentaja;Tiimi {i % 7};;1.3.2020;1980;fi\n" for i in range(200)
        )
        path.write_text(
            "Etunimi;Sukunimi;Tehtävä;Tiimi;Esihenkilö;Aloituspäivä;Syntymävuosi;Kieli\n" + rows,
            encoding="utf-8",
        )
        table = read_staff_list(path)
        preview = build_preview(
            table, guess_mapping(table.headers), existing_names=existing_name_keys(session)
        )
        return commit_import(session, rows=preview)

    new_pin_people = iter(without_pin)

    def employee_summary(session: Session) -> bytes:
        from huoltamo_desktop.reports.employee_summary import build_summary_pdf

        data = emp.summary_data(session, key=key, language="fi", include_reflections=True)
        return build_summary_pdf(data)

    def matrix(fmt: str) -> Callable[[Session], bytes]:
        return lambda s: export_matrix_bytes(
            matrix_export_data(s, team_id=None, category_id=None, all_categories=True), fmt
        )

    scenarios: list[tuple[str, Callable[[Session], object]]] = [
        (
            "sign-in with a PIN (Argon2)",
            lambda s: access.sign_in(s, person_id=with_pin[0], secret=PIN),
        ),
        (
            "choosing a new PIN (Argon2)",
            lambda s: access.create_secret(
                s, person_id=next(new_pin_people), secret="135790", repeat="135790"
            ),
        ),
        ("skills matrix to Excel", matrix("xlsx")),
        ("skills matrix to PDF", matrix("pdf")),
        ("staff list of 200 people: read, preview, import", staff_list),
        (
            "conversation summary PDF",
            lambda s: summary_pdf(s, conversation_id=conversation),
        ),
        ("employee summary PDF", employee_summary),
        ("skills analyses: the firm's picture", lambda s: svc.skill_data(s)),
        ("rotation plan PDF (the firm's)", lambda s: rotations.plan_pdf(s)),
        (
            "training plan PDF (the year's)",
            lambda s: training_plan.plan_pdf(s, year=this_year, language="fi"),
        ),
        ("year in review PDF", lambda s: home_reports.year_review_pdf(s, year=this_year)),
        (
            "workplace development plan PDF",
            lambda s: home_reports.plan_pdf(s, year=this_year),
        ),
        (
            "training catalogue to CSV",
            lambda s: training_exchange.export_catalogue_bytes(s, csv_file=True),
        ),
    ]
    print(f"{args.people} people, median of {args.rounds} rounds, heartbeat every {TICK_MS} ms\n")
    header = (
        f"{'':48} {'on the UI thread':>22} {'through ui/ops':>22}\n"
        f"{'':48} {'longest block':>14} {'wall':>7} {'longest block':>14} {'wall':>7}"
    )
    print(header)
    for name, work in scenarios:
        rows = [measure(app, ctx, window, work) for _ in range(args.rounds)]
        before_gap = statistics.median(r[0][0] for r in rows) * 1000
        before_wall = statistics.median(r[0][1] for r in rows) * 1000
        after_gap = statistics.median(r[1][0] for r in rows) * 1000
        after_wall = statistics.median(r[1][1] for r in rows) * 1000
        print(
            f"{name:48} {before_gap:11.0f} ms {before_wall:4.0f} ms "
            f"{after_gap:11.0f} ms {after_wall:4.0f} ms"
        )
    window.close()
    engine.dispose()


if __name__ == "__main__":
    main()
