"""A Qt table model over plain rows, described column by column (people, conversations, employee mode)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from huoltamo_desktop.i18n import _

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
# (title as an N_() message, text of a row, sort key of a row)
Column = tuple[str, Callable[[Row], str], Callable[[Row], Any]]
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A table of plain rows; each column is (title, text of a row, sort key of a row).

    The sort key answers SORT_ROLE; with ``tooltips`` the text is also the tooltip.
    Subclasses answer other roles for a whole row (its id, a colour) in row_data().
    """

    def __init__(self, columns: Sequence[Column[Row]], *, tooltips: bool = False) -> None:
        super().__init__()
        self._columns = list(columns)
        self._tooltips = tooltips
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self._columns[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        _title, text, key = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole or (
            self._tooltips and role == Qt.ItemDataRole.ToolTipRole
        ):
            return text(row)
        if role == SORT_ROLE:
            return key(row)
        return self.row_data(row, role)

    def row_data(self, row: Row, role: int) -> Any:
        """What a row answers for ``role`` in every column; nothing by default."""
        return None
