"""Due items in view, snoozes, and what the Co-operation Act asks of a firm by its size."""

from __future__ import annotations

from datetime import date

from huoltamo_desktop.domain.home import (
    DialogueDuty,
    DueItem,
    HomeSnoozeView,
    Target,
    dialogue_duty,
    dialogue_months,
    split_due,
)

TODAY = date(2026, 12, 7)


def _item(key: str, day: date) -> DueItem:
    return DueItem(key, "action", key, "", day, Target("conversations", "open"))


def test_split_due_keeps_the_horizon_and_puts_snoozed_apart() -> None:
    items = [
        _item("late", date(2026, 11, 1)),
        _item("sunday", date(2026, 12, 13)),
        _item("next-month", date(2027, 1, 20)),
        _item("snoozed", date(2026, 12, 8)),
        _item("snooze-over", date(2026, 12, 8)),
    ]
    snoozes = {
        "snoozed": HomeSnoozeView(date(2026, 12, 20), "booked"),
        "snooze-over": HomeSnoozeView(TODAY, "was until today"),
    }
    week = split_due(items, snoozes, today=TODAY, horizon_days=7)
    assert [i.key for i in week.items] == ["late", "snooze-over", "sunday"]
    assert [i.key for i, _s in week.snoozed] == ["snoozed"]
    assert week.later == 1


def test_co_operation_duty_by_firm_size() -> None:
    assert dialogue_duty(19) == DialogueDuty.NONE
    assert dialogue_duty(20) == DialogueDuty.LIGHT
    assert dialogue_duty(49) == DialogueDuty.LIGHT
    assert dialogue_duty(50) == DialogueDuty.FULL
    assert dialogue_months(DialogueDuty.NONE, None) is None
    assert dialogue_months(DialogueDuty.LIGHT, None) == 6
    assert dialogue_months(DialogueDuty.LIGHT, 12) == 12  # the firm's own choice
    assert dialogue_months(DialogueDuty.FULL, None) == 3
    assert dialogue_months(DialogueDuty.FULL, 6) == 3  # at least quarterly under the full act


def test_an_item_shown_early_counts_from_its_show_day_but_keeps_its_date() -> None:
    card = DueItem(
        "card:1:90",
        "card",
        "Tulityökortti",
        "",
        date(2027, 2, 20),
        Target("skills", "cards"),
        show_from=date(2026, 11, 22),
    )
    week = split_due([card], {}, today=TODAY, horizon_days=7)
    assert week.items == [card] and not card.overdue(TODAY)
