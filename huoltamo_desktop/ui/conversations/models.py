"""Qt table models for conversations, agreed actions and the due list."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from huoltamo_desktop.domain.conversations import (
    NAMED_OWNERS,
    action_kind_label,
    action_status_label,
    owner_label,
    state_label,
)
from huoltamo_desktop.i18n import N_, _, format_date
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services.conversations import ActionRow, ConversationRow, DueRow, kind_name
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel

Row = TypeVar("Row")
OVERDUE = QColor("#b00020")
_bold: list[QFont] = []


def bold_font() -> QFont:
    """One shared bold font, made once rather than for every painted cell."""
    if not _bold:
        font = QFont()
        font.setWeight(QFont.Weight.Bold)
        _bold.append(font)
    return _bold[0]


class HighlightedModel(RowsModel[Row]):
    """The conversations' tables: late rows are red and bold."""

    def __init__(
        self, columns: Sequence[Column[Row]], *, row_id: Callable[[Row], Hashable] | None = None
    ) -> None:
        super().__init__(columns, row_id=row_id)

    def highlight(self, row: Row) -> bool:
        return False

    def row_data(self, row: Row, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and self.highlight(row):
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and self.highlight(row):
            return bold_font()
        return None


def _date_key(value: date | None) -> str:
    return value.isoformat() if value else "9999"


class ConversationsModel(HighlightedModel[ConversationRow]):
    def __init__(self) -> None:
        super().__init__(
            [
                Column(N_("Date"), lambda r: format_date(r.held_on), key=lambda r: r.held_on),
                Column(N_("Person or team"), lambda r: r.subject),
                Column(N_("Kind"), lambda r: kind_name(r.kind)),
                Column(N_("Manager"), lambda r: r.manager_name),
                Column(N_("State"), _state_text, key=lambda r: (r.state, r.version)),
                Column(
                    N_("Next conversation"),
                    lambda r: format_date(r.next_on),
                    key=lambda r: _date_key(r.next_on),
                ),
            ],
            row_id=lambda r: r.id,
        )


def _state_text(r: ConversationRow) -> str:
    text = state_label(r.state)
    if r.version > 1 or not r.is_current:
        text = _("{state}, version {number}").format(state=text, number=r.version)
    return text


def _who(r: ActionRow) -> str:
    return r.owner_name if r.owner in NAMED_OWNERS and r.owner_name else owner_label(r.owner)


def _what(r: ActionRow) -> str:
    return f"{r.what} ({r.skill_name})" if r.skill_name else r.what


def _due(r: ActionRow) -> str:
    text = format_date(r.due_on)
    return _("{date} – late").format(date=text) if r.overdue else text


class ActionsModel(HighlightedModel[ActionRow]):
    """Agreed actions; with ``with_subject`` also whose they are and when agreed (follow-up)."""

    def __init__(self, *, with_subject: bool = False) -> None:
        columns: list[Column[ActionRow]] = []
        if with_subject:
            columns.append(Column(N_("Person or team"), lambda r: r.subject))
        columns += [
            Column(N_("What was agreed"), _what, key=lambda r: sort_key(r.what)),
            Column(N_("Who"), _who),
            Column(N_("By"), _due, key=lambda r: _date_key(r.due_on)),
            Column(N_("Kind"), lambda r: action_kind_label(r.kind)),
            Column(N_("Status"), lambda r: action_status_label(r.status)),
        ]
        if with_subject:
            columns.append(
                Column(
                    N_("Agreed in"),
                    lambda r: (
                        f"{kind_name(r.conversation_kind)} {format_date(r.conversation_held_on)}"
                    ),
                    key=lambda r: r.conversation_held_on,
                )
            )
        super().__init__(columns, row_id=lambda r: r.id)

    def highlight(self, row: ActionRow) -> bool:
        return row.overdue


def _due_state(r: DueRow) -> str:
    if r.planned_on:
        return _("Planned for {date}").format(date=format_date(r.planned_on))
    if r.last_on is None:
        return _("Not held yet")
    if r.overdue:
        return _("Overdue")
    return _("Due soon")


class DueModel(HighlightedModel[DueRow]):
    def __init__(self) -> None:
        super().__init__(
            [
                Column(N_("Person"), lambda r: r.person_name),
                Column(N_("Team"), lambda r: r.team_name),
                Column(N_("Kind"), lambda r: kind_name(r.kind)),
                Column(
                    N_("Last held"),
                    lambda r: format_date(r.last_on) if r.last_on else "–",
                    key=lambda r: _date_key(r.last_on),
                ),
                Column(N_("Due"), lambda r: format_date(r.due_on), key=lambda r: r.due_on),
                Column(N_("Situation"), _due_state, key=lambda r: r.days_late),
            ]
        )

    def highlight(self, row: DueRow) -> bool:
        return row.overdue and row.planned_on is None
