"""The matrix exports read back: openpyxl finds the values and colours, the PDF's text holds names and skills."""

from __future__ import annotations

import re
from io import BytesIO

from openpyxl import load_workbook
from pypdf import PdfReader

from huoltamo_desktop.domain.skills import LEVEL_COLOURS, LegendLine, MatrixExport
from huoltamo_desktop.reports.skills_matrix import build_matrix_pdf
from huoltamo_desktop.reports.skills_matrix_xlsx import build_matrix_xlsx

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
    "gap_mark": "Punainen viiva: alle roolin tason",
    "page": "Sivu {number}/{total}",
    "confidential": "Luottamuksellinen",
    "skills_range": "Taidot {first}–{last} / {total}",
    "not_rated": "Tyhjä: ei arvioitu",
}


def sample(people: int = 3, skills: int = 4) -> MatrixExport:
    names = [f"Henkilö{i} Äijälä" for i in range(people)]
    skill_names = [f"Taito{j}" for j in range(skills)]
    current = [[(i + j) % 5 if (i + j) % 6 else -1 for j in range(skills)] for i in range(people)]
    target = [[-1] * skills for _ in range(people)]
    target[0][0] = 4
    required = [[-1] * skills for _ in range(people)]
    required[1][1] = 4
    return MatrixExport(
        title="Osaamismatriisi",
        subtitle="Koivulan Konepaja Oy · 27.11.2026",
        language="fi",
        people=[(n, "Tuotanto", "Hitsaaja") for n in names],
        skills=[(s, "Tuotanto ja valmistus") for s in skill_names],
        current=current,
        target=target,
        required=required,
        legend=[LegendLine(lvl, f"Taso{lvl}", f"Kuvaus {lvl}") for lvl in range(5)],
        labels=LABELS,
    )


def test_xlsx_has_values_colours_frozen_header_and_legend() -> None:
    data = sample()
    wb = load_workbook(BytesIO(build_matrix_xlsx(data)))
    assert wb.sheetnames == ["Nykyiset tasot", "Tavoitteet", "Selite"]
    ws = wb["Nykyiset tasot"]
    assert [c.value for c in ws[1]][:5] == ["Nimi", "Tiimi", "Tehtävänimike", "Taito0", "Taito1"]
    assert ws.freeze_panes == "D2"
    assert ws.cell(row=2, column=1).value == "Henkilö0 Äijälä"
    assert ws.cell(row=2, column=4).value is None  # not rated
    assert ws.cell(row=2, column=5).value == 1
    assert ws.cell(row=2, column=5).fill.fgColor.rgb.endswith(LEVEL_COLOURS[1].lstrip("#").upper())
    assert ws.cell(row=3, column=5).border.bottom.style == "thick"  # below the role's level 4
    assert wb["Tavoitteet"].cell(row=2, column=4).value == 4
    legend = wb["Selite"]
    assert [legend.cell(row=r, column=2).value for r in range(2, 7)] == [
        f"Taso{i}" for i in range(5)
    ]


def test_pdf_text_holds_names_skills_and_legend() -> None:
    data = sample()
    reader = PdfReader(BytesIO(build_matrix_pdf(data)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for name, _team, _title in data.people:
        assert name in text
    for skill, _category in data.skills:
        assert skill in text
    assert "Kuvaus 4" in text and "Osaamismatriisi" in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape


def test_pdf_splits_many_skills_into_chunks_with_repeated_headers() -> None:
    data = sample(people=90, skills=70)
    reader = PdfReader(BytesIO(build_matrix_pdf(data)))
    texts = [page.extract_text() for page in reader.pages]
    assert any("Taidot 1–" in t for t in texts)
    assert any("/ 70" in t and "Taidot 1–" not in t for t in texts)
    # Every page of the matrix repeats the header with the first skill of its chunk.
    matrix_pages = [t for t in texts if "Taidot " in t]
    assert len(matrix_pages) >= 6
    assert all("Nimi" in t for t in matrix_pages)
    assert "Taito69" in "\n".join(texts) and "Henkilö89 Äijälä" in "\n".join(texts)


RED_STROKE = re.compile(rb"\.776471 \.156863 \.156863 RG")


def _gaps(data: MatrixExport) -> int:
    return sum(
        1
        for r, row in enumerate(data.required)
        for c, req in enumerate(row)
        if req != -1 and max(data.current[r][c], 0) < req
    )


def test_a_rows_gap_marks_are_drawn_once_and_never_under_the_next_pages_header() -> None:
    data = sample(people=90, skills=8)
    for r in range(90):  # every person below the role's level in the first skill, only there
        data.required[r] = [5] + [-1] * 7
    reader = PdfReader(BytesIO(build_matrix_pdf(data)))
    assert len(reader.pages) >= 3
    contents = [page.get_contents() for page in reader.pages]
    marks = [len(RED_STROKE.findall(c.get_data())) if c is not None else 0 for c in contents]
    texts = [page.extract_text().splitlines() for page in reader.pages]
    people_on = [sum(1 for name, _t, _j in data.people if name in lines) for lines in texts]
    # Each page has exactly as many marks as people shown on it: none carried to the header.
    assert marks == people_on
    assert sum(marks) == _gaps(data)


def test_categories_are_column_groups_and_long_skill_names_take_two_lines() -> None:
    data = sample(people=3, skills=4)
    long_name = "Hydrauliikkajärjestelmien vianetsintä ja korjaus"
    data = MatrixExport(
        **{
            **data.__dict__,
            "skills": [
                (long_name, "Kunnossapito"),
                ("Taito1", "Kunnossapito"),
                ("Taito2", "Myynti"),
                ("Taito3", "Myynti"),
            ],
        }
    )
    text = PdfReader(BytesIO(build_matrix_pdf(data))).pages[0].extract_text()
    assert "Kunnossapito" in text and "Myynti" in text
    assert "Hydrauliikkajärjestelmien" in text and "korjaus" in text and "…" not in text


def test_every_page_is_marked_confidential_with_page_x_of_y_and_the_legend_follows() -> None:
    data = sample(people=90, skills=70)
    texts = [p.extract_text() for p in PdfReader(BytesIO(build_matrix_pdf(data))).pages]
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert "Luottamuksellinen" in text
        assert f"Sivu {number}/{total}" in text
    # The legend follows the whole matrix: it starts on a page of its own, after the last
    # person, and gives every level with its description.
    legend_from = next(i for i, text in enumerate(texts) if "Selite" in text)
    assert legend_from > 0
    after = "\n".join(texts[legend_from:])
    assert not any(name in after for name, _title, _job in data.people)
    assert all(name in "\n".join(texts[:legend_from]) for name, _title, _job in data.people)
    for line in data.legend:
        assert line.label in after and line.descriptor in after
