"""The rotation plan on paper: one person's rotations, or the firm's plan for a period.

Plain data in (``PlanReport``, its texts already in the document language),
PDF bytes out. Headings are translated into the document language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from huoltamo_desktop.domain.rotations import KIND_COLOURS
from huoltamo_desktop.i18n import N_, format_date, translator_for
from huoltamo_desktop.reports.fonts import FONT, escape, register_fonts
from huoltamo_desktop.reports.layout import (
    Styles,
    content_width,
    heading,
    render_pdf,
    ruled_table_style,
    shorten,
    text_styles,
)

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class ReportGoal:
    skill: str
    level_now: int
    target: int
    proposed: int | None = None


@dataclass(frozen=True)
class ReportRotation:
    person: str
    kind: str  # the code, for the colour
    kind_name: str
    status_name: str
    destination: str
    starts_on: date
    ends_on: date
    share_percent: int
    host: str
    cover: str
    partner: str
    goals: tuple[ReportGoal, ...] = ()
    warnings: tuple[str, ...] = ()  # the checks today
    warnings_accepted: str = ""  # what was accepted when it was saved
    outcome_person: str = ""
    outcome_host: str = ""


@dataclass(frozen=True)
class ReportEffect:
    skill: str
    level: int
    now: int
    after: int
    new_holders: str


@dataclass(frozen=True)
class PlanReport:
    language: str
    firm_name: str
    title: str
    subject: str  # the person's name, or the period
    period_start: date
    period_end: date
    printed_on: date
    rotations: tuple[ReportRotation, ...]
    effects: tuple[ReportEffect, ...] = ()
    bus_before: int | None = None
    bus_after: int | None = None
    coverage_warnings: tuple[str, ...] = ()  # one line per skill: the weeks under the need
    person_view: bool = False
    notes: tuple[str, ...] = field(default=())


def build_plan_pdf(data: PlanReport) -> bytes:
    """Render the plan on A4 and return the PDF bytes."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    register_fonts()
    tr = translator_for(data.language)
    t = tr.gettext
    lang = data.language
    margins = (18 * mm, 18 * mm, 20 * mm, 18 * mm)
    width = content_width(A4, margins)
    styles = text_styles()
    base, small, title, h2 = styles.base, styles.small, styles.title, styles.h2
    cell, cell_head = styles.cell, styles.cell_head

    def period(a: date, b: date) -> str:
        return f"{format_date(a, lang)} – {format_date(b, lang)}"

    story: list[Flowable] = [
        Paragraph(escape(data.title), title),
        Paragraph(escape(f"{data.subject} · {data.firm_name}"), small),
        Spacer(1, 5 * mm),
    ]
    if not data.person_view:
        facts = [
            [
                Paragraph(t(N_("Plan period")), cell_head),
                Paragraph(escape(period(data.period_start, data.period_end)), cell),
            ],
            [
                Paragraph(t(N_("Rotations")), cell_head),
                Paragraph(str(len(data.rotations)), cell),
            ],
        ]
        if data.bus_before is not None and data.bus_after is not None:
            facts.append(
                [
                    Paragraph(t(N_("Bus factor")), cell_head),
                    Paragraph(
                        escape(
                            t(N_("{before} now → {after} after the plan")).format(
                                before=data.bus_before, after=data.bus_after
                            )
                        ),
                        cell,
                    ),
                ]
            )
        table = Table(facts, colWidths=[45 * mm, width - 45 * mm], hAlign="LEFT")
        table.setStyle(ruled_table_style())
        story.append(table)
        story.append(
            Paragraph(
                t(
                    N_(
                        "The bus factor is how many people would have to leave before more than "
                        "half of the skills the firm needs had nobody at the needed level."
                    )
                ),
                small,
            )
        )

    if not data.rotations:
        story += heading(t(N_("Rotations")), h2)
        story.append(Paragraph(t(N_("No rotations in this period.")), base))
    elif data.person_view:
        for r in data.rotations:
            story += _rotation_block(r, t, lang, width, styles, period)
    else:
        story += heading(t(N_("Rotations")), h2)
        columns = (
            N_("Person"),
            N_("Kind"),
            N_("Period"),
            N_("Share"),
            N_("Host and cover"),
            N_("Status"),
        )
        head = [Paragraph(t(text), cell_head) for text in columns]
        rows = [head]
        fills = []
        host_label, cover_label = t(N_("Host")), t(N_("Cover"))
        for i, r in enumerate(data.rotations, start=1):
            who = escape(r.person) + (f"<br/>⇄ {escape(r.partner)}" if r.partner else "")
            roles = "<br/>".join(
                f"{label}: {escape(name)}"
                for label, name in ((host_label, r.host), (cover_label, r.cover))
                if name
            )
            rows.append(
                [
                    Paragraph(who, cell),
                    Paragraph(escape(r.kind_name), cell),
                    Paragraph(escape(period(r.starts_on, r.ends_on)), cell),
                    Paragraph(f"{r.share_percent}&nbsp;%", cell),
                    Paragraph(roles or "–", cell),
                    Paragraph(escape(r.status_name), cell),
                ]
            )
            colour = colors.HexColor(KIND_COLOURS.get(r.kind, "#888888"))
            fills.append(("LINEBEFORE", (0, i), (0, i), 3, colour))
        # No word split in any language ("Suunniteltu", "Jobbskuggning"); dates wrap at the dash.
        widths = [32 * mm, 28 * mm, 40 * mm, 17 * mm, 0, 24 * mm]
        widths[4] = width - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        style = ruled_table_style(header_fill="#e8eef0", flush_left=False)
        table.setStyle(style)
        table.setStyle(TableStyle(fills))
        story.append(table)
        goals = [r for r in data.rotations if r.goals]
        if goals:
            story += heading(t(N_("Learning goals")), h2)
            for r in goals:
                lines = "; ".join(
                    t(N_("{skill} {now} → {target}")).format(
                        skill=g.skill, now=g.level_now, target=g.target
                    )
                    for g in r.goals
                )
                story.append(Paragraph(f"<b>{escape(r.person)}</b>: {escape(lines)}", base))

    if data.effects:
        story += heading(t(N_("Key people: holders now and after the plan")), h2)
        rows = [
            [
                Paragraph(t(N_("Skill")), cell_head),
                Paragraph(t(N_("Level")), cell_head),
                Paragraph(t(N_("Holders")), cell_head),
                Paragraph(t(N_("New holders")), cell_head),
            ]
        ]
        for e in data.effects:
            rows.append(
                [
                    Paragraph(escape(e.skill), cell),
                    Paragraph(f"{e.level}+", cell),
                    Paragraph(f"{e.now} → {e.after}", cell),
                    Paragraph(escape(e.new_holders or "–"), cell),
                ]
            )
        table = Table(
            rows,
            colWidths=[62 * mm, 16 * mm, 22 * mm, width - 100 * mm],
            repeatRows=1,
            hAlign="LEFT",
        )
        table.setStyle(ruled_table_style(header_fill="#e8eef0", flush_left=False))
        story.append(table)

    if data.coverage_warnings:
        story += heading(t(N_("Coverage warnings")), h2)
        story.append(
            Paragraph(
                t(
                    N_(
                        "Weeks in which a needed skill has fewer people at level 3 or above than it needs:"
                    )
                ),
                small,
            )
        )
        for line in data.coverage_warnings:
            story.append(Paragraph("• " + escape(line), base))
    elif not data.person_view:
        story += heading(t(N_("Coverage warnings")), h2)
        story.append(
            Paragraph(t(N_("Every needed skill is covered in every week of the plan.")), base)
        )

    for note in data.notes:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(escape(note), small))

    footer_left = t(N_("Printed {date}")).format(date=format_date(data.printed_on, lang))
    page_text = t(N_("Page {number} of {total}"))

    def on_page(canvas: Canvas, page: int, total: int) -> None:
        page_w, page_h = A4
        left, right = margins[0], page_w - margins[1]
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(
            left, page_h - 12 * mm, shorten(data.firm_name, FONT, 8, (right - left) / 2)
        )
        canvas.drawRightString(
            right, page_h - 12 * mm, shorten(data.title, FONT, 8, (right - left) / 2)
        )
        canvas.setStrokeColor(colors.HexColor("#cccccc"))
        canvas.line(left, page_h - 14 * mm, right, page_h - 14 * mm)
        canvas.drawString(left, 10 * mm, footer_left)
        canvas.drawRightString(right, 10 * mm, page_text.format(number=page, total=total))

    return render_pdf(
        story,
        pagesize=A4,
        margins=margins,
        on_page=on_page,
        title=f"{data.title} – {data.subject}",
        author=data.firm_name,
        lang=lang,
    )


