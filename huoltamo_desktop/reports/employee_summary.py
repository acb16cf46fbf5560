"""The employee's own summary: self-assessment with a chart, chosen exercises, career plan.

Plain data in (``SummaryData``, texts already in the person's language), PDF
bytes out. Headings come from the person's language too (``translator_for``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from huoltamo_desktop.domain.employee import SummaryData, steps_in_date_order
from huoltamo_desktop.i18n import N_, format_date, format_number, translator_for
from huoltamo_desktop.reports.fonts import FONT, escape, register_fonts
from huoltamo_desktop.reports.layout import (
    DocumentFrame,
    content_width,
    heading,
    render_pdf,
    ruled_table_style,
    shorten,
    text_styles,
)

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import Flowable

CURRENT = "#2f6f8f"
PREVIOUS = "#b9cfdb"


def _chart(data: SummaryData, width: float, t: Callable[[str], str]) -> Drawing:
    """Horizontal bars per area on the 1–5 scale, the previous assessment as a thinner bar below."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.colors import Color
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def _bar(x: float, y: float, w: float, h: float, colour: Color) -> Rect:
        """A filled bar without an outline."""
        bar = Rect(x, y, w, h)
        bar.fillColor = colour
        bar.strokeColor = None
        return bar

    row_h = 30
    # A long area name takes two lines rather than running past the left margin.
    label_max = width * 0.42 - 8
    labels = []
    for area in data.areas:
        lines = simpleSplit(area.title, FONT, 8.5, label_max) or [""]
        if len(lines) > 2:
            lines = [lines[0], shorten(" ".join(lines[1:]), FONT, 8.5, label_max)]
        labels.append(lines)
    label_w = min(
        width * 0.42,
        max((stringWidth(line, FONT, 8.5) for lines in labels for line in lines), default=0) + 8,
    )
    bar_x = label_w + 6
    bar_w = width - bar_x - 34
    height = row_h * len(data.areas) + 34
    d = Drawing(width, height)
    top = height - 8
    for tick in range(1, 6):
        x = bar_x + bar_w * tick / 5
        d.add(Line(x, 22, x, top, strokeColor=colors.HexColor("#dddddd"), strokeWidth=0.5))
        d.add(String(x, 12, str(tick), fontName=FONT, fontSize=7, textAnchor="middle"))
    for i, area in enumerate(data.areas):
        y = top - (i + 1) * row_h + 6
        lines = labels[i]
        first = y + 8 if len(lines) == 1 else y + 13
        for n, line in enumerate(lines):
            d.add(
                String(label_w, first - 10 * n, line, fontName=FONT, fontSize=8.5, textAnchor="end")
            )
        if area.score is not None:
            d.add(_bar(bar_x, y + 6, bar_w * area.score / 5, 12, colors.HexColor(CURRENT)))
        if area.previous is not None:
            d.add(_bar(bar_x, y, bar_w * area.previous / 5, 5, colors.HexColor(PREVIOUS)))
        label = (
            format_number(area.score, data.language, digits=1) if area.score is not None else "–"
        )
        d.add(String(bar_x + bar_w + 4, y + 8, label, fontName=FONT, fontSize=8.5))
    this_time = t(N_("This time"))
    d.add(_bar(bar_x, 0, 10, 7, colors.HexColor(CURRENT)))
    d.add(String(bar_x + 14, 0, this_time, fontName=FONT, fontSize=7.5))
    if any(a.previous is not None for a in data.areas):
        x = bar_x + max(110, 14 + stringWidth(this_time, FONT, 7.5) + 16)
        d.add(_bar(x, 0, 10, 7, colors.HexColor(PREVIOUS)))
        d.add(String(x + 14, 0, t(N_("Previous assessment")), fontName=FONT, fontSize=7.5))
    return d


