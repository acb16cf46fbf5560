"""The training plan PDF read back: budget lines, each team's trainings, repeated headers, empty plan."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

from pypdf import PdfReader

from huoltamo_desktop.reports.training_plan import (
    PlanLine,
    TeamSection,
    TrainingPlanReport,
    build_training_plan_pdf,
)


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def _line(i: int) -> PlanLine:
    return PlanLine(
        date(2027, 1, 1) + timedelta(days=i),
        f"Henkilö {i} Äijälä",
        "Työturvallisuuskorttikurssi ja kertauskoulutus",
        "Alertum Oy",
        16900,
        "Yritys",
        "Kelan työterveyshuollon korvaus" if i % 2 else "",
        "Suunniteltu",
    )


def test_the_firms_plan_has_budgets_totals_and_every_team() -> None:
    report = TrainingPlanReport(
        "Koivulan Konepaja Oy",
        2027,
        "fi",
        (
            TeamSection("Tuotanto", 300000, 33800, 0, (_line(1), _line(2))),
            TeamSection("Varasto", None, 0, 16900, (_line(3),)),
        ),
        date(2026, 12, 1),
        True,
    )
    pages = _text(build_training_plan_pdf(report))
    text = "\n".join(pages)
    assert "Koulutussuunnitelma 2027" in text
    assert "3 000,00 €" in text and "2 662,00 €" in text  # the budget and what is left
    assert "Koko yritys" in text
    assert "Henkilö 3 Äijälä" in text and "Varasto" in text
    assert "Sivu 1/1" in pages[0] and "Luottamuksellinen" in pages[0]


def test_a_long_team_plan_repeats_its_header_on_every_page() -> None:
    lines = tuple(_line(i) for i in range(60))
    report = TrainingPlanReport(
        "Oy",
        2027,
        "en",
        (TeamSection("Tuotanto", 100000, 60 * 16900, 0, lines),),
        date(2026, 12, 1),
        False,
    )
    pages = _text(build_training_plan_pdf(report))
    assert len(pages) >= 3
    assert all("Paid by" in page for page in pages[1:])
    assert "Training plan 2027 – Tuotanto" in pages[0]
    assert "-€9,140.00" in pages[0]  # over budget: what is left is negative


def test_an_empty_plan_says_so() -> None:
    report = TrainingPlanReport("Oy", 2030, "sv", (), date(2026, 12, 1), True)
    assert "Inga utbildningar har planerats för i år ännu." in "".join(
        _text(build_training_plan_pdf(report))
    )
