"""The first fifteen minutes, machine speed: an empty folder to a saved first summary PDF.

    QT_QPA_PLATFORM=offscreen python benchmarks/first_summary.py [--runs 5]

Each run is a new process with its own empty settings and data folders. The
app run starts the app as ``huoltamo-desktop`` does (``ui.application.run``)
and a driver inside the process then does what a new owner does, with real
key and mouse events: types the firm, their name and a manager passphrase
into the first-run set-up and clicks the button (Argon2id hashing included),
waits for the main window, opens Conversations, starts a new conversation
with themselves, opens the Summary step and saves the PDF. The process prints
a time stamp at each of those moments; the parent measures from just before
it launched the process. Nobody types this fast: the figure is what the app
itself costs, on top of the person's own minutes.

The floor does the least any app with the same parts can do in that time: it
imports sqlmodel and ReportLab, creates a SQLite file with one table, paints
one window with one text field, then lays out a one-paragraph PDF and writes
it to disk. Floor and app runs alternate; one warm-up run of each is not
counted.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("setup-shown", "main-window", "summary-shown", "pdf-saved")

FLOOR_SCRIPT = """\
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
from sqlmodel import Field, Session, SQLModel, create_engine

base = Path(sys.argv[1])


class Firm(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str


engine = create_engine(f"sqlite:///{base / 'floor.sqlite3'}")
SQLModel.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Firm(name="Floor Oy"))
    session.commit()
app = QApplication(sys.argv[:1])


def pdf():
    from io import BytesIO

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buf = BytesIO()
    SimpleDocTemplate(buf).build([Paragraph("Floor Oy", getSampleStyleSheet()["Normal"])])
    (base / "floor.pdf").write_bytes(buf.getvalue())
    print(f"stamp pdf-saved {time.time():.6f}", flush=True)
    app.quit()


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.isWidgetType():
            app.removeEventFilter(self)
            QTimer.singleShot(0, pdf)
        return False


probe = FirstPaint(app)
app.installEventFilter(probe)
window = QMainWindow()
window.setCentralWidget(QLineEdit())
window.resize(1180, 760)
window.show()
sys.exit(app.exec())
"""


def drive_app(base: Path) -> int:
    """Inside the timed process: the app from an empty folder, driven like a person would."""
    from collections.abc import Callable, Iterator

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

    from huoltamo_desktop.i18n import setup_i18n
    from huoltamo_desktop.settings import LocalSettings
    from huoltamo_desktop.storage.database import to_url
    from huoltamo_desktop.ui.application import make_application, run

    target = base / "summary.pdf"
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(target), ""))  # type: ignore[method-assign]

    def stamp(name: str) -> None:
        print(f"stamp {name} {time.time():.6f}", flush=True)

    def top(name: str) -> QWidget | None:
        found = [w for w in QApplication.topLevelWidgets() if w.objectName() == name]
        return found[0] if found and found[0].isVisible() else None

    def click(widget: QWidget) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def steps() -> Iterator[Callable[[], bool]]:
        """Each step is a condition to wait for; the code after it is the person's next move."""
        yield lambda: top("FirstRunDialog") is not None
        stamp("setup-shown")
        dialog = top("FirstRunDialog")
        QTest.keyClicks(dialog.firm_name, "Makelan Puutyo Oy")  # type: ignore[union-attr]
        QTest.keyClicks(dialog.first_name, "Paivi")  # type: ignore[union-attr]
        QTest.keyClicks(dialog.last_name, "Makela")  # type: ignore[union-attr]
        QTest.keyClicks(dialog.passphrase_box.passphrase, "koivu kuusi manty")  # type: ignore[union-attr]
        QTest.keyClicks(dialog.passphrase_box.repeat, "koivu kuusi manty")  # type: ignore[union-attr]
        click(dialog.start_button)  # type: ignore[union-attr]
        del dialog
        yield lambda: top("Seat") is not None and top("Seat").current is not None  # type: ignore[union-attr]
        stamp("main-window")
        window = top("Seat").current  # type: ignore[union-attr]
        page = window.go_to("conversations")

        def start() -> None:
            new = QApplication.activeModalWidget()
            new.person.setCurrentIndex(0)  # type: ignore[union-attr]
            click(new.findChild(QWidget, "start_conversation"))  # type: ignore[union-attr]

        QTimer.singleShot(0, start)
        click(page.list_tab.new_button)  # runs the dialog until `start` accepts it
        bar = page.view.steps.tabBar()
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(3).center())
        yield lambda: page.view.summary.view.page_count() > 0
        stamp("summary-shown")
        click(page.view.summary.save_button)
        yield lambda: target.exists() and target.stat().st_size > 0
        stamp("pdf-saved")
        QApplication.quit()
        yield lambda: False

    make_application()
    it = steps()
    waiting = [next(it)]

    def poll() -> None:
        while waiting[0]():
            waiting[0] = next(it)
        QTimer.singleShot(5, poll)

    QTimer.singleShot(0, poll)
    setup_i18n("fi")
    db = base / "data" / "huoltamo.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    return run(url=to_url(db), label=str(db), settings=LocalSettings(language="fi"))


def launch(cmd: list[str], env: dict[str, str], timeout: float) -> dict[str, float]:
    start = time.time()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    stamps = {
        parts[1]: float(parts[2]) - start
        for parts in (line.split() for line in proc.stdout.splitlines())
        if len(parts) == 3 and parts[0] == "stamp"
    }
    if proc.returncode != 0 or "pdf-saved" not in stamps:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return stamps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--child", help=argparse.SUPPRESS)  # the timed app process
    args = parser.parse_args(argv)
    if args.child:
        return drive_app(Path(args.child))

    results: dict[str, list[dict[str, float]]] = {"floor": [], "app": []}
    for index in range(args.runs + 1):
        for kind in ("floor", "app"):
            with tempfile.TemporaryDirectory(prefix="huoltamo-first-") as tmp:
                base = Path(tmp)
                env = dict(os.environ)
                env.update(
                    QT_QPA_PLATFORM="offscreen",
                    HUOLTAMO_CONFIG_DIR=str(base / "config"),
                    HUOLTAMO_DATA_DIR=str(base / "data"),
                    PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
                )
                if kind == "floor":
                    (base / "floor.py").write_text(FLOOR_SCRIPT, encoding="utf-8")
                    cmd = [sys.executable, str(base / "floor.py"), str(base)]
                else:
                    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(base)]
                stamps = launch(cmd, env, args.timeout)
                if index:  # the first round warms the page cache and .pyc files
                    results[kind].append(stamps)

    def median(kind: str, step: str) -> float:
        return statistics.median(r[step] for r in results[kind]) * 1000

    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"median of {args.runs} runs, ms from launching the process")
    for step in STEPS:
        print(f"  app   {step:<14} {median('app', step):8.0f}")
    floor, app = median("floor", "pdf-saved"), median("app", "pdf-saved")
    print(f"  floor pdf-saved      {floor:8.0f}")
    print(
        f"empty folder → saved summary PDF: app {app:.0f} ms, floor {floor:.0f} ms, {app / floor:.2f}×"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
