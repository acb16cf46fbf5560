"""Benchmark: the skills matrix page at 250 people × 150 skills against a bare QTableView.

    QT_QPA_PLATFORM=offscreen python benchmarks/skills_matrix.py [--people 250] [--skills 150] [--rounds 3]

Builds a database with every cell rated (plus targets and a role profile),
then measures in the same run:

* the matrix page: opening it (reading the database, building the model,
  first paint) and scrolling through every row and column, one screen at a time;
* a bare QTableView over a minimal QAbstractTableModel holding the same
  numbers in memory, opened and scrolled the same way.

Prints both figures and the ratio (the goal is within 2×). Not a test: the
timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt
from PySide6.QtWidgets import QApplication, QTableView
from sqlalchemy import insert

from huoltamo_desktop.domain.people import Person, Team, utcnow
from huoltamo_desktop.domain.skills import SkillRating, SkillTarget
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.settings import LocalSettings
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.storage.migrate import open_database

WIDTH, HEIGHT = 1280, 800


def build_database(path: Path, people: int, skills: int) -> None:
    engine, _info = open_database(str(path))
    rng = random.Random(7)
    today = date.today()
    with session_scope(engine) as s:
        teams = [Team(name=f"Tiimi {i + 1}") for i in range(5)]
        s.add_all(teams)
        s.flush()
        persons = [
            Person(
                first_name=f"Etunimi{i:03d}",
                last_name=f"Sukunimi{i:03d}",
                job_title=f"Nimike {i % 10}",
                team_id=teams[i % 5].id,
            )
            for i in range(people)
        ]
        s.add_all(persons)
        s.flush()
        categories = [svc.get_or_create_category(s, name=f"Ryhmä {i + 1}") for i in range(12)]
        skill_rows = [
            svc.add_skill(s, name=f"Taito {j + 1:03d}", category_id=categories[j % 12].id)
            for j in range(skills)
        ]
        ratings = []
        targets = []
        for p in persons:
            for sk in skill_rows:
                level = rng.randrange(5)
                ratings.append(
                    {
                        "person_id": p.id,
                        "skill_id": sk.id,
                        "kind": "agreed",
                        "level": level,
                        "rated_on": today - timedelta(days=rng.randrange(400)),
                        "recorded_at": utcnow(),
                    }
                )
                if level < 4 and rng.random() < 0.1:
                    targets.append(
                        {
                            "person_id": p.id,
                            "skill_id": sk.id,
                            "level": level + 1,
                            "target_date": today + timedelta(days=200),
                            "wish": False,
                            "updated_at": utcnow(),
                        }
                    )
        s.execute(insert(SkillRating), ratings)
        s.execute(insert(SkillTarget), targets)
        for t in range(10):
            svc.save_profile(
                s,
                title=f"Nimike {t}",
                lines={sk.id or 0: 3 for sk in skill_rows[t * 10 : t * 10 + 12]},
            )
    engine.dispose()


class BareModel(QAbstractTableModel):
    def __init__(self, values: list[list[int]], row_names: list[str], col_names: list[str]) -> None:
        super().__init__()
        self.values = values
        self.row_names = row_names
        self.col_names = col_names

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.values)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.col_names)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.values[index.row()][index.column()]
            return "" if value < 0 else str(value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.col_names[section]
            if orientation == Qt.Orientation.Horizontal
            else self.row_names[section]
        )


def scroll_through(app: QApplication, view: QTableView) -> int:
    """Scroll one screen at a time down every row, and across every column at each screen; paint each step."""
    steps = 0
    vbar, hbar = view.verticalScrollBar(), view.horizontalScrollBar()
    vstep, hstep = max(1, vbar.pageStep()), max(1, hbar.pageStep())
    for v in range(0, vbar.maximum() + vstep, vstep):
        vbar.setValue(min(v, vbar.maximum()))
        for h in range(0, hbar.maximum() + hstep, hstep):
            hbar.setValue(min(h, hbar.maximum()))
            view.viewport().repaint()
            steps += 1
        app.processEvents()
    return steps


def measure_page(app: QApplication, db: Path) -> tuple[float, float, int, tuple[QSize, int, int]]:
    from huoltamo_desktop.storage.database import make_engine
    from huoltamo_desktop.ui.context import AppContext
    from huoltamo_desktop.ui.skills.page import SkillsPage

    engine = make_engine(f"sqlite:///{db}")
    ctx = AppContext(engine, LocalSettings(language="fi"), str(db))
    start = time.perf_counter()
    page = SkillsPage(ctx)
    page.resize(WIDTH, HEIGHT)
    page.show()
    page.refresh()
    page.matrix.view.viewport().repaint()
    app.processEvents()
    opened = time.perf_counter() - start
    view = page.matrix.view
    assert view.model().rowCount() > 0 and view.model().columnCount() > 0
    start = time.perf_counter()
    steps = scroll_through(app, view)
    scrolled = time.perf_counter() - start
    size = (view.size(), view.horizontalHeader().height(), view.verticalHeader().width())
    page.close()
    page.deleteLater()
    app.processEvents()
    engine.dispose()
    return opened, scrolled, steps, size


def measure_bare(
    app: QApplication, data: svc.MatrixData, size: tuple[QSize, int, int]
) -> tuple[float, float, int]:
    values = [list(row) for row in data.current]
    start = time.perf_counter()
    view = QTableView()
    model = BareModel(values, [p.name for p in data.people], [s.name for s in data.skills])
    view.setModel(model)
    # The same cell size as the matrix, so both show the same cells on a screen.
    view.horizontalHeader().setDefaultSectionSize(34)
    view.verticalHeader().setDefaultSectionSize(24)
    # The same size, header height and name column as the matrix table on the page.
    view.resize(size[0])
    view.horizontalHeader().setFixedHeight(size[1])
    view.verticalHeader().setFixedWidth(size[2])
    view.show()
    view.viewport().repaint()
    app.processEvents()
    opened = time.perf_counter() - start
    start = time.perf_counter()
    steps = scroll_through(app, view)
    scrolled = time.perf_counter() - start
    view.close()
    view.deleteLater()
    app.processEvents()
    return opened, scrolled, steps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=250)
    parser.add_argument("--skills", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    setup_i18n("fi")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        t0 = time.perf_counter()
        build_database(db, args.people, args.skills)
        print(
            f"database: {args.people} people × {args.skills} skills, every cell rated "
            f"({time.perf_counter() - t0:.1f} s to build)"
        )
        from huoltamo_desktop.storage.database import make_engine

        engine = make_engine(f"sqlite:///{db}")
        read_runs = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            with session_scope(engine) as s:
                data = svc.load_matrix(s)
            read_runs.append(time.perf_counter() - start)
        engine.dispose()
        page_runs = [measure_page(app, db) for _ in range(args.rounds)]
        bare_runs = [measure_bare(app, data, page_runs[0][3]) for _ in range(args.rounds)]
    page_open = statistics.median(r[0] for r in page_runs)
    page_scroll = statistics.median(r[1] for r in page_runs)
    bare_open = statistics.median(r[0] for r in bare_runs)
    bare_scroll = statistics.median(r[1] for r in bare_runs)
    cells = args.people * args.skills
    print(
        f"reading the matrix from the database: {statistics.median(read_runs) * 1000:.0f} ms (part of opening the page)"
    )
    print(
        f"skills matrix page : open {page_open * 1000:6.0f} ms, scroll through all {cells} cells "
        f"{page_scroll * 1000:6.0f} ms ({page_runs[0][2]} screens)"
    )
    print(
        f"bare QTableView    : open {bare_open * 1000:6.0f} ms, scroll through all {cells} cells "
        f"{bare_scroll * 1000:6.0f} ms ({bare_runs[0][2]} screens)"
    )
    page_total, bare_total = page_open + page_scroll, bare_open + bare_scroll
    print(
        f"ratio page / bare  : scroll {page_scroll / bare_scroll:.2f}×, open + scroll {page_total / bare_total:.2f}× "
        "(goal: within 2×)"
    )


if __name__ == "__main__":
    main()
