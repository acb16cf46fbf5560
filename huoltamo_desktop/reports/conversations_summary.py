"""The printed summary of a conversation, signed by both.

Plain data in (``SummaryData``, already in the document language), PDF bytes
out. Headings are translated into the document language, which is the
person's, not the user's. The manager's private notes are not part of
``SummaryData`` at all, so they cannot reach the paper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from huoltamo_desktop.domain.conversations import SummaryAction, SummaryData
from huoltamo_desktop.i18n import N_, format_date, translator_for
from huoltamo_desktop.reports.fonts import escape, register_fonts
from huoltamo_desktop.reports.layout import (
    DocumentFrame,
    Signer,
    content_width,
    heading,
    render_pdf,
    ruled_table_style,
    signature_block,
    text_styles,
)

if TYPE_CHECKING:
    from gettext import NullTranslations

    from reportlab.platypus import Flowable


def _frame(data: SummaryData, tr: NullTranslations) -> DocumentFrame:
    """Every page names the person, the kind, the date and the version, so a loose page is known."""
    lang = data.language
    t = tr.gettext
    version = t(N_("Version {number}")).format(number=data.version)
    state = t(N_("Draft")) if data.is_draft else t(N_("Final"))
    footer = " · ".join(
        x
        for x in (
            data.employee_label,
            data.kind_name,
            format_date(data.held_on, lang),
            f"{version} ({state.lower()})",
        )
        if x
    )
    return DocumentFrame(
        running_head=data.firm_name,
        footer=footer,
        page_label=t(N_("Page {number} of {total}")),
        confidential=t(N_("Confidential")),
        # TRANSLATORS: written in capitals across every page of a summary that is not final
        watermark=tr.pgettext("watermark", "DRAFT") if data.is_draft else "",
    )


def build_summary_pdf(data: SummaryData) -> bytes:
    """Render the summary on A4 and return the PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

    register_fonts()
    tr = translator_for(data.language)
    t = tr.gettext
    lang = data.language
    margins = (20 * mm, 20 * mm, 22 * mm, 20 * mm)
    width = content_width(A4, margins)
    styles = text_styles()
    base, title, h2, h3 = styles.base, styles.title, styles.h2, styles.h3
    cell, cell_head = styles.cell, styles.cell_head

    story: list[Flowable] = []
    story.append(Paragraph(escape(data.kind_name), title))
    story.append(Spacer(1, 4 * mm))

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
    version = t(N_("Version {number}")).format(number=data.version)
    if data.is_draft:
        state = t(N_("Draft – not yet final"))
    elif data.finalised_on is not None:
        state = t(N_("Final since {date}")).format(date=format_date(data.finalised_on, lang))
    else:
        state = t(N_("Final"))
    version_lines = [f"{escape(version)} · {escape(state)}"]
    if data.replaces_version is not None:
        if data.replaces_finalised_on is not None:
            replaces = t(N_("Replaces version {number} of {date}.")).format(
                number=data.replaces_version, date=format_date(data.replaces_finalised_on, lang)
            )
        else:
            replaces = t(N_("Replaces version {number}.")).format(number=data.replaces_version)
        version_lines.append(escape(replaces))
    rows.append(
        [Paragraph(t(N_("Version")), cell_head), Paragraph("<br/>".join(version_lines), cell)]
    )
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
        head = [t(N_("Action")), t(N_("Who")), due_head, last_head]
        widths = [width - 98 * mm, 34 * mm, 27 * mm, 37 * mm]
        body: list[list[Flowable | str]] = [[Paragraph(escape(h), cell_head) for h in head]]
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

    # The closing topic's note ("agreed next steps") goes here, under the one heading.
    story += heading(t(N_("What we agreed")), h2)
    if data.agreed_note.strip():
        story.append(Paragraph(escape(data.agreed_note), base))
        story.append(Spacer(1, 2 * mm))
    if data.actions:
        story.append(action_table(data.actions, with_status=False))
    elif not data.agreed_note.strip():
        story.append(Paragraph(t(N_("We did not agree on any new actions.")), base))

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

    # A draft is never signed: it says so instead of offering lines to sign on. The final
    # version's lines never stand on a page of their own: the sentence they confirm goes too.
    if data.is_draft:
        closing: list[Flowable] = [
            Spacer(1, 8 * mm),
            Paragraph(
                "<b>"
                + escape(t(N_("This is a draft and is not signed.")))
                + "</b> "
                + escape(
                    t(N_("Both sign the final version once the summary has been marked final."))
                ),
                base,
            ),
        ]
    else:
        if data.is_group:
            signers = [Signer(t(N_("For the team"))), Signer(t(N_("Manager")), data.manager_name)]
        else:
            signers = [
                Signer(t(N_("Employee")), data.employee_label),
                Signer(t(N_("Manager")), data.manager_name),
            ]
        closing = [
            Spacer(1, 10 * mm),
            Paragraph(escape(t(N_("We have read the summary and agree with it."))), base),
            Spacer(1, 4 * mm),
            signature_block(
                signers,
                width=width,
                styles=styles,
                date_and_signature=t(N_("Date and signature")),
                printed_name=t(N_("Name in capitals")),
            ),
        ]
    story.append(KeepTogether([*next_conversation, *closing]))

    return render_pdf(
        story,
        pagesize=A4,
        margins=margins,
        frame=_frame(data, tr),
        title=f"{data.kind_name} – {data.employee_label}",
        author=data.firm_name,
        lang=data.language,
    )
