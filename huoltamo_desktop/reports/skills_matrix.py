"""The skills matrix as a landscape PDF that stays readable with many skills.

Skills are split into column chunks that fit the page; each chunk is a table
whose header row (skill names written upwards) repeats on every page. The
legend comes first. Plain data in, PDF bytes out.
"""

from __future__ import annotations

from typing import Any

from huoltamo_desktop.domain.skills import LEVEL_COLOURS, MatrixExport
from huoltamo_desktop.reports.fonts import FONT, FONT_BOLD, escape, register_fonts
from huoltamo_desktop.reports.layout import render_pdf, shorten

NO_LEVEL = -1
NAME_WIDTH = 150.0
CELL_WIDTH = 21.0
HEADER_HEIGHT = 112.0


def _vertical_text_class() -> Any:
    from reportlab.platypus import Flowable

    class VerticalText(Flowable):  # type: ignore[misc]
        """A skill name written upwards, shortened with … to fit the header."""

        def __init__(self, text: str, size: float = 7.0, height: float = HEADER_HEIGHT - 8) -> None:
            super().__init__()
            self.size = size
            self.height = height
            self.text = shorten(text, FONT, size, height)

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return self.size + 2, self.height

        def draw(self) -> None:
            c = self.canv
            c.saveState()
            c.setFont(FONT, self.size)
            c.translate(self.size, 0)
            c.rotate(90)
            c.drawString(0, 0, self.text)
            c.restoreState()

    return VerticalText


def build_matrix_pdf(data: MatrixExport) -> bytes:
    """A landscape A4 PDF: legend, then the matrix in column chunks with repeated headers."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

    register_fonts()
    vertical = _vertical_text_class()
    page_w, page_h = landscape(A4)
    margin = 12 * mm
    usable = page_w - 2 * margin
    fits = max(5, int((usable - NAME_WIDTH) // CELL_WIDTH))
    # Chunks of even size: 66 skills as 22 + 22 + 22, not 29 + 29 + a lonely 8.
    chunks = -(-len(data.skills) // fits)
    per_chunk = -(-len(data.skills) // chunks) if chunks else fits

    title_style = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4)
    normal = ParagraphStyle("normal", fontName=FONT, fontSize=9, leading=11.5)
    name_style = ParagraphStyle("name", fontName=FONT, fontSize=7.5, leading=8.8)
    head_style = ParagraphStyle("head", fontName=FONT_BOLD, fontSize=8, leading=10)

    level_colours = {k: colors.HexColor(v) for k, v in LEVEL_COLOURS.items()}
    red = colors.HexColor("#c62828")
    grid = colors.HexColor("#b0b6bb")

    def on_page(canvas: Any, page: int, total: int) -> None:
        canvas.setFont(FONT_BOLD, 9)
        canvas.drawString(margin, page_h - margin + 10, data.title)
        canvas.setFont(FONT, 8)
        room = usable - stringWidth(data.title, FONT_BOLD, 9) - 24
        canvas.drawRightString(
            page_w - margin, page_h - margin + 10, shorten(data.subtitle, FONT, 8, room)
        )
        canvas.drawRightString(
            page_w - margin, margin - 16, data.labels["page"].format(page=page, total=total)
        )

    story: list[Any] = [
        Paragraph(escape(data.title), title_style),
        Paragraph(escape(data.subtitle), normal),
        Spacer(1, 8),
        Paragraph(escape(data.labels["legend"]), head_style),
        Spacer(1, 4),
    ]
    legend_rows = [
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
    legend_style = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, grid),
    ]
    for i, line in enumerate(data.legend, start=1):
        legend_style.append(("BACKGROUND", (0, i), (0, i), level_colours[line.level]))
    legend.setStyle(TableStyle(legend_style))
    story += [
        legend,
        Spacer(1, 6),
        Paragraph(escape(data.labels["target_mark"]), normal),
        Paragraph(escape(data.labels["gap_mark"]), normal),
        Paragraph(escape(data.labels["not_rated"]), normal),
    ]

    total = len(data.skills)
    for start in range(0, total, per_chunk):
        end = min(total, start + per_chunk)
        story.append(PageBreak() if start else Spacer(1, 10))
        range_text = data.labels["skills_range"].format(first=start + 1, last=end, total=total)
        header: list[Any] = [
            Paragraph(
                f"{escape(data.labels['name'])}<br/><font size='6.5'>{escape(range_text)}</font>",
                head_style,
            )
        ]
        header += [vertical(name) for name, _category in data.skills[start:end]]
        rows: list[list[Any]] = [header]
        style: list[Any] = [
            ("FONT", (1, 1), (-1, -1), FONT, 7),
            ("ALIGN", (1, 1), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
            ("INNERGRID", (0, 0), (-1, -1), 0.25, grid),
            ("BOX", (0, 0), (-1, -1), 0.5, grid),
            ("LEFTPADDING", (1, 0), (-1, -1), 1),
            ("RIGHTPADDING", (1, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 1), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ]
        for r, (name, team, job_title) in enumerate(data.people, start=1):
            sub = " · ".join(x for x in (job_title, team) if x)
            cells: list[Any] = [
                Paragraph(
                    f"{escape(name)}<br/><font size='6' color='#555555'>{escape(sub)}</font>",
                    name_style,
                )
            ]
            for c in range(start, end):
                cur = data.current[r - 1][c]
                tgt = data.target[r - 1][c]
                req = data.required[r - 1][c]
                text = "" if cur == NO_LEVEL else str(cur)
                if tgt != NO_LEVEL and tgt > max(cur, 0):
                    text = f"{text}→{tgt}"
                cells.append(text)
                col = c - start + 1
                if cur != NO_LEVEL:
                    style.append(("BACKGROUND", (col, r), (col, r), level_colours[cur]))
                if req != NO_LEVEL and max(cur, 0) < req:
                    style.append(("LINEBELOW", (col, r), (col, r), 1.6, red))
            rows.append(cells)
        table = Table(
            rows,
            colWidths=[NAME_WIDTH] + [CELL_WIDTH] * (end - start),
            rowHeights=[HEADER_HEIGHT] + [None] * len(data.people),
            repeatRows=1,
            hAlign="LEFT",
        )
        table.setStyle(TableStyle(style))
        story.append(table)

    return render_pdf(
        story,
        pagesize=(page_w, page_h),
        margins=(margin, margin, margin + 6, margin),
        on_page=on_page,
        title=data.title,
        subject=data.subtitle,
    )
