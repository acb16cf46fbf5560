"""The workplace development plan (työyhteisön kehittämissuunnitelma) as the owner edited it."""

from __future__ import annotations

from typing import Any

from huoltamo_desktop.i18n import N_, translator_for
from huoltamo_desktop.reports.fonts import FONT, escape, register_fonts
from huoltamo_desktop.reports.layout import content_width, heading, render_pdf, text_styles


def build_plan_pdf(data: Any) -> bytes:
    """``data`` is a services.home_reports.PlanDraft; returns A4 PDF bytes."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    register_fonts()
    t = translator_for(data.language).gettext
    margins = (20 * mm, 20 * mm, 20 * mm, 18 * mm)
    styles = text_styles()
    title = t(N_("Workplace development plan {year}")).format(year=data.year)
    story: list[Any] = [
        Paragraph(escape(title), styles.title),
        Paragraph(escape(data.firm_name), styles.small),
        Spacer(1, 4 * mm),
        Paragraph(escape(data.duty_note), styles.small),
        Spacer(1, 2 * mm),
    ]
    for section in data.sections:
        story += heading(escape(section.title), styles.h2)
        if section.text.strip():
            story.append(Paragraph(escape(section.text.strip()), styles.base))
        else:
            story.append(Paragraph(escape(section.guide), styles.small))
            story.append(Spacer(1, 16 * mm))
    story.append(Spacer(1, 10 * mm))
    width = content_width(A4, margins)
    gap = 14 * mm
    label = escape(t(N_("Date and signature")))
    signatures = Table(
        [
            ["", "", ""],
            [
                Paragraph(label + "<br/>" + escape(t(N_("For the employer"))), styles.cell),
                "",
                Paragraph(label + "<br/>" + escape(t(N_("For the staff"))), styles.cell),
            ],
        ],
        colWidths=[(width - gap) / 2, gap, (width - gap) / 2],
        rowHeights=[14 * mm, None],
        hAlign="LEFT",
    )
    signatures.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 1), (0, 1), 0.7, colors.black),
                ("LINEABOVE", (2, 1), (2, 1), 0.7, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(
        KeepTogether(
            [
                Paragraph(escape(t(N_("Drawn up together with the staff."))), styles.small),
                signatures,
            ]
        )
    )
    footer = t(N_("Page {number} of {total}"))

    def on_page(canvas: Any, page: int, total: int) -> None:
        page_w, page_h = A4
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(margins[0], page_h - 12 * mm, data.firm_name)
        canvas.drawRightString(page_w - margins[1], page_h - 12 * mm, title)
        canvas.drawRightString(
            page_w - margins[1], 10 * mm, footer.format(number=page, total=total)
        )

    return render_pdf(
        story,
        pagesize=A4,
        margins=margins,
        on_page=on_page,
        title=title,
        author=data.firm_name,
        lang=data.language,
    )
