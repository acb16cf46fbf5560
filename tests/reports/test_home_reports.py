"""The year in review and the development plan on paper: figures, hidden small numbers, edits."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from pypdf import PdfReader
from sqlmodel import Session

from huoltamo_desktop.domain.home_figures import HomeFigureEntry
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.reports.home_charts import ChartData, chart_svg, trend_chart
from huoltamo_desktop.services.firm import FirmInput, save_organisation
from huoltamo_desktop.services.home_reports import (
    plan_draft,
    plan_pdf,
    save_plan_text,
    year_review_pdf,
)

TODAY = date(2026, 12, 7)


def _text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return " ".join(text.split())  # table cells wrap: compare words, not lines


def _firm(session: Session) -> None:
    """24 people at work all of 2026 and three who resigned in it; 40 days of sick leave."""
    save_organisation(session, data=FirmInput(name="Koivulan Konepaja Oy"))
    for i in range(24):
        session.add(
            Person(first_name=f"H{i}", last_name="Testi", employment_start=date(2019, 1, 1))
        )
    for i, month in enumerate((3, 6, 9)):
        session.add(
            Person(
                first_name=f"L{i}",
                last_name="Lähtijä",
                employment_start=date(2019, 1, 1),
                status="left",
                left_on=date(2026, month, 1),
                leave_reason="resigned",
            )
        )
    session.add(
        HomeFigureEntry(
            metric="sick_leave_days", period_kind="quarter", period_start=date(2026, 1, 1), value=40
        )
    )
    session.flush()


def test_year_in_review_shows_figures_with_counts_and_hides_small_parts(session: Session) -> None:
    _firm(session)
    text = _text(year_review_pdf(session, year=2026, today=TODAY))
    assert "The year 2026 in review" in text
    assert "Koivulan Konepaja Oy" in text
    # Three resigned of 25.25 on average (month ends 27, 27, 26, 26, 26, 25, 25, 25, 24, 24, 24
    # and 24 on the day): 11.9 %, with the counts beside it (halves round up: 25.3).
    assert "12 % (3 / 25.3)" in text
    # Three resigned is fewer than five: hidden, and a second part with it.
    assert text.count("hidden (< 5)") >= 2
    assert "Leavers in the period ÷ the average headcount" in text  # definitions are printed
    assert "Turnover, % a year" in text  # the chart is in the PDF


def test_year_in_review_in_finnish(session: Session) -> None:
    _firm(session)
    setup_i18n("fi")
    try:
        text = _text(year_review_pdf(session, year=2026, today=TODAY))
    finally:
        setup_i18n("en")
    assert "Vuosikatsaus 2026" in text
    assert "Vaihtuvuus" in text and "piilotettu (< 5)" in text


def test_development_plan_keeps_the_owners_words(session: Session) -> None:
    _firm(session)
    draft = plan_draft(session, year=2026, today=TODAY)
    assert [s.key for s in draft.sections] == [
        "outlook",
        "competence",
        "wellbeing",
        "goals",
        "followup",
    ]
    assert "No future skill needs are listed yet." in draft.sections[1].text
    # 27 people: the lighter duty, stated without overstating it.
    assert "20–49" in draft.duty_note and "not required" in draft.duty_note
    save_plan_text(
        session, year=2026, section="goals", text="Jokainen saa urakeskustelun keväällä."
    )
    again = plan_draft(session, year=2026, today=TODAY)
    goals = next(s for s in again.sections if s.key == "goals")
    assert goals.edited and goals.text == "Jokainen saa urakeskustelun keväällä."
    text = _text(plan_pdf(session, year=2026, today=TODAY))
    assert "Workplace development plan 2026" in text
    assert "Jokainen saa urakeskustelun keväällä." in text
    save_plan_text(session, year=2026, section="goals", text=None)
    assert not next(s for s in plan_draft(session, year=2026).sections if s.key == "goals").edited


def test_the_screen_and_the_paper_draw_the_same_chart() -> None:
    data = ChartData(
        "Turnover, % a year", ["2025", "2026"], [12.5, None], lambda v: f"{v:.1f}", "n < 5"
    )
    drawing = trend_chart(data)
    svg = chart_svg(data).decode()
    assert "<svg" in svg and "Turnover, % a year" in svg
    assert "12.5" in svg and "n &lt; 5" in svg  # a hidden period is marked, not drawn as zero
    assert drawing.width == 360


def test_a_firm_of_four_sees_no_sick_leave_total() -> None:
    from huoltamo_desktop.domain.home_figures import History, Span, period_figures
    from huoltamo_desktop.services.home_reports import figure_rows

    spans = [Span(i, date(2020, 1, 1), None) for i in range(4)]
    entry = HomeFigureEntry(
        metric="sick_leave_days", period_kind="quarter", period_start=date(2026, 1, 1), value=12
    )
    figures = period_figures(
        History(spans=spans, entries=[entry]), "2026", date(2026, 1, 1), date(2026, 12, 31)
    )
    rows = {r.key: r.cells[0] for r in figure_rows([figures], "en")}
    assert rows["sick_leave_days"] == "hidden (<\xa05)"
    assert rows["sick_days_per_person"] == "hidden (<\xa05)"
    assert rows["headcount"] == "4"
