"""The skills matrix as a landscape PDF that stays readable with many skills.

Skills are split into column chunks that fit the page; each chunk is a table
whose header (the skill categories as column groups above the skill names,
written upwards) repeats on every page. The cells use the width the page has;
the legend follows the table. Every page carries the shared document frame
with the confidential mark. Plain data in, PDF bytes out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from huoltamo_desktop.domain.skills import LEVEL_COLOURS, MatrixExport
from huoltamo_desktop.reports.fonts import FONT, FONT_BOLD, escape, register_fonts
from huoltamo_desktop.reports.layout import DocumentFrame, render_pdf, shorten

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

NO_LEVEL = -1
NAME_WIDTH = 150.0
MIN_CELL = 21.0
MAX_CELL = 34.0
HEADER_HEIGHT = 112.0
GROUP_HEIGHT = 14.0
GAP_COLOUR = "#c62828"
NAME_SIZE = 7.0


def _flowables() -> tuple[Any, Any]:
    from reportlab.lib import colors
    from reportlab.lib.utils import simpleSplit
    from reportlab.platypus import Flowable

    class VerticalText(Flowable):
        """A skill name written upwards: on two lines when one is not enough, then cut with …."""

        def __init__(self, text: str, width: float, height: float = HEADER_HEIGHT - 8) -> None:
            super().__init__()
            self.height = height
            lines = simpleSplit(text, FONT, NAME_SIZE, height) or [""]
            two_fit = width >= 2 * NAME_SIZE + 4
            if len(lines) > 1 and two_fit:
                self.lines = [lines[0], shorten(" ".join(lines[1:]), FONT, NAME_SIZE, height)]
            else:
                self.lines = [shorten(text, FONT, NAME_SIZE, height)]
            self.width = len(self.lines) * (NAME_SIZE + 1) + 1

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            c = self.canv
            c.saveState()
            c.setFont(FONT, NAME_SIZE)
            c.rotate(90)
            for n, line in enumerate(self.lines):
                # rotated: x runs up the page, y runs to the left
                c.drawString(0, -(n + 1) * (NAME_SIZE + 1) + 1, line)
            c.restoreState()

    class LevelCell(Flowable):
        """One cell's level text, underlined in red when below the level the role needs.

        The mark is part of the cell itself, so it goes wherever the row goes and is
        never drawn again under a header repeated on the next page.
        """

        def __init__(self, text: str, width: float, gap: bool) -> None:
            super().__init__()
            self.text = text
            self.width = width
            self.height = 9.0
            self.gap = gap

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            c = self.canv
            c.setFont(FONT, 7)
            c.drawCentredString(self.width / 2, 2.2, self.text)
            if self.gap:
                c.setStrokeColor(colors.HexColor(GAP_COLOUR))
                c.setLineWidth(1.6)
                c.line(0, -0.8, self.width, -0.8)

    return VerticalText, LevelCell


def _category_runs(categories: list[str]) -> list[tuple[int, int, str]]:
    """Consecutive skills of one category as (first, last, name), indices within the chunk."""
    runs: list[tuple[int, int, str]] = []
    for i, name in enumerate(categories):
        if runs and runs[-1][2] == name:
            runs[-1] = (runs[-1][0], i, name)
        else:
            runs.append((i, i, name))
    return runs


def _group_label(name: str, width: float) -> str:
    """A category name over its columns: on up to two lines, never broken inside a word."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = simpleSplit(name, FONT_BOLD, 6.5, width)
    if len(lines) <= 2 and all(stringWidth(x, FONT_BOLD, 6.5) <= width for x in lines):
        return "<br/>".join(escape(x) for x in lines)
    first = lines[0] if stringWidth(lines[0], FONT_BOLD, 6.5) <= width else ""
    if first and len(lines) > 1:
        rest = shorten(" ".join(lines[1:]), FONT_BOLD, 6.5, width)
        return f"{escape(first)}<br/>{escape(rest)}"
    return escape(shorten(name, FONT_BOLD, 6.5, width))


