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
        "Oma yhteenveto",
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
    assert "Min sammanfattning" in text
    assert "Oma yhteenveto" not in text
    english = _text(build_summary_pdf(_data("en")))
    assert "My summary" in english and "4.6" in english


def test_empty_parts_say_so() -> None:
    data = _data("en", assessed=False)
    data = SummaryData(**{**data.__dict__, "exercises": [], "plan_sections": [], "next_steps": []})
    text = _text(build_summary_pdf(data))
    assert "No self-assessment has been finished yet." in text
    assert "No exercises chosen yet." in text
    assert "The career plan is still empty." in text


def test_same_data_gives_the_same_bytes() -> None:
    first = build_summary_pdf(_data("fi"))
    assert build_summary_pdf(_data("fi")) == first
    assert build_summary_pdf(_data("sv")) != first, "the bytes follow the content"


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


def test_a_half_rounds_up_as_finnish_readers_expect() -> None:
    data = _data("fi")
    data = SummaryData(**{**data.__dict__, "areas": [SummaryArea("Itsetuntemus", 4.25, 2.35)]})
    text = _text(build_summary_pdf(data))
    assert "4,3" in text and "4,2" not in text


def test_next_steps_in_date_order_under_a_date_heading() -> None:
    data = _data("fi")
    steps = [("Myöhemmin", date(2027, 5, 1)), ("Joskus", None), ("Ensin", date(2027, 1, 10))]
    text = _text(build_summary_pdf(SummaryData(**{**data.__dict__, "next_steps": steps})))
    assert "Ajankohta" in text
    assert text.index("Ensin") < text.index("Myöhemmin") < text.index("Joskus")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "asteikolla 1 (ei kuvaa minua lainkaan) – 5 (kuvaa minua täysin)"),
        ("sv", "från 1 (stämmer inte alls in på mig) till 5 (stämmer helt in på mig)"),
        ("en", "from 1 (does not describe me at all) to 5 (describes me fully)"),
    ],
)
def test_the_chart_says_what_one_to_five_means(language: str, expected: str) -> None:
    lows = {"fi": "Ei kuvaa minua lainkaan", "sv": "Stämmer inte alls in på mig"}
    highs = {"fi": "Kuvaa minua täysin", "sv": "Stämmer helt in på mig"}
    data = SummaryData(
        **{
            **_data(language).__dict__,
            "scale_low": lows.get(language, "Does not describe me at all"),
            "scale_high": highs.get(language, "Describes me fully"),
        }
    )
    assert expected in " ".join(_text(build_summary_pdf(data)).split())


def test_the_words_about_strengths_and_their_headings_speak_to_the_reader() -> None:
    text = _text(build_summary_pdf(_data("fi")))
    # "Tulet hyvin toimeen…" speaks to "you": so do the headings above it.
    assert "Vahvimmat osa-alueesi" in text and "Osa-alueet, joita voisit kehittää" in text
    assert "Vahvimmat osa-alueeni" not in text and "haluan kehittää" not in text


def test_every_page_names_the_person_and_the_document() -> None:
    text = _text(build_summary_pdf(_data("sv")))
    assert "Łukasz Ääpälä · Min sammanfattning · Utskriven 27.11.2026" in text
    assert "Sida 1 av 1" in text and "Personlig" in text
