"""The printed summary of a conversation, signed by both.

Plain data in (``SummaryData``, already in the document language), PDF bytes
out. Headings are translated into the document language, which is the
person's, not the user's. The manager's private notes are not part of
``SummaryData`` at all, so they cannot reach the paper.
"""

from __future__ import annotations

from typing import Any

from huoltamo_desktop.domain.conversations import ConversationState, SummaryAction, SummaryData
from huoltamo_desktop.i18n import N_, format_date, translator_for
from huoltamo_desktop.reports.fonts import FONT, FONT_BOLD, escape, register_fonts
from huoltamo_desktop.reports.layout import (
    content_width,
    heading,
    render_pdf,
    ruled_table_style,
    shorten,
    text_styles,
)


def build_summary_pdf(data: SummaryData) -> bytes:
    """Render the summary on A4 and return the PDF bytes."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    register_fonts()
    tr = translator_for(data.language)
    t = tr.gettext
    lang = data.language
    margins = (20 * mm, 20 * mm, 20 * mm, 18 * mm)
    width = content_width(A4, margins)
    styles = text_styles()
    base, small, title, h2, h3 = styles.base, styles.small, styles.title, styles.h2, styles.h3
    cell, cell_head = styles.cell, styles.cell_head

    story: list[Any] = []
    story.append(Paragraph(escape(data.kind_name), title))
    story.append(Paragraph(escape(data.firm_name), small))
    story.append(Spacer(1, 6 * mm))

    who_label = t(N_("Team")) if data.is_group else t(N_("Employee"))
    who = f"<b>{escape(data.employee_label)}</b>"
    if data.employee_detail:
        detail = data.employee_detail
        if data.is_group:
            # The members' names: a line may break between two names, never inside one.
            detail = ", ".join(name.replace(" ", "\u00a0") for name in detail.split(", "))
        who += "<br/>" + escape(detail)
    rows = [
        [
            Paragraph(t(N_("Date")), cell_head),
            Paragraph(escape(format_date(data.held_on, lang)), cell),
        ],
        [Paragraph(escape(who_label), cell_head), Paragraph(who, cell)],
        [Paragraph(t(N_("Manager")), cell_head), Paragraph(escape(data.manager_name or "–"), cell)],
    ]
    details = Table(rows, colWidths=[38 * mm, width - 38 * mm], hAlign="LEFT")
    details.setStyle(ruled_table_style())
    story.append(details)

    story += heading(t(N_("What we discussed")), h2)
    if data.topics:
        for topic in data.topics:
            story.append(
                KeepTogether(
                    [Paragraph(escape(topic.title), h3), Paragraph(escape(topic.note), base)]
                )
            )
    else:
        story.append(Paragraph(t(N_("No notes were written for the summary.")), base))

    def action_table(actions: list[SummaryAction], with_status: bool) -> Table:
        last_head = t(N_("Status")) if with_status else t(N_("Kind"))
        # TRANSLATORS: column of the date by which an agreed action is to be done
        due_head = t(N_("Due by"))
        head = [t(N_("What was agreed")), t(N_("Who")), due_head, last_head]
        widths = [width - 98 * mm, 34 * mm, 27 * mm, 37 * mm]
        body: list[list[Any]] = [[Paragraph(escape(h), cell_head) for h in head]]
        for a in actions:
            what = escape(a.what)
            if a.skill:
                what += "<br/><font size='8' color='#555555'>" + escape(
                    t(N_("Skill: {name}")).format(name=a.skill)
                )
                what += "</font>"
            last = a.status if with_status else a.kind
            body.append(
                [
                    Paragraph(what, cell),
                    Paragraph(escape(a.owner), cell),
                    Paragraph(escape(format_date(a.due_on, lang) if a.due_on else "–"), cell),
                    Paragraph(escape(last), cell),
                ]
            )
        table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(ruled_table_style(rule="#bbbbbb", header_fill="#e6eef1", flush_left=False))
        return table

    story += heading(t(N_("Agreed actions")), h2)
    if data.actions:
        story.append(action_table(data.actions, with_status=False))
    else:
        story.append(Paragraph(t(N_("No actions were agreed.")), base))

    if data.carried:
        story += heading(t(N_("Actions agreed earlier")), h2)
        story.append(action_table(data.carried, with_status=True))

    next_conversation = [
        Paragraph(t(N_("Next conversation")), h2),
        Paragraph(
            escape(format_date(data.next_on, lang)) if data.next_on else t(N_("Not agreed yet.")),
            base,
        ),
    ]

    # Signatures: both sign that the summary matches what was agreed. The lines never
    # stand on a page of their own: the last section and the sentence they confirm go with them.
    left_name = data.employee_label if not data.is_group else t(N_("For the team"))
    right_name = data.manager_name or t(N_("Manager"))
    signature_label = escape(t(N_("Date and signature")))
    gap = 14 * mm
    sig = Table(
        [
            ["", "", ""],
            [
                Paragraph(signature_label + "<br/>" + escape(left_name), cell),
                "",
                Paragraph(signature_label + "<br/>" + escape(right_name), cell),
            ],
        ],
        colWidths=[(width - gap) / 2, gap, (width - gap) / 2],
        rowHeights=[4 * mm, None],
        hAlign="LEFT",
    )
    sig.setStyle(
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
                *next_conversation,
                Spacer(1, 12 * mm),
                Paragraph(t(N_("We have read the summary and agree with it.")), small),
                Spacer(1, 14 * mm),
                sig,
            ]
        )
    )

    draft = data.state != ConversationState.FINAL
    header_left = data.firm_name
    header_right = t(N_("Confidential"))
    version_text = t(N_("Version {number}")).format(number=data.version)
    state_text = t(N_("Draft – not yet final")) if draft else t(N_("Final"))

    footer_left = f"{data.kind_name} · {format_date(data.held_on, lang)}"
    page_text = t(N_("Page {number} of {total}"))

    def on_page(canvas: Any, page: int, total: int) -> None:
        page_w, page_h = A4
        left, right = margins[0], page_w - margins[1]
        # A long firm name is cut short rather than run under the draft mark in the middle.
        side = (right - left) / 2 - (stringWidth(state_text, FONT_BOLD, 9) / 2 + 8 if draft else 8)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(left, page_h - 12 * mm, shorten(header_left, FONT, 8, side))
        canvas.drawRightString(right, page_h - 12 * mm, shorten(header_right, FONT, 8, side))
        canvas.setStrokeColor(colors.HexColor("#cccccc"))
        canvas.line(left, page_h - 14 * mm, right, page_h - 14 * mm)
        canvas.drawString(left, 10 * mm, footer_left)
        canvas.drawRightString(
            right,
            10 * mm,
            f"{version_text} · {state_text} · {page_text.format(number=page, total=total)}",
        )
        if draft:
            canvas.setFont(FONT_BOLD, 9)
            canvas.setFillColor(colors.HexColor("#b00020"))
            canvas.drawCentredString(page_w / 2, page_h - 12 * mm, state_text)

    return render_pdf(
        story,
        pagesize=A4,
        margins=margins,
        on_page=on_page,
        title=f"{data.kind_name} – {data.employee_label}",
        author=data.firm_name,
        lang=data.language,
    )
