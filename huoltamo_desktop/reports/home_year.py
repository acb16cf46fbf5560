"""The year in review for the owner: the figures beside the years before, the trends, what was done."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from huoltamo_desktop.i18n import N_, format_date, translator_for
from huoltamo_desktop.reports.fonts import escape, register_fonts
from huoltamo_desktop.reports.home_charts import trend_chart
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


def build_year_pdf(data: Any) -> bytes:
    """``data`` is a services.home_reports.YearReview; returns A4 PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

    register_fonts()
    t = translator_for(data.language).gettext
    margins = (18 * mm, 18 * mm, 20 * mm, 18 * mm)
    width = content_width(A4, margins)
    styles = text_styles(cell_size=8, cell_leading=10)
    title = t(N_("The year {year} in review")).format(year=data.year)
    story: list[Flowable] = [
        Paragraph(escape(title), styles.title),
        Paragraph(escape(data.firm_name), styles.small),
        Spacer(1, 5 * mm),
    ]
    story += heading(escape(t(N_("What was done in the year"))), styles.h2)
    done = Table(
        [
            [Paragraph(escape(k), styles.cell), Paragraph(escape(v), styles.cell)]
            for k, v in data.done
        ],
        colWidths=[80 * mm, 30 * mm],
        hAlign="LEFT",
    )
    done.setStyle(ruled_table_style())
    story.append(done)

    story += heading(escape(t(N_("Figures over five years"))), styles.h2)
    label_w = 52 * mm
    col_w = (width - label_w) / max(1, len(data.labels))
    body: list[list[Any]] = [
        [Paragraph("", styles.cell_head)]
        + [Paragraph(escape(label), styles.cell_head) for label in data.labels]
    ]
    for row in data.rows:
        label = ("\u2003" if row.indent else "") + escape(row.label)
        body.append(
            [Paragraph(label, styles.cell)] + [Paragraph(escape(c), styles.cell) for c in row.cells]
        )
    table = Table(
        body, colWidths=[label_w] + [col_w] * len(data.labels), repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(ruled_table_style(header_fill="#e6eef1", flush_left=False))
    story.append(table)
    story.append(Spacer(1, 2 * mm))
    story.append(
        Paragraph(
            escape(
                t(
                    N_(
                        "The last year is still running (to {day}). A figure about fewer than 5 people "
                        "is hidden; the definitions are at the end."
                    )
                ).format(day=format_date(data.made_on, data.language))
            ),
            styles.small,
        )
    )

    story += heading(escape(t(N_("Trends"))), styles.h2, room=200)
    chart_w = (width - 6 * mm) / 2
    drawings = [trend_chart(c, width=chart_w, height=150) for c in data.charts]
    grid = [
        drawings[i : i + 2] + [""] * (2 - len(drawings[i : i + 2]))
        for i in range(0, len(drawings), 2)
    ]
    charts = Table(grid, colWidths=[chart_w + 6 * mm, chart_w], hAlign="LEFT")
    charts.setStyle(ruled_table_style(rule="#ffffff", padding=(4, 8)))
    story.append(charts)
    story.append(
        Paragraph(
            escape(
                t(
                    N_(
                        "The lighter bar is the period still running; “n < 5” marks a period whose figure is hidden."
                    )
                )
            ),
            styles.small,
        )
    )

    story += heading(escape(t(N_("What the figures mean"))), styles.h2)
    seen: set[str] = set()
    for row in data.rows:
        if row.definition and row.definition not in seen:
            seen.add(row.definition)
            story.append(
                KeepTogether(
                    [
                        Paragraph(escape(row.label), styles.h3),
                        Paragraph(escape(row.definition), styles.small),
                    ]
                )
            )
    story += heading(escape(t(N_("The Co-operation Act"))), styles.h2)
    story.append(Paragraph(escape(data.duty_note), styles.base))

    made = t(N_("Made on {day}")).format(day=format_date(data.made_on, data.language))
    frame = DocumentFrame(
        running_head=data.firm_name,
        footer=f"{title} · {made}",
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
