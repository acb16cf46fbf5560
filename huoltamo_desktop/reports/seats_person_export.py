"""A person's data export as a readable PDF in their own language (plain data in, bytes out)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from huoltamo_desktop.domain.seats import PersonExport
from huoltamo_desktop.i18n import N_, format_date, translator_for
from huoltamo_desktop.reports.fonts import FONT, escape, register_fonts
from huoltamo_desktop.reports.layout import (
    content_width,
    heading,
    render_pdf,
    ruled_table_style,
    text_styles,
)

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable

_RATING_KINDS = {"self": N_("self-rating"), "manager": N_("the manager"), "agreed": N_("agreed")}
_STATES = {
    "draft": N_("draft"),
    "final": N_("final"),
    "open": N_("open"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
    "dropped": N_("dropped"),
    "active": N_("works here"),
    "left": N_("has left"),
}
_ACTIONS = {
    "view": N_("viewed"),
    "change": N_("changed"),
    "export": N_("exported"),
    "erase": N_("erased"),
    "restore": N_("restored a backup"),
}


def _text(value: object, key: str, lang: str, t: Callable[[str], str]) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(t(N_("yes")) if value else t(N_("no")))
    if isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo else value
        return f"{format_date(local, lang)} {local:%H:%M}"
    if isinstance(value, date):
        return format_date(value, lang)
    if key == "kind" and value in _RATING_KINDS:
        return str(t(_RATING_KINDS[value]))
    if key in ("state", "status") and value in _STATES:
        return str(t(_STATES[value]))
    if key == "action" and value in _ACTIONS:
        return t(_ACTIONS[value])
    if key in ("who", "what"):
        return t(str(value))
    return str(value)


def person_export_pdf(export: PersonExport) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table

    register_fonts()
    lang = export.language
    t = translator_for(lang).gettext
    styles = text_styles()
    margins = (20 * mm, 20 * mm, 20 * mm, 18 * mm)
    width = content_width(A4, margins)
    story: list[Flowable] = [
        Paragraph(escape(t(N_("Your data held by the firm"))), styles.title),
        Paragraph(
            escape(
                t(N_("{name} · made on {date} at your request")).format(
                    name=export.name, date=format_date(export.made_at.astimezone(), lang)
                )
            ),
            styles.small,
        ),
        Spacer(1, 4 * mm),
    ]
    story += heading(escape(t(N_("Your details"))), styles.h2)
    rows = [
        [
            Paragraph(escape(t(label)), styles.cell_head),
            Paragraph(escape(_text(value, key, lang, t)), styles.cell),
        ]
        for key, label, value in export.details
    ]
    table = Table(rows, colWidths=[width * 0.38, width * 0.62], hAlign="LEFT")
    table.setStyle(ruled_table_style())
    story.append(table)
    for section in export.tables:
        story += heading(escape(t(section.title)), styles.h2)
        if section.note:
            story.append(Paragraph(escape(t(section.note)), styles.small))
            story.append(Spacer(1, 2 * mm))
        if not section.rows:
            story.append(Paragraph(escape(t(N_("Nothing recorded."))), styles.base))
            continue
        n = len(section.columns)
        widths = [width / n] * n
        if any(key in ("notes", "content") for key, _h in section.columns):
            # The long text column takes what the short ones leave.
            short = width * 0.18
            widths = [
                width - short * (n - 1) if key in ("notes", "content") else short
                for key, _h in section.columns
            ]
        data = [[Paragraph(escape(t(h)), styles.cell_head) for _k, h in section.columns]]
        for row in section.rows:
            data.append(
                [
                    Paragraph(
                        escape(_text(row.get(key), key, lang, t)).replace("\n", "<br/>"),
                        styles.cell,
                    )
                    for key, _h in section.columns
                ]
            )
        grid = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
        grid.setStyle(ruled_table_style(header_fill="#eef3f6", flush_left=False))
        story.append(grid)
    footer = t(N_("{name} · data export · page {page} of {total}"))

    def on_page(canvas: Canvas, page: int, total: int) -> None:
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(
            margins[0], 10 * mm, footer.format(name=export.name, page=page, total=total)
        )

    return render_pdf(
        story,
        pagesize=A4,
        margins=margins,
        on_page=on_page,
        title=t(N_("Your data held by the firm")),
        author=export.name,
        lang=lang,
    )