def _rotation_block(
    r: ReportRotation,
    t: Callable[[str], str],
    lang: str,
    width: float,
    styles: Styles,
    period: Callable[[date, date], str],
) -> list[Flowable]:
    """One rotation of the person's plan: the contract, the goals, the checks, the outcome."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table

    cell, cell_head, base, small = styles.cell, styles.cell_head, styles.base, styles.small
    head = r.kind_name + (f": {r.destination}" if r.destination else "")
    block: list[Flowable] = heading(escape(head), styles.h2)
    rows = [
        [
            Paragraph(t(N_("Period")), cell_head),
            Paragraph(escape(period(r.starts_on, r.ends_on)), cell),
        ],
        [
            Paragraph(t(N_("Share of working time")), cell_head),
            Paragraph(f"{r.share_percent}&nbsp;%", cell),
        ],
        [Paragraph(t(N_("Status")), cell_head), Paragraph(escape(r.status_name), cell)],
        [Paragraph(t(N_("Host who guides")), cell_head), Paragraph(escape(r.host or "–"), cell)],
        [
            Paragraph(t(N_("Covers their tasks")), cell_head),
            Paragraph(escape(r.cover or "–"), cell),
        ],
    ]
    if r.partner:
        rows.insert(
            1, [Paragraph(t(N_("Swaps with")), cell_head), Paragraph(escape(r.partner), cell)]
        )
    table = Table(rows, colWidths=[50 * mm, width - 50 * mm], hAlign="LEFT")
    table.setStyle(ruled_table_style())
    block.append(table)
    block.append(Paragraph(t(N_("Learning goals")), styles.h3))
    if r.goals:
        goal_rows = [
            [
                Paragraph(t(N_("Skill")), cell_head),
                Paragraph(t(N_("Level now")), cell_head),
                Paragraph(t(N_("Target")), cell_head),
                Paragraph(t(N_("Level at the end")), cell_head),
            ]
        ]
        for g in r.goals:
            goal_rows.append(
                [
                    Paragraph(escape(g.skill), cell),
                    Paragraph(str(g.level_now), cell),
                    Paragraph(str(g.target), cell),
                    Paragraph("–" if g.proposed is None else str(g.proposed), cell),
                ]
            )
        goals = Table(
            goal_rows, colWidths=[width - 90 * mm, 30 * mm, 30 * mm, 30 * mm], hAlign="LEFT"
        )
        goals.setStyle(ruled_table_style())
        block.append(goals)
    else:
        block.append(Paragraph(t(N_("No skill goals were set.")), base))
    if r.warnings or r.warnings_accepted:
        block.append(Paragraph(t(N_("Checks")), styles.h3))
        for w in r.warnings:
            block.append(Paragraph("• " + escape(w), base))
        if r.warnings_accepted:
            block.append(Paragraph(escape(r.warnings_accepted), small))
    if r.outcome_person or r.outcome_host:
        block.append(Paragraph(t(N_("What was learned")), styles.h3))
        if r.outcome_person:
            own = t(N_("In their own words"))
            block.append(Paragraph(f"<b>{own}:</b> {escape(r.outcome_person)}", base))
        if r.outcome_host:
            host = t(N_("The host"))
            block.append(Paragraph(f"<b>{host}:</b> {escape(r.outcome_host)}", base))
    return block
