"""The skills matrix as an Excel workbook: a sheet of current levels, one of targets, and a legend.

Plain data in, bytes out. The header row and the name columns are frozen,
each level has its fill colour (the same palette as on screen), and a cell
below the role's level gets a red bottom border.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from huoltamo_desktop.domain.skills import LEVEL_COLOURS, MatrixExport

NO_LEVEL = -1
# A cell text starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(ws: Any) -> None:
    """Every text cell stays text: a name like "=HYPERLINK(…)" is shown, never run.

    openpyxl turns any string starting with "=" into a formula; the type is set
    back to text, and the quote prefix tells Excel and LibreOffice to keep the
    cell text even when someone edits it.
    """
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                if cell.data_type == "f":
                    cell.data_type = "s"
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True


def _sheet_title(text: str) -> str:
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    return text[:31] or "Sheet"


def build_matrix_xlsx(data: MatrixExport) -> bytes:
    """An .xlsx workbook of the matrix."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    fills = {
        level: PatternFill("solid", fgColor=colour.lstrip("#").upper())
        for level, colour in LEVEL_COLOURS.items()
    }
    red = Border(bottom=Side(style="thick", color="C62828"))
    bold = Font(bold=True)
    wb = Workbook()
    first = wb.active
    assert first is not None
    sheets = [
        (first, data.labels["current"], data.current),
        (wb.create_sheet(), data.labels["target"], data.target),
    ]
    for ws, title, values in sheets:
        ws.title = _sheet_title(title)
        headers = [data.labels["name"], data.labels["team"], data.labels["job_title"]]
        ws.append(headers + [name for name, _category in data.skills])
        for col in range(1, len(headers) + len(data.skills) + 1):
            cell = ws.cell(row=1, column=col)
            cell.font = bold
            if col > len(headers):
                cell.alignment = Alignment(text_rotation=90, horizontal="center", vertical="bottom")
        for r, (name, team, job_title) in enumerate(data.people):
            ws.append([name, team, job_title] + [None if v == NO_LEVEL else v for v in values[r]])
            for c, value in enumerate(values[r]):
                cell = ws.cell(row=r + 2, column=c + 4)
                cell.alignment = Alignment(horizontal="center")
                if value != NO_LEVEL:
                    cell.fill = fills[value]
                required = data.required[r][c]
                if required != NO_LEVEL and max(data.current[r][c], 0) < required:
                    cell.border = red
        ws.row_dimensions[1].height = 150
        ws.column_dimensions["A"].width = max(
            14, min(34, max((len(p[0]) for p in data.people), default=10) + 2)
        )
        ws.column_dimensions["B"].width = 20
        ws.column_dimensions["C"].width = 20
        for c in range(len(data.skills)):
            ws.column_dimensions[get_column_letter(c + 4)].width = 4.5
        ws.freeze_panes = "D2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(data.skills) + 3)}{len(data.people) + 1}"
        _as_text(ws)

    legend = wb.create_sheet(_sheet_title(data.labels["legend"]))
    legend.append([data.labels["level"], data.labels["meaning"], data.labels["descriptor"]])
    for cell in legend[1]:
        cell.font = bold
    for line in data.legend:
        legend.append([line.level, line.label, line.descriptor])
        legend.cell(row=legend.max_row, column=1).fill = fills[line.level]
    legend.append([])
    legend.append([data.labels["gap_mark"]])
    legend.append([data.labels["not_rated"]])
    legend.append([])
    legend.append([data.title, data.subtitle])
    legend.column_dimensions["A"].width = 10
    legend.column_dimensions["B"].width = 28
    legend.column_dimensions["C"].width = 70
    _as_text(legend)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
