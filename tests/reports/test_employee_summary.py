"""The employee's own summary PDF: text extracted and checked, in the person's language."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from huoltamo_desktop.domain.employee import SummaryArea, SummaryData, SummaryExercise
from huoltamo_desktop.reports.employee_summary import build_summary_pdf


def _data(language: str, *, assessed: bool = True) -> SummaryData:
    return SummaryData(
        language=language,
        person_name="Łukasz Ääpälä",
        firm_name="Ålands Verkstad Ab",
        made_on=date(2026, 11, 27),
        assessed_on=date(2026, 11, 20) if assessed else None,
        previous_on=date(2025, 11, 18) if assessed else None,
        areas=[
            SummaryArea("Itsetuntemus", 3.4, 2.8),
            SummaryArea("Yhteistyö ja vuorovaikutus", 4.6, None),
        ]
        if assessed
        else [],
        strengths=[("Yhteistyö ja vuorovaikutus", "Tulet hyvin toimeen ihmisten kanssa.")]
        if assessed
        else [],
        to_develop=[("Itsetuntemus", "Itsetuntemus kasvaa pienin askelin.")] if assessed else [],
        exercises=[
            SummaryExercise(
                "Viikon energiakartta", "Itsetuntemus", True, "Энергия приходит от клиентов"
            )
        ],
        plan_sections=[("Missä olen nyt", "Sorvilla kolme vuotta & <hyvin> menee")],
        next_steps=[("Kysy hitsauskurssista", date(2027, 3, 31)), ("Tutustu varastoon", None)],
    )


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_summary_in_finnish_has_names_chart_words_exercises_and_plan() -> None:
    pdf = build_summary_pdf(_data("fi"))
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for expected in (
        "Łukasz Ääpälä",
        "Ålands Verkstad Ab",
        "Urani yhteenveto",
        "Arvioitu 20.11.2026",
        "Yhteistyö ja vuorovaikutus",  # in the chart and the words
        "Tulet hyvin toimeen ihmisten kanssa.",
        "Viikon energiakartta",
        "Энергия приходит от клиентов",
        "Sorvilla kolme vuotta & <hyvin> menee",
        "Kysy hitsauskurssista",
        "31.3.2027",
        "4,6",  # Finnish decimal comma
    ):
        assert expected in text, expected


def test_headings_follow_the_persons_language() -> None:
    text = _text(build_summary_pdf(_data("sv")))
    assert "Min karriärsammanfattning" in text
    assert "Urani yhteenveto" not in text
    english = _text(build_summary_pdf(_data("en")))
    assert "My career summary" in english and "4.6" in english


def test_empty_parts_say_so() -> None:
    data = _data("en", assessed=False)
    data = SummaryData(**{**data.__dict__, "exercises": [], "plan_sections": [], "next_steps": []})
    text = _text(build_summary_pdf(data))
    assert "No self-assessment has been finished yet." in text
    assert "No exercises chosen yet." in text
    assert "The career plan is still empty." in text


def test_same_data_gives_the_same_bytes() -> None:
    assert build_summary_pdf(_data("fi")) == build_summary_pdf(_data("fi"))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_reflection_left_out_when_not_included(language: str) -> None:
    data = _data(language)
    data = SummaryData(
        **{
            **data.__dict__,
            "exercises": [SummaryExercise("Viikon energiakartta", "x", False, None)],
        }
    )
    assert "Энергия" not in _text(build_summary_pdf(data))