def build_matrix_pdf(data: MatrixExport) -> bytes:
    """A landscape A4 PDF: the matrix in column chunks with repeated headers, then the legend."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer, Table, TableStyle

    register_fonts()
    vertical, level_cell = _flowables()
    page_w, page_h = landscape(A4)
    margin = 12 * mm
    margins = (margin, margin, margin + 8 * mm, margin + 6 * mm)
    usable = page_w - margins[0] - margins[1]
    fits = max(5, int((usable - NAME_WIDTH) // MIN_CELL))
    # Chunks of even size: 66 skills as 22 + 22 + 22, not 29 + 29 + a lonely 8.
    chunks = -(-len(data.skills) // fits)
    per_chunk = -(-len(data.skills) // chunks) if chunks else fits
    cell_w = min(MAX_CELL, (usable - NAME_WIDTH) / max(1, per_chunk))

    title_style = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4)
    normal = ParagraphStyle("normal", fontName=FONT, fontSize=9, leading=11.5)
    name_style = ParagraphStyle("name", fontName=FONT, fontSize=7.5, leading=8.8)
    head_style = ParagraphStyle("head", fontName=FONT_BOLD, fontSize=8, leading=10)
    group_style = ParagraphStyle(
        "group", fontName=FONT_BOLD, fontSize=6.5, leading=7.5, alignment=1
    )

    level_colours = {k: colors.HexColor(v) for k, v in LEVEL_COLOURS.items()}
    grid = colors.HexColor("#b0b6bb")
    group_fill = colors.HexColor("#e6eef1")

    story: list[Flowable] = [
        Paragraph(escape(data.title), title_style),
        Paragraph(escape(data.subtitle), normal),
        Spacer(1, 4),
        Paragraph(escape(data.labels["gap_mark"]), normal),
    ]

    total = len(data.skills)
    for start in range(0, total, per_chunk):
        end = min(total, start + per_chunk)
        story.append(PageBreak() if start else Spacer(1, 8))
        range_text = data.labels["skills_range"].format(first=start + 1, last=end, total=total)
        chunk = data.skills[start:end]
        groups: list[Any] = [
            Paragraph(
                f"{escape(data.labels['name'])}<br/><font size='6.5'>{escape(range_text)}</font>",
                head_style,
            )
        ] + [""] * len(chunk)
        style: list[Any] = [
            ("SPAN", (0, 0), (0, 1)),
            ("FONT", (1, 2), (-1, -1), FONT, 7),
            ("ALIGN", (1, 2), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (0, 1), "BOTTOM"),
            ("VALIGN", (1, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (1, 1), (-1, 1), "BOTTOM"),
            ("ALIGN", (1, 1), (-1, 1), "CENTER"),
            ("VALIGN", (0, 2), (-1, -1), "MIDDLE"),
            ("INNERGRID", (0, 0), (-1, -1), 0.25, grid),
            ("BOX", (0, 0), (-1, -1), 0.5, grid),
            ("LEFTPADDING", (1, 0), (-1, -1), 1),
            ("RIGHTPADDING", (1, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 2), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 2), (-1, -1), 1.5),
            ("LINEBELOW", (0, 1), (-1, 1), 0.8, colors.black),
        ]
        for first, last, name in _category_runs([category for _name, category in chunk]):
            span_w = (last - first + 1) * cell_w - 4
            groups[first + 1] = Paragraph(_group_label(name, span_w), group_style)
            style += [
                ("SPAN", (first + 1, 0), (last + 1, 0)),
                ("BACKGROUND", (first + 1, 0), (last + 1, 0), group_fill),
                # A stronger line where one category ends and the next begins.
                ("LINEBEFORE", (first + 1, 0), (first + 1, -1), 0.9, colors.HexColor("#5f7d8a")),
            ]
        header: list[Any] = [""] + [vertical(name, cell_w - 2) for name, _category in chunk]
        rows: list[list[Any]] = [groups, header]
        for r, (name, team, job_title) in enumerate(data.people, start=2):
            sub = " · ".join(x for x in (job_title, team) if x)
            cells: list[Any] = [
                Paragraph(
                    f"{escape(name)}<br/><font size='6' color='#555555'>{escape(sub)}</font>",
                    name_style,
                )
            ]
            for c in range(start, end):
                cur = data.current[r - 2][c]
                tgt = data.target[r - 2][c]
                req = data.required[r - 2][c]
                text = "" if cur == NO_LEVEL else str(cur)
                if tgt != NO_LEVEL and tgt > max(cur, 0):
                    text = f"{text}→{tgt}"
                gap = req != NO_LEVEL and max(cur, 0) < req
                # Only a marked cell needs its own drawing; the rest stay plain text (fast).
                cells.append(level_cell(text, cell_w - 2, gap) if gap else text)
                if cur != NO_LEVEL:
                    col = c - start + 1
                    style.append(("BACKGROUND", (col, r), (col, r), level_colours[cur]))
            rows.append(cells)
        table = Table(
            rows,
            colWidths=[NAME_WIDTH] + [cell_w] * len(chunk),
            rowHeights=[GROUP_HEIGHT * 2, HEADER_HEIGHT] + [None] * len(data.people),
            repeatRows=2,
            hAlign="LEFT",
        )
        table.setStyle(TableStyle(style))
        story.append(table)

    # The legend after the matrix, on the same page when it fits.
    legend_rows: list[list[Any]] = [
        [
            Paragraph(escape(data.labels["level"]), head_style),
            Paragraph(escape(data.labels["meaning"]), head_style),
            Paragraph(escape(data.labels["descriptor"]), head_style),
        ]
    ]
    for line in data.legend:
        legend_rows.append(
            [
                str(line.level),
                Paragraph(escape(line.label), normal),
                Paragraph(escape(line.descriptor), normal),
            ]
        )
    legend = Table(legend_rows, colWidths=[40, 150, usable - 190], hAlign="LEFT")
    legend_style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, grid),
    ]
    for i, line in enumerate(data.legend, start=1):
        legend_style.append(("BACKGROUND", (0, i), (0, i), level_colours[line.level]))
    legend.setStyle(TableStyle(legend_style))
    story += [
        CondPageBreak(60 * mm),
        Spacer(1, 10),
        Paragraph(escape(data.labels["legend"]), head_style),
        Spacer(1, 4),
        legend,
        Spacer(1, 6),
        Paragraph(escape(data.labels["target_mark"]), normal),
        Paragraph(escape(data.labels["gap_mark"]), normal),
        Paragraph(escape(data.labels["not_rated"]), normal),
    ]

    frame = DocumentFrame(
        running_head=f"{data.title} · {data.subtitle}",
        footer=f"{data.title} · {data.subtitle}",
        page_label=data.labels["page"],
        confidential=data.labels["confidential"],
    )
    return render_pdf(
        story,
        pagesize=(page_w, page_h),
        margins=margins,
        frame=frame,
        title=data.title,
        subject=data.subtitle,
        lang=data.language,
    )
