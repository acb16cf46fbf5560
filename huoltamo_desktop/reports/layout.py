"""What every printed document shares: styles, ruled tables, the page frame and the build.

Every PDF of the app is built the same way, so a new kind of document copies
this pattern:

1. Put its content into plain data (already in the document's language).
2. Describe the page frame with a ``DocumentFrame``: the running head (who
   the paper is from), the footer that names the document on every page
   (person, kind, date, version) with "page X of Y", the confidential mark,
   and for an unfinished document the draft watermark.
3. Build the story with the styles from ``text_styles()``, headings with
   ``heading()``, ruled tables with ``ruled_table_style()`` and, for a
   document that is signed, ``signature_block()`` (a draft gets
   ``draft_signature_note()`` instead: a draft is never signed).
4. ``render_pdf(story, frame=…)`` draws the frame on every page once the
   page count is known.

A loose page can always be attributed and a draft can never pass for the
signed paper. ReportLab is imported inside the functions: the first window
does not need it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

from huoltamo_desktop.reports.fonts import FONT, FONT_BOLD, escape

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable, TableStyle

HEADING_COLOUR = "#1f4e5f"
SOFT_TEXT = "#444444"
RULE_COLOUR = "#cccccc"


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a portrait report."""

    base: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle


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


def heading(text: str, style: ParagraphStyle, *, room: float = 70) -> list[Flowable]:
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
) -> TableStyle:
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


@dataclass(frozen=True)
class DocumentFrame:
    """What every page of a document carries around its content.

    Texts are already in the document's language. ``running_head`` is who the
    paper is from (the firm), ``footer`` what it is (for a conversation: person,
    kind, date and version). ``page_label`` has the placeholders ``{number}``
    and ``{total}``. ``watermark`` is set for a draft (e.g. "LUONNOS") and is
    written across every page.
    """

    running_head: str
    footer: str
    page_label: str
    confidential: str = ""
    watermark: str = ""


WATERMARK_COLOUR = "#c62828"
FRAME_TEXT = "#555555"
_MM = 72 / 25.4  # points in a millimetre


def draw_frame(
    canvas: Canvas,
    frame: DocumentFrame,
    *,
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],
    page: int,
    total: int,
) -> None:
    """The running head, footer and watermark of one page (called once the page count is known)."""
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    page_w, page_h = pagesize
    left, right = margins[0], page_w - margins[1]
    head_y = page_h - margins[2] + 8 * _MM
    foot_y = margins[3] - 8 * _MM
    width = right - left
    canvas.setFillColor(colors.HexColor(FRAME_TEXT))
    canvas.setStrokeColor(colors.HexColor(RULE_COLOUR))

    # Running head: the firm on the left, the mark on the right; the firm name takes
    # all the width the mark leaves it.
    right_text = frame.confidential
    right_w = stringWidth(right_text, FONT_BOLD, 8) if right_text else 0
    canvas.setFont(FONT, 8)
    canvas.drawString(left, head_y, shorten(frame.running_head, FONT, 8, width - right_w - 12))
    if right_text:
        canvas.setFont(FONT_BOLD, 8)
        canvas.drawRightString(right, head_y, right_text)
    canvas.line(left, head_y - 2 * _MM, right, head_y - 2 * _MM)

    # Footer: what this paper is, so that a loose page can be attributed, and page X of Y.
    page_text = frame.page_label.format(number=page, total=total)
    page_w_text = stringWidth(page_text, FONT, 7.5)
    canvas.setFont(FONT, 7.5)
    canvas.line(left, foot_y + 3 * _MM, right, foot_y + 3 * _MM)
    canvas.drawString(left, foot_y, shorten(frame.footer, FONT, 7.5, width - page_w_text - 12))
    canvas.drawRightString(right, foot_y, page_text)

    if frame.watermark:
        # Across the page, light enough to read the text under it, impossible to miss.
        size = min(110.0, 0.8 * (page_w**2 + page_h**2) ** 0.5 / max(1, len(frame.watermark)))
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(WATERMARK_COLOUR))
        canvas.setFillAlpha(0.13)
        canvas.setFont(FONT_BOLD, size)
        canvas.translate(page_w / 2, page_h / 2)
        canvas.rotate(math.degrees(math.atan2(page_h, page_w)))
        canvas.drawCentredString(0, -size / 3, frame.watermark)
        canvas.restoreState()


def _page_furniture_canvas(draw: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that draws each page's header and footer once the number of pages is known."""
    from reportlab.pdfgen.canvas import Canvas

    class PageFurnitureCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's own page reset

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


@dataclass(frozen=True)
class Signer:
    """One person who signs: the role they sign in, and the name printed under the line.

    With no name (e.g. someone signing for a team) the line for the printed
    name is left empty to be written by hand.
    """

    role: str
    name: str = ""


def signature_block(
    signers: list[Signer],
    *,
    width: float,
    styles: Styles,
    date_and_signature: str,
    printed_name: str,
) -> Flowable:
    """Lines to sign on, two signers a row: role, date and signature, and the printed name."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    gap = 14 * _MM
    col = (width - gap) / 2

    def one(signer: Signer) -> Flowable:
        cells: list[list[Flowable | str]] = [
            [Paragraph(escape(signer.role), styles.cell_head)],
            [""],
            [Paragraph(escape(date_and_signature), styles.small)],
            [Paragraph(escape(signer.name), styles.cell)],
            [Paragraph(escape(printed_name), styles.small)],
        ]
        table = Table(cells, colWidths=[col], rowHeights=[None, 14 * _MM, None, 10 * _MM, None])
        table.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LINEBELOW", (0, 1), (0, 1), 0.7, colors.black),
                    ("LINEBELOW", (0, 3), (0, 3), 0.5, colors.black),
                ]
            )
        )
        return table

    rows = []
    for first in range(0, len(signers), 2):
        pair = [one(s) for s in signers[first : first + 2]]
        rows.append([pair[0], "", pair[1] if len(pair) > 1 else ""])
    outer = Table(rows, colWidths=[col, gap, col], hAlign="LEFT")
    outer.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, -1), 8 * _MM),
            ]
        )
    )
    return outer


def render_pdf(
    story: list[Flowable],
    *,
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],
    frame: DocumentFrame | None = None,
    on_page: Callable[[Canvas, int, int], None] | None = None,
    title: str,
    author: str | None = None,
    subject: str | None = None,
    lang: str | None = None,
) -> bytes:
    """Lay out ``story`` and return the PDF bytes.

    ``margins`` are left, right, top and bottom in points; the text fills the
    space between them exactly (no extra frame padding), so tables as wide as
    ``content_width`` line up with the header and footer. ``frame`` is drawn on
    every page with the page count known ("page 2 of 3"); ``on_page(canvas,
    page, total)`` may draw more on top of it.

    The PDF carries its real creation date. Tests that compare bytes set
    ``reportlab.rl_config.invariant`` (see ``tests/conftest.py``).
    """
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    def draw(canvas: Canvas, page: int, total: int) -> None:
        if frame is not None:
            draw_frame(canvas, frame, pagesize=pagesize, margins=margins, page=page, total=total)
        if on_page is not None:
            on_page(canvas, page, total)

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
    body = Frame(
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
    doc.addPageTemplates([PageTemplate(id="page", frames=[body])])
    doc.build(story, canvasmaker=_page_furniture_canvas(draw))
    return buffer.getvalue()


def content_width(
    pagesize: tuple[float, float], margins: tuple[float, float, float, float]
) -> float:
    """The width between the left and right margins: what a full-width table may take."""
    return pagesize[0] - margins[0] - margins[1]
