"""A list of things to tick (teams, people, results to pick from), as a view over the table model."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from huoltamo_desktop.ui.widgets.table_model import Column, EditValue, RowsModel, keep_selection
from huoltamo_desktop.ui.widgets.table_view import ClippedTextDelegate


@dataclass(frozen=True)
class Choice:
    """One line of a ``ChoiceList``: what it stands for (``id``), how it reads, whether it is ticked."""

    id: int
    text: str
    ticked: bool = False
    tooltip: str | None = None


def _tick(choice: Choice, value: EditValue | bool) -> Choice:
    return replace(choice, ticked=bool(value))


class ChoiceList(QListView):
    """One line a choice; with ``ticks`` each line has a tick box (click it or press Space).

    Without ticks it is a plain pick list: ``current_id()`` says which line is chosen.
    """

    def __init__(
        self, parent: QWidget | None, name: str, *, ticks: bool, choices: Iterable[Choice] = ()
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        column: Column[Choice] = Column(
            "",
            lambda c: c.text,
            tooltip=lambda c: c.tooltip,
            checked=(lambda c: c.ticked) if ticks else None,
            commit=_tick if ticks else None,
        )
        self.choices_model: RowsModel[Choice] = RowsModel([column], row_id=lambda c: c.id)
        self.setModel(self.choices_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setItemDelegate(ClippedTextDelegate(self))
        keep_selection(self.selectionModel())
        self.set_choices(choices)

    def set_choices(self, choices: Iterable[Choice]) -> None:
        self.choices_model.set_rows(list(choices))

    def choices(self) -> list[Choice]:
        return self.choices_model.rows()

    def ticked(self) -> list[int]:
        """The ids of the ticked lines, in the order shown."""
        return [c.id for c in self.choices_model.rows() if c.ticked]

    def current_id(self) -> int | None:
        """The id of the chosen line; None when none is."""
        choice = self.choices_model.row_at(self.currentIndex().row())
        return choice.id if choice is not None and self.currentIndex().isValid() else None

    def index_of(self, text: str) -> QModelIndex:
        """The line that reads ``text`` (for finding a line the way a reader does)."""
        row = next((i for i, c in enumerate(self.choices_model.rows()) if c.text == text), -1)
        return self.choices_model.index(row, 0) if row >= 0 else QModelIndex()
