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


def heading(text: str, style: Any, *, room: float = 70) -> list[Any]:
    """A heading that starts a new page rather than stand alone at the foot of one.

    ``text`` is markup (escape user text). ``room`` is how much space, in points, must
    be left below the heading; less than that and it moves to the next page.
    Unlike ``keepWithNext`` this never drags a long table after it onto a new page.
    """
    from reportlab.platypus import CondPageBreak, Paragraph

    return [CondPageBreak(room), Paragraph(text, style)]


def shorten(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with … so that it fits ``width`` points in ``font`` at ``size``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while len(text) > 1 and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


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


def _page_furniture_canvas(draw: Callable[[Any, int, int], None]) -> Any:
    """A canvas that draws each page's header and footer once the number of pages is known."""
    from reportlab.pdfgen.canvas import Canvas

    class PageFurnitureCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.saveState()
                draw(self, number, total)
                self.restoreState()
                super().showPage()
            super().save()

    return PageFurnitureCanvas


def render_pdf(
    story: list[Any],
    *,
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],
    on_page: Callable[[Any, int, int], None],
    title: str,
    author: str | None = None,
    subject: str | None = None,
    lang: str | None = None,
) -> bytes:
    """Lay out ``story`` and return the PDF bytes.

    ``margins`` are left, right, top and bottom in points; the text fills the
    space between them exactly (no extra frame padding), so tables as wide as
    ``content_width`` line up with the header and footer. ``on_page(canvas,
    page, total)`` draws each page's header and footer, with the page count
    known, so footers can say "page 2 of 3".
    """
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    left, right, top, bottom = margins
    buffer = BytesIO()
    doc = BaseDocTemplate(
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
    frame = Frame(
        left,
        bottom,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_page_furniture_canvas(on_page))
    return buffer.getvalue()


def content_width(
    pagesize: tuple[float, float], margins: tuple[float, float, float, float]
) -> float:
    """The width between the left and right margins: what a full-width table may take."""
    return pagesize[0] - margins[0] - margins[1]
