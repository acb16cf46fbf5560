"""Frame times of the rotation timeline with 500 rotations while it is panned.

    QT_QPA_PLATFORM=offscreen python benchmarks/rotations_timeline.py [--frames 120]

250 people, 500 rotations over a year and a half, zoomed to months (the widest
scene). The view is panned across the whole plan and down through the rows,
one step a frame; each frame is painted at once (``viewport().repaint()``)
and timed, by the wall clock and by the process's CPU time (on a shared machine
the wall clock also counts the time spent waiting for a core). For scale, the
same run pans a bare QGraphicsView over 500 plain rectangles the same size.
Goal: no visible lag, i.e. frames well under 16 ms (60 frames a second).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from huoltamo_desktop.domain.rotations import RotationKind, RotationStatus
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.ui.rotations.timeline import (
    HEADER_HEIGHT,
    LABEL_WIDTH,
    ROW_HEIGHT,
    TimelineBar,
    TimelineRow,
    TimelineView,
)

START = date(2027, 1, 4)
PEOPLE, ROTATIONS = 250, 500


def plan(seed: int) -> tuple[list[TimelineRow], list[TimelineBar]]:
    rng = random.Random(seed)
    rows = [TimelineRow(f"Henkilö {i:03d} Esimerkki", i) for i in range(1, PEOPLE + 1)]
    kinds = list(RotationKind)
    statuses = [RotationStatus.PLANNED, RotationStatus.RUNNING, RotationStatus.DONE]
    bars = []
    for rid in range(1, ROTATIONS + 1):
        start = START + timedelta(days=rng.randrange(0, 480))
        bars.append(
            TimelineBar(
                rid,
                rng.randrange(1, PEOPLE + 1),
                rng.choice(kinds),
                rng.choice(statuses),
                f"Kierto {rid}: kokoonpanon tuotannonsuunnittelu",
                start,
                start + timedelta(days=rng.randrange(14, 120)),
                warning=rid % 17 == 0,
            )
        )
    return rows, bars


def pan(view: QGraphicsView, frames: int) -> tuple[list[float], list[float]]:
    """Pan right across the plan and down through the rows, painting and timing each frame.

    Returns the wall-clock and the CPU time of each frame: on a busy machine the wall
    clock also counts the time spent waiting for a core, the CPU time only the work.
    """
    h, v = view.horizontalScrollBar(), view.verticalScrollBar()
    view.viewport().repaint()
    wall, cpu = [], []
    for i in range(frames):
        h.setValue(int(h.maximum() * i / max(1, frames - 1)))
        v.setValue(int(v.maximum() * ((i * 7) % frames) / max(1, frames - 1)))
        start, start_cpu = time.perf_counter(), time.process_time()
        view.viewport().repaint()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def baseline(rows: list[TimelineRow], bars: list[TimelineBar]) -> QGraphicsView:
    scene = QGraphicsScene()
    ppd = 7.0
    row_of = {r.person_id: i for i, r in enumerate(rows)}
    scene.setSceneRect(0, 0, LABEL_WIDTH + 560 * ppd, HEADER_HEIGHT + len(rows) * ROW_HEIGHT)
    for bar in bars:
        x = LABEL_WIDTH + (bar.starts_on - START).days * ppd
        w = ((bar.ends_on - bar.starts_on).days + 1) * ppd
        y = HEADER_HEIGHT + row_of[bar.person_id] * ROW_HEIGHT + 4
        scene.addRect(QRectF(x, y, w, ROW_HEIGHT - 8), brush=QBrush(QColor("#5aa469")))
    view = QGraphicsView(scene)
    view._scene = scene  # type: ignore[attr-defined]
    return view


def report(label: str, times: tuple[list[float], list[float]]) -> None:
    wall, cpu = times
    ordered = sorted(wall)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(
        f"{label:<44} median {statistics.median(wall):5.1f} ms   95th {p95:5.1f} ms   "
        f"worst {ordered[-1]:5.1f} ms   CPU median {statistics.median(cpu):5.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=120)
    args = parser.parse_args()
    setup_i18n("fi")
    app = QApplication.instance() or QApplication([])
    rows, bars = plan(1)
    bare = baseline(rows, bars)
    bare.resize(1200, 700)
    bare.show()
    app.processEvents()
    timeline = TimelineView()
    timeline.resize(1200, 700)
    timeline.show()
    started = time.perf_counter()
    timeline.set_plan(rows, bars, start=START, end=START + timedelta(days=600), today=START)
    built = (time.perf_counter() - started) * 1000
    app.processEvents()
    print(f"{ROTATIONS} rotations in {PEOPLE} rows; building the timeline took {built:.0f} ms")
    report("bare QGraphicsView, 500 plain rectangles", pan(bare, args.frames))
    report("rotation timeline (month zoom)", pan(timeline, args.frames))
    timeline.set_zoom("quarter")
    report("rotation timeline (quarter zoom)", pan(timeline, args.frames))


if __name__ == "__main__":
    main()
