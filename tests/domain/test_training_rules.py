"""Pure training rules: funding by date, ranking against hand-made gaps, the firm's trust score."""

from __future__ import annotations

from datetime import date

import pytest

from huoltamo_desktop.domain.training import (
    Gap,
    OfferingFacts,
    funding_applies,
    funding_state,
    money_to_cents,
    rank_offerings,
    trust_score,
)


def test_a_funding_rule_applies_only_between_its_dates() -> None:
    start, end = date(2024, 1, 1), date(2025, 12, 31)
    assert funding_state(start, end, date(2023, 12, 31)) == "not_yet"
    assert funding_applies(start, end, start) and funding_applies(start, end, end)
    assert funding_state(start, end, date(2026, 1, 1)) == "ended"
    assert funding_applies(None, None, date(2030, 1, 1))


def test_ranking_on_hand_made_gaps_has_a_known_order() -> None:
    gaps = [
        Gap(skill_id=1, current=0, wanted=3, weight=1.0, reason="role"),  # deep gap
        Gap(skill_id=2, current=1, wanted=2, weight=1.0, reason="role"),  # shallow gap
        Gap(
            skill_id=3, current=0, wanted=2, weight=1.5 * 2, reason="need"
        ),  # the firm's future need
    ]
    offerings = [
        OfferingFacts(10, {2: 2}, None, False, None),  # 1 × 1 × 2/2 = 1
        OfferingFacts(11, {1: 3}, None, False, None),  # 3 × 1 × 3/3 = 3
        OfferingFacts(12, {1: 2}, None, False, None),  # 3 × 1 × 2/3 = 2
        OfferingFacts(13, {3: 2}, 100_000, False, None),  # 2 × 3 × 1 = 6, but €1,000: 6 / 1.5 = 4
        OfferingFacts(
            14, {1: 3}, None, True, 5.0
        ),  # as 11 with a trust signal and top ratings: 3 × 1.2
        OfferingFacts(15, {4: 4}, None, True, None),  # no gap in skill 4: left out
        OfferingFacts(16, {2: 1}, 0, True, None),  # leads no higher than the person is: left out
    ]
    ranked = rank_offerings(gaps, offerings)
    assert [s.offering_id for s in ranked] == [14, 13, 11, 12, 10]
    assert [round(s.score, 2) for s in ranked] == [3.6, 3.2, 2.4, 1.6, 0.8]


def test_scores_of_the_ranking() -> None:
    gaps = [Gap(1, 0, 3, 1.0, "role")]
    ranked = rank_offerings(
        gaps,
        [
            OfferingFacts(1, {1: 3}, None, False, None),
            OfferingFacts(2, {1: 3}, None, True, None),
            OfferingFacts(3, {1: 3}, None, True, 1.0),
            OfferingFacts(4, {1: 3}, 200_000, True, None),
        ],
    )
    plain, trusted, rated_low, costly = sorted(ranked, key=lambda s: s.offering_id)
    assert plain.score == pytest.approx(3 * 0.8)
    assert trusted.score == pytest.approx(3 * 1.0)
    assert rated_low.score == pytest.approx(3 * 0.8)  # the firm's own 1/5 cancels the trust signal
    assert costly.score == pytest.approx(3 * 1.0 / 2)  # €2,000 halves it


def test_a_card_to_renew_is_suggested_even_without_a_skill_gap() -> None:
    ranked = rank_offerings([], [OfferingFacts(1, {}, None, False, None, renews_card=True)])
    assert [s.offering_id for s in ranked] == [1] and ranked[0].renews_card


def test_the_firms_trust_score_shows_from_three_ratings() -> None:
    assert trust_score([5, 4], []).average is None
    score = trust_score([5, 4, 3], ["yes", "no", "partly"])
    assert score.average == pytest.approx(4.0) and score.ratings == 3
    assert score.applied_share == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("text", "cents"), [("169", 16900), ("169,50", 16950), ("1 200 €", 120000), ("0.5", 50)]
)
def test_amounts_in_euros(text: str, cents: int) -> None:
    assert money_to_cents(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "-5", "1,2,3", "1.234"])
def test_not_amounts(text: str) -> None:
    with pytest.raises(ValueError):
        money_to_cents(text)
