"""Start-up time: process start to the first painted window, against a floor.

    python benchmarks/startup.py [--runs 7] [--people 250] [--frozen dist/huoltamo-desktop/huoltamo-desktop]

The floor is the least any PySide6 + SQLModel app can do: a script that imports
sqlmodel and paints one empty main window. The app opens a demo firm of
``--people`` people (made once with the CLI). Each run is a new process with
QT_QPA_PLATFORM=offscreen, its own settings and data folders, and
HUOLTAMO_BENCH_EXIT_ON_PAINT=1, which makes the app print ``first-paint
<time.time()>`` once its first window (set-up, lock screen or main window)
has painted, and quit. Start is time.time() just before the process is
launched. Floor and app runs alternate so that a noisy moment hits both; one
warm-up run of each is not counted.

Then one more app run lists which heavy modules were already imported at first
paint (none should be, for an up-to-date database) and, for any that were,
the import chain that brought them in (``python -X importtime``).

Goal: app median ≤ 1.5 × floor median.
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
GOAL_RATIO = 1.5
HEAVY = ("alembic", "reportlab", "openpyxl", "babel.dates", "babel.numbers")

FLOOR_SCRIPT = """\
import sys
import time

import sqlmodel  # noqa: F401  (the app cannot start without it either)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv[:1])


def report():
    print(f"first-paint {time.time():.6f}", flush=True)
    app.quit()


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.isWidgetType():
            app.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False


probe = FirstPaint(app)
app.installEventFilter(probe)
window = QMainWindow()
window.setCentralWidget(QLabel("floor"))
window.resize(1180, 760)
window.show()
sys.exit(app.exec())
"""


class BenchError(RuntimeError):
    pass


def bench_env(base: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HUOLTAMO_CONFIG_DIR=str(base / "config"),
        HUOLTAMO_DATA_DIR=str(base / "data"),
        HUOLTAMO_BENCH_EXIT_ON_PAINT="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    env.pop("HUOLTAMO_BENCH_MODULES", None)
    env.update(extra)
    return env


def launch(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[float, str, str]:
    """Seconds from launch to first paint, with the process's stdout and stderr."""
    start = time.time()
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise BenchError(
            f"{cmd[-1]}: no first paint within {timeout:.0f} s\n{err[-2000:]}"
        ) from None
    painted = [line.split()[1] for line in out.splitlines() if line.startswith("first-paint ")]
    if proc.returncode != 0 or not painted:
        raise BenchError(
            f"{' '.join(cmd)} exited {proc.returncode} without painting:\n{out[-1000:]}{err[-2000:]}"
        )
    return float(painted[0]) - start, out, err


def import_chain(importtime: str, module: str) -> list[str]:
    """The chain of imports that first loaded ``module``, outermost first.

    ``-X importtime`` prints each module after the modules it imported, one
    level of indentation deeper per level of nesting; the importer of a line
    is the next line below it that is one level shallower.
    """
    rows: list[tuple[int, str]] = []
    for line in importtime.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        name_part = line.rsplit("|", 1)[1]
        stripped = name_part.lstrip()
        if stripped == "imported package":
            continue
        depth = (len(name_part) - len(stripped) - 1) // 2
        rows.append((depth, stripped))
    for i, (depth, name) in enumerate(rows):
        if name == module:
            chain = [name]
            for later_depth, later_name in rows[i + 1 :]:
                if later_depth < depth:
                    chain.append(later_name)
                    depth = later_depth
                    if depth == 0:
                        break
            return list(reversed(chain))
    return []


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--people", type=int, default=250, help="people in the demo firm")
    parser.add_argument("--python", default=sys.executable, help="interpreter to run both with")
    parser.add_argument("--frozen", help="also time this frozen huoltamo-desktop executable")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per launch")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="huoltamo-bench-") as tmp:
        base = Path(tmp)
        (base / "floor.py").write_text(FLOOR_SCRIPT, encoding="utf-8")
        db = base / "demo.sqlite3"
        env = bench_env(base)
        made = subprocess.run(
            [
                args.python,
                "-m",
                "huoltamo_desktop",
                "demo",
                "--db",
                str(db),
                "--people",
                str(args.people),
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:
            print(made.stdout + made.stderr, file=sys.stderr)
            return 1

        commands = {
            "floor: PySide6 + sqlmodel, one empty window": [args.python, str(base / "floor.py")],
            f"app: `python -m huoltamo_desktop`, {args.people} people": [
                args.python,
                "-m",
                "huoltamo_desktop",
                "--db",
                str(db),
            ],
        }
        if args.frozen:
            commands[f"frozen app, {args.people} people"] = [
                str(Path(args.frozen).resolve()),
                "--db",
                str(db),
            ]
        times: dict[str, list[float]] = {label: [] for label in commands}
        try:
            for cmd in commands.values():  # warm-up: page cache, .pyc files
                launch(cmd, env, args.timeout)
            for _ in range(args.runs):
                for label, cmd in commands.items():
                    times[label].append(launch(cmd, env, args.timeout)[0])
            app_cmd = commands[list(commands)[1]]
            _t, out, _err = launch(
                app_cmd, bench_env(base, HUOLTAMO_BENCH_MODULES="1"), args.timeout
            )
        except BenchError as exc:
            print(f"startup benchmark: {exc}", file=sys.stderr)
            return 1

        loaded = set()
        for line in out.splitlines():
            if line.startswith("modules "):
                loaded = set(line.split()[1:])
        heavy = [name for name in HEAVY if name in loaded]
        chains: dict[str, list[str]] = {}
        for name in heavy:
            if name.split(".")[0] in ("alembic", "reportlab"):
                _t, _out, err = launch(
                    [args.python, "-X", "importtime", *app_cmd[1:]], env, args.timeout
                )
                chains[name] = import_chain(err, name)

    floor_label, app_label = list(commands)[:2]
    floor_median = statistics.median(times[floor_label])
    floor_min = min(times[floor_label])
    print(f"## Start-up to first painted window ({args.runs} runs each, alternating)\n")
    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, QT_QPA_PLATFORM=offscreen\n"
    )
    print("| what | median ms | min ms | median ÷ floor | min ÷ floor |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, values in times.items():
        median, low = statistics.median(values), min(values)
        print(
            f"| {label} | {fmt_ms(median)} | {fmt_ms(low)} | "
            f"{median / floor_median:.2f}× | {low / floor_min:.2f}× |"
        )
    ratio = statistics.median(times[app_label]) / floor_median
    verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
    print(f"\nGoal app ≤ {GOAL_RATIO}× floor (medians): {verdict} ({ratio:.2f}×).")
    print("\nHeavy modules imported at first paint: " + (", ".join(heavy) if heavy else "none"))
    for name, chain in chains.items():
        print(f"- {name} via: " + (" → ".join(chain) if chain else "(chain not found)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
