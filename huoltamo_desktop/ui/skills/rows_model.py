"""A read-only table model over plain rows, for the skills lists (catalogue, needs, cards, analyses)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from huoltamo_desktop.ui.widgets.table_view import read_only_table

ModelIndex = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole  # the row's id, as ID_ROLE of the shared table model
SORT_ROLE = Qt.ItemDataRole.UserRole + 11


class RowsModel(QAbstractTableModel):
    """Rows of display strings with a key per row, optional tooltips, sort values and backgrounds."""

    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__()
        self._headers = list(headers)
        self._rows: list[Sequence[str]] = []
        self._keys: list[object] = []
        self._tips: list[str] = []
        self._sort: list[Sequence[object]] = []
        self._backgrounds: dict[tuple[int, int], str] = {}

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        *,
        keys: Sequence[object] | None = None,
        tooltips: Sequence[str] | None = None,
        sort_values: Sequence[Sequence[object]] | None = None,
        backgrounds: dict[tuple[int, int], str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = list(keys) if keys is not None else list(range(len(rows)))
        self._tips = list(tooltips) if tooltips is not None else []
        self._sort = list(sort_values) if sort_values is not None else []
        self._backgrounds = dict(backgrounds or {})
        self.endResetModel()

    def key(self, row: int) -> object:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[r][c]
        if role == Qt.ItemDataRole.ToolTipRole and self._tips:
            return self._tips[r] or None
        if role == KEY_ROLE:
            return self._keys[r]
        if role == SORT_ROLE:
            if self._sort:
                return self._sort[r][c]
            return self._rows[r][c]
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self._backgrounds.get((r, c))
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and (r, c) in self._backgrounds:
            return QColor("#1b1b1b")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if section < len(self._headers) else None
        return None


def rows_view(
    parent: QWidget, object_name: str, model: RowsModel
) -> tuple[QTableView, QSortFilterProxyModel]:
    """A sortable, read-only table view over ``model``; returns (view, proxy)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = read_only_table(parent, object_name, proxy, resize=QHeaderView.ResizeMode.Interactive)
    # Keep the order the rows were given in (the analyses rank them) until a header is clicked.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    proxy.sort(-1)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
    view.resizeColumnsToContents()  # an empty table still shows its whole column titles
    return view, proxy


def selected_key(view: QTableView) -> object:
    """The key of the selected row of a view made by rows_view()."""
    index = view.currentIndex()
    if not index.isValid():
        return None
    return index.data(KEY_ROLE)