def build_summary_pdf(data: SummaryData) -> bytes:
    """Render the summary on A4 and return the PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

    register_fonts()
    t = translator_for(data.language).gettext
    lang = data.language
    margins = (20 * mm, 20 * mm, 22 * mm, 20 * mm)
    width = content_width(A4, margins)
    styles = text_styles(
        h2_size=12.5, h2_leading=16, h2_space_before=12, cell_size=9.5, cell_leading=12
    )
    base, small, title, h2, h3, cell = (
        styles.base,
        styles.small,
        styles.title,
        styles.h2,
        styles.h3,
        styles.cell,
    )
    item = ParagraphStyle("item", parent=base, spaceAfter=3)  # one of several short entries
    reflection = ParagraphStyle("refl", parent=item, leftIndent=10)

    story: list[Flowable] = [
        Paragraph(escape(t(N_("My summary"))), title),
        Paragraph(escape(data.person_name), base),
        Paragraph(
            escape(t(N_("Made on {date}")).format(date=format_date(data.made_on, lang))), small
        ),
        Spacer(1, 4 * mm),
    ]

    story += heading(escape(t(N_("Self-assessment of career management skills"))), h2)
    if data.assessed_on is None:
        story.append(Paragraph(escape(t(N_("No self-assessment has been finished yet."))), base))
    else:
        line = t(N_("Assessed on {date}.")).format(date=format_date(data.assessed_on, lang))
        if data.previous_on is not None:
            line += " " + t(N_("Compared with the assessment of {date}.")).format(
                date=format_date(data.previous_on, lang)
            )
        story.append(Paragraph(escape(line), base))
        story.append(Spacer(1, 3 * mm))
        story.append(_chart(data, width, t))
        if data.scale_low and data.scale_high:
            # TRANSLATORS: below the chart of the self-assessment; {low} and {high} are the
            # meanings of the answers 1 and 5, e.g. "Does not describe me at all"
            scale = t(
                N_(
                    "Each bar is the mean of your answers in the area, from 1 ({low}) "
                    "to 5 ({high})."
                )
            ).format(low=data.scale_low.lower(), high=data.scale_high.lower())
            story.append(Spacer(1, 2 * mm))
            story.append(Paragraph(escape(scale), small))
        # The words about strengths speak to the reader ("you"), and so do their headings.
        if data.strengths:
            story += heading(escape(t(N_("Your strongest areas"))), h3, room=50)
            for area, text in data.strengths:
                story.append(Paragraph(f"<b>{escape(area)}.</b> {escape(text)}", item))
        if data.to_develop:
            story += heading(escape(t(N_("Areas you could develop"))), h3, room=50)
            for area, text in data.to_develop:
                story.append(Paragraph(f"<b>{escape(area)}.</b> {escape(text)}", item))

    story += heading(escape(t(N_("My exercises"))), h2)
    if not data.exercises:
        story.append(Paragraph(escape(t(N_("No exercises chosen yet."))), base))
    for ex in data.exercises:
        state = t(N_("done")) if ex.done else t(N_("in progress"))
        entry = f"<b>{escape(ex.title)}</b> · {escape(ex.area)} · {escape(state)}"
        if ex.reflection:
            story.append(
                KeepTogether([Paragraph(entry, base), Paragraph(escape(ex.reflection), reflection)])
            )
        else:
            story.append(Paragraph(entry, item))

    story += heading(escape(t(N_("My career plan"))), h2)
    if not data.plan_sections and not data.next_steps:
        story.append(Paragraph(escape(t(N_("The career plan is still empty."))), base))
    for section, text in data.plan_sections:
        story.append(KeepTogether([Paragraph(escape(section), h3), Paragraph(escape(text), base)]))
    if data.next_steps:
        story += heading(escape(t(N_("Next steps"))), h3, room=50)
        rows = [
            [
                Paragraph(escape(t(N_("Step"))), styles.cell_head),
                # TRANSLATORS: heading of the column of dates of the next steps in a career plan
                Paragraph(escape(t(N_("When"))), styles.cell_head),
            ]
        ]
        rows += [
            [
                Paragraph(escape(text), cell),
                Paragraph(escape(format_date(when, lang)) if when else "–", cell),
            ]
            for text, when in steps_in_date_order(data.next_steps)
        ]
        table = Table(rows, colWidths=[width - 35 * mm, 35 * mm], hAlign="LEFT", repeatRows=1)
        table.setStyle(ruled_table_style(padding=None))
        story.append(table)

    frame = DocumentFrame(
        running_head=data.firm_name or data.person_name,
        footer=" · ".join(
            (
                data.person_name,
                t(N_("My summary")),
                t(N_("Made on {date}")).format(date=format_date(data.made_on, lang)),
            )
        ),
        page_label=t(N_("Page {number} of {total}")),
        confidential=t(N_("Personal")),
    )

    return render_pdf(
        story,
        pagesize=A4,
        margins=margins,
        frame=frame,
        title=t(N_("My summary")),
        author=data.person_name,
        lang=lang,
    )
