"""The year's training plan as a landscape A4 PDF: the budget per team, then each team's trainings.

Plain data in (``TrainingPlanReport``, already in the document language), PDF
bytes out. One team, or the whole firm (a summary table first, then a section
per team that has trainings or a budget).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from huoltamo_desktop.i18n import N_, format_date, format_money, translator_for
from huoltamo_desktop.reports.fonts import escape, register_fonts
from huoltamo_desktop.reports.layout import (
    DocumentFrame,
    content_width,
    heading,
    render_pdf,
    ruled_table_style,
    text_styles,
)

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


@dataclass(frozen=True)
class PlanLine:
    planned_on: date
    person: str
    training: str
    provider: str
    cost_cents: int
    paid_by: str  # already in the document language
    funding: str
    status: str


@dataclass(frozen=True)
class TeamSection:
    name: str
    budget_cents: int | None
    planned_cents: int
    spent_cents: int
    lines: tuple[PlanLine, ...]


@dataclass(frozen=True)
class TrainingPlanReport:
    firm_name: str
    year: int
    language: str
    teams: tuple[TeamSection, ...]
    made_on: date
    whole_firm: bool


def _money(cents: int | None, lang: str) -> str:
    if cents is None:
        return "–"
    return format_money(cents / 100, lang)


def build_training_plan_pdf(data: TrainingPlanReport) -> bytes:
    """Render the plan; an empty plan says so instead of printing empty tables."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table

    register_fonts()
    t = translator_for(data.language).gettext
    lang = data.language
    page = landscape(A4)
    margins = (15 * mm, 15 * mm, 18 * mm, 16 * mm)
    width = content_width(page, margins)
    styles = text_styles()
    cell, cell_head, small = styles.cell, styles.cell_head, styles.small
    title_text = t(N_("Training plan {year}")).format(year=data.year)
    if not data.whole_firm and data.teams:
        title_text += f" – {data.teams[0].name}"

    story: list[Flowable] = [
        Paragraph(escape(title_text), styles.title),
        Paragraph(escape(data.firm_name), small),
        Spacer(1, 5 * mm),
    ]

    def money_cell(cents: int | None, bold: bool = False) -> Paragraph:
        style = cell_head if bold else cell
        return Paragraph(f'<para alignment="right">{escape(_money(cents, lang))}</para>', style)

    # The budget table: one line per team (and a total for the whole firm).
    def right(text: str) -> Paragraph:
        return Paragraph(f'<para alignment="right">{escape(text)}</para>', cell_head)

    head = [
        Paragraph(t(N_("Team")), cell_head),
        right(t(N_("Budget"))),
        right(t(N_("Planned"))),
        right(t(N_("Spent"))),
        right(t(N_("Left"))),
    ]
    rows: list[list[Any]] = [head]
    for team in data.teams:
        left = (
            None
            if team.budget_cents is None
            else team.budget_cents - team.planned_cents - team.spent_cents
        )
        rows.append(
            [
                Paragraph(escape(team.name), cell),
                money_cell(team.budget_cents),
                money_cell(team.planned_cents),
                money_cell(team.spent_cents),
                money_cell(left),
            ]
        )
    if data.whole_firm and len(data.teams) > 1:
        budgets = [s.budget_cents for s in data.teams if s.budget_cents is not None]
        planned = sum(s.planned_cents for s in data.teams)
        spent = sum(s.spent_cents for s in data.teams)
        total_budget = sum(budgets) if budgets else None
        rows.append(
            [
                Paragraph(t(N_("Whole firm")), cell_head),
                money_cell(total_budget, True),
                money_cell(planned, True),
                money_cell(spent, True),
                money_cell(None if total_budget is None else total_budget - planned - spent, True),
            ]
        )
    budget_table = Table(
        rows, colWidths=[width * 0.32] + [width * 0.17] * 4, hAlign="LEFT", repeatRows=1
    )
    budget_table.setStyle(ruled_table_style(header_fill="#e8f0f2", flush_left=False))
    story += heading(t(N_("Budget and costs the firm pays")), styles.h2)
    story.append(budget_table)
    story.append(
        Paragraph(
            t(
                N_(
                    "Costs count against the budget when the firm pays them alone or shares them; "
                    "cancelled trainings do not count."
                )
            ),
            small,
        )
    )

    columns = [
        (N_("Date"), 0.10),
        (N_("Person"), 0.13),
        (N_("Training"), 0.22),
        (N_("Provider"), 0.15),
        (N_("Cost"), 0.08),
        (N_("Paid by"), 0.09),
        (N_("Funding"), 0.13),
        (N_("Status"), 0.10),
    ]
    any_lines = False
    for team in data.teams:
        if not team.lines:
            continue
        any_lines = True
        story += heading(escape(team.name), styles.h2, room=90)
        table_rows: list[list[Any]] = [
            [
                Paragraph(
                    f'<para alignment="right">{t(title)}</para>'
                    if title == N_("Cost")
                    else t(title),
                    cell_head,
                )
                for title, _w in columns
            ]
        ]
        for line in team.lines:
            table_rows.append(
                [
                    Paragraph(escape(format_date(line.planned_on, lang)), cell),
                    Paragraph(escape(line.person), cell),
                    Paragraph(escape(line.training), cell),
                    Paragraph(escape(line.provider), cell),
                    money_cell(line.cost_cents),
                    Paragraph(escape(line.paid_by), cell),
                    Paragraph(escape(line.funding or "–"), cell),
                    Paragraph(escape(line.status), cell),
                ]
            )
        table = Table(
            table_rows, colWidths=[width * w for _t, w in columns], repeatRows=1, hAlign="LEFT"
        )
        table.setStyle(ruled_table_style(header_fill="#e8f0f2", flush_left=False))
        story.append(table)
    if not any_lines:
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph(t(N_("No trainings are planned for this year yet.")), styles.base))

    footer_left = t(N_("Made on {date}")).format(date=format_date(data.made_on, lang))

    # The shared page frame: who the paper is from, what it is on every page, page X of Y.
    frame = DocumentFrame(
        running_head=data.firm_name,
        footer=f"{title_text} · {footer_left}",
        page_label=t(N_("Page {number} of {total}")),
        confidential=t(N_("Confidential")),
    )
    return render_pdf(
        story,
        pagesize=page,
        margins=margins,
        frame=frame,
        title=title_text,
        author=data.firm_name,
        lang=lang,
    )
