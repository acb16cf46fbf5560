"""The workplace development plan (työyhteisön kehittämissuunnitelma) as the owner edited it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from huoltamo_desktop.i18n import N_, translator_for
from huoltamo_desktop.reports.fonts import escape, register_fonts
from huoltamo_desktop.reports.layout import (
    DocumentFrame,
    Signer,
    content_width,
    heading,
    render_pdf,
    signature_block,
    text_styles,
)

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


def build_plan_pdf(data: Any) -> bytes:
    """``data`` is a services.home_reports.PlanDraft; returns A4 PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    register_fonts()
    t = translator_for(data.language).gettext
    margins = (20 * mm, 20 * mm, 20 * mm, 18 * mm)
    styles = text_styles()
    title = t(N_("Workplace development plan {year}")).format(year=data.year)
    story: list[Flowable] = [
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
    story.append(
        KeepTogether(
            [
                Paragraph(escape(t(N_("Drawn up together with the staff."))), styles.small),
                signature_block(
                    [Signer(t(N_("For the employer"))), Signer(t(N_("For the staff")))],
                    width=content_width(A4, margins),
                    styles=styles,
                    date_and_signature=t(N_("Date and signature")),
                    printed_name=t(N_("Name in capitals")),
                ),
            ]
        )
    )
    frame = DocumentFrame(
        running_head=data.firm_name,
        footer=title,
        page_label=t(N_("Page {number} of {total}")),
    )

    return render_pdf(
        story,
        pagesize=A4,
        margins=margins,
        frame=frame,
        title=title,
        author=data.firm_name,
        lang=data.language,
    )
