"""How long the skills matrix PDF takes for a large firm.

    python benchmarks/skills_matrix_pdf.py [--people 250] [--skills 150] [--runs 3]

Times ``build_matrix_pdf`` on a synthetic matrix (every fifth cell below the
role's level, so there are many red marks to draw) against a baseline in the
same run: a bare ReportLab table of the same numbers in the same chunks, with
no colours, marks, category groups or page frame. Most of the time goes to
ReportLab drawing the cells, so the finished document costs a few times the
bare table; at this size it takes seconds, which is why the export runs off
the UI thread.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huoltamo_desktop.reports.fonts import FONT, register_fonts
from huoltamo_desktop.reports.skills_matrix import build_matrix_pdf
from huoltamo_desktop.services.skills_export import LegendLine, MatrixExport

LABELS = {
    "name": "Nimi",
    "team": "Tiimi",
    "job_title": "Tehtävänimike",
    "current": "Nykyiset tasot",
    "target": "Tavoitteet",
    "legend": "Selite",
    "level": "Taso",
    "meaning": "Merkitys",
    "descriptor": "Käytännössä",
    "target_mark": "→ 3: tavoite",
    "gap_mark": "Punainen alleviivaus: alle roolin tason",
    "page": "Sivu {number}/{total}",
    "skills_range": "Taidot {first}–{last} / {total}",
    "not_rated": "Tyhjä: ei arvioitu",
    "confidential": "Luottamuksellinen",
}


def sample(people: int, skills: int) -> MatrixExport:
    categories = ["Tuotanto ja valmistus", "Asiakaspalvelu ja myynti", "Huolto ja asennus"]
    return MatrixExport(
        title="Osaamismatriisi",
        subtitle="Koivulan Konepaja Oy · 1.12.2026",
        language="fi",
        people=[(f"Henkilö {i} Äijälä", "Tuotanto", "Hitsaaja") for i in range(people)],
        skills=[
            (f"Taito numero {j} pitkällä nimellä", categories[j * 3 // skills])
            for j in range(skills)
        ],
        current=[[(i + j) % 5 for j in range(skills)] for i in range(people)],
        target=[[-1] * skills for _ in range(people)],
        required=[[4 if (i + j) % 5 == 0 else -1 for j in range(skills)] for i in range(people)],
        legend=[LegendLine(level, f"Taso {level}", f"Kuvaus {level}") for level in range(5)],
        labels=LABELS,
    )


def baseline(data: MatrixExport) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table

    register_fonts()
    buffer = BytesIO()
    story: list[object] = []
    chunk = 25
    for start in range(0, len(data.skills), chunk):
        if start:
            story.append(PageBreak())
        rows = [["", *(str(j) for j in range(start, min(start + chunk, len(data.skills))))]]
        rows += [
            [name, *(str(v) for v in data.current[i][start : start + chunk])]
            for i, (name, _t, _j) in enumerate(data.people)
        ]
        table = Table(rows, repeatRows=1)
        table.setStyle([("FONT", (0, 0), (-1, -1), FONT, 7)])
        story.append(table)
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build(story)
    return buffer.getvalue()


def timed(label: str, fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm-up: imports, font registration
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        size = len(fn())
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    print(f"{label:<40} median {median:7.0f} ms   min {min(times):7.0f}   ({size // 1024} KiB)")
    return median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=250)
    parser.add_argument("--skills", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = sample(args.people, args.skills)
    print(f"{args.people} people × {args.skills} skills, {args.runs} runs each")
    base = timed("baseline: bare ReportLab table", lambda: baseline(data), args.runs)
    full = timed("skills matrix PDF", lambda: build_matrix_pdf(data), args.runs)
    print(f"ratio {full / base:.2f}×")


if __name__ == "__main__":
    main()
