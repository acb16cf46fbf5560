"""What the PDF reports share: paragraph styles, ruled tables and the document build.

The conversation summary and the employee's own summary are the same kind of
A4 document (title, teal section headings, ruled tables), so they take their
styles from here and look alike. ReportLab is imported inside the functions:
the first window does not need it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from huoltamo_desktop.reports.fonts import FONT, FONT_BOLD

HEADING_COLOUR = "#1f4e5f"
SOFT_TEXT = "#444444"
RULE_COLOUR = "#cccccc"


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a portrait report."""

    base: Any
    small: Any
    title: Any
    h2: Any
    h3: Any
    cell: Any
    cell_head: Any


def text_styles(
    *,
    h2_size: float = 12,
    h2_leading: float = 15,
    h2_space_before: float = 10,
    cell_size: float = 9,
    cell_leading: float = 11.5,
) -> Styles:
    """Body text, small print, title, two heading levels and table cells."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=FONT, fontSize=10, leading=13.5)
    cell = ParagraphStyle("cell", parent=base, fontSize=cell_size, leading=cell_leading)
    return Styles(
        base=base,
        small=ParagraphStyle(
            "small", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor(SOFT_TEXT)
        ),
        title=ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=2
        ),
        h2=ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=h2_size,
            leading=h2_leading,
            spaceBefore=h2_space_before,
            spaceAfter=4,
            textColor=colors.HexColor(HEADING_COLOUR),
        ),
        h3=ParagraphStyle(
            "h3",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=1,
        ),
        cell=cell,
        cell_head=ParagraphStyle("cellhead", parent=cell, fontName=FONT_BOLD),
    )


def ruled_table_style(
    *,
    rule: str = RULE_COLOUR,
    header_fill: str | None = None,
    padding: tuple[float, float] | None = (3, 4),
    flush_left: bool = True,
) -> Any:
    """Rows with a thin rule below each, text at the top; optionally a tinted header row."""
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    commands: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header_fill is not None:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(header_fill)))
    commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor(rule)))
    if padding is not None:
        top, bottom = padding
        commands += [
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ]
    if flush_left:
        commands.append(("LEFTPADDING", (0, 0), (-1, -1), 0))
    return TableStyle(commands)


def render_pdf(
    story: list[Any],
    *,
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],
    on_page: Callable[[Any, Any], None],
    title: str,
    author: str | None = None,
    subject: str | None = None,
    lang: str | None = None,
) -> bytes:
    """Lay out ``story`` with ``on_page`` drawing each page's header and footer; the PDF bytes.

    ``margins`` are left, right, top and bottom in points.
    """
    from reportlab.platypus import SimpleDocTemplate

    left, right, top, bottom = margins
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=author,
        subject=subject,
        lang=lang,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
