"""How long a conversation summary PDF takes, after the first one.

    python benchmarks/conversation_pdf.py [--runs 30]

Builds a demo firm in a temporary database, picks its richest final career
conversation (most notes and actions) and times ``summary_pdf`` (database
reads + ReportLab) over several runs, after one warm-up run that pays for font
registration and imports. For scale, the same run also times a baseline: a
minimal ReportLab document with one paragraph in the same font.
The goal: a conversation PDF well under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.reports.fonts import FONT, register_fonts
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.services.demo import build_demo
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.storage.migrate import open_database


def baseline_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    register_fonts()
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(
        [Paragraph("Yhteenveto – sammanfattning – summary.", ParagraphStyle("p", fontName=FONT))]
    )
    return buffer.getvalue()


def timed(fn: Callable[[], bytes], runs: int) -> tuple[list[float], int]:
    size = len(fn())  # warm-up: imports, font registration
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times, size


def report(label: str, times: list[float], size: int) -> None:
    print(
        f"{label:<34} median {statistics.median(times):6.1f} ms   "
        f"min {min(times):6.1f}   max {max(times):6.1f}   ({size // 1024} KiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_i18n("fi")
    with tempfile.TemporaryDirectory() as tmp:
        engine, _info = open_database(str(Path(tmp) / "bench.sqlite3"))
        with session_scope(engine) as session:
            build_demo(session, people=250, seed=1, today=date(2026, 11, 27))
        with session_scope(engine) as session:
            finals = [
                r
                for r in cs.list_conversations(session)
                if r.kind == "career" and r.state == "final"
            ]

            def richness(row: cs.ConversationRow) -> int:
                notes = cs.get_notes(session, conversation_id=row.id)
                return len(notes) + 3 * len(cs.list_actions(session, conversation_id=row.id))

            target = max(finals, key=richness)
            notes = len(cs.get_notes(session, conversation_id=target.id))
            actions = len(cs.list_actions(session, conversation_id=target.id))
            print(
                f"conversation {target.id}: {notes} topics with notes, {actions} actions; {args.runs} runs each"
            )
            report("baseline: one-paragraph ReportLab", *timed(baseline_pdf, args.runs))
            report(
                "conversation summary (DB + PDF)",
                *timed(lambda: cs.summary_pdf(session, conversation_id=target.id), args.runs),
            )
        engine.dispose()


if __name__ == "__main__":
    main()
