"""The one Qt table model for lists of plain rows, described column by column.

Every list that can grow (people, conversations, cards, catalogues, plans)
is a ``RowsModel`` over frozen dataclass rows, sorted by each column's key
and shown through a ``RowsProxy`` (``table_view.rows_table`` makes both; a
list of ticks is ``choice_list.ChoiceList``). A column says how a row reads
(``text``), how it sorts (``key``; by default the text in the user's
alphabet, so "Öberg" comes after "Zetterlund" in Finnish and Swedish),
whether it is a number (right-aligned), and optionally its tooltip,
background, tick box or in-place edit. What a whole row answers (its id under ``ID_ROLE``, a grey or
red text) comes from ``row_data``.

Example::

    @dataclass(frozen=True)
    class CardRow:
        id: int
        person: str
        days_left: int

    model: RowsModel[CardRow] = RowsModel(
        [
            Column(N_("Person"), lambda r: r.person),
            Column(N_("Days left"), lambda r: str(r.days_left), key=lambda r: r.days_left,
                   number=True),
        ],
        row_id=lambda r: r.id,
    )
    view = rows_table(parent, "cards", model)  # sortable; a reload keeps the chosen row
    model.set_rows(rows)
    chosen: CardRow | None = selected_row(view)

The skills matrix and the rotation coverage map are two-dimensional (their
columns come from the data and every cell is a value), so they are models of
their own; they share ``ID_ROLE`` and ``ON_COLOUR`` with this one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeAlias, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from shiboken6 import isValid

from huoltamo_desktop.i18n import _, pgettext
from huoltamo_desktop.i18n.collation import sort_key

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
SortKey: TypeAlias = "str | int | float | date | tuple[SortKey, ...]"
# What an in-place editor starts from and hands back (a level, a text).
EditValue: TypeAlias = int | str | None
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# Readable on the pale state colours whatever the desktop theme's text colour is.
ON_COLOUR = QColor("#1b1b1b")


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column: its title (an ``N_()`` message, translated when shown) and how a row fills it.

    ``key`` sorts the column (default: ``sort_key`` of the text, the user's
    alphabet); a ``number`` column is right-aligned and needs its own key.
    ``checked`` makes the cell a tick box; ``edit`` gives the value an editor
    starts from. ``commit`` saves a tick or an edit and returns the row as it
    is now, or None when nothing was saved.
    """

    title: str
    text: Callable[[Row], str]
    key: Callable[[Row], SortKey] | None = None
    number: bool = False
    tooltip: Callable[[Row], str | None] | None = None
    background: Callable[[Row], str | None] | None = None
    checked: Callable[[Row], bool] | None = None
    edit: Callable[[Row], EditValue] | None = None
    commit: Callable[[Row, EditValue | bool], Row | None] | None = None
    context: str | None = None  # the pgettext context of the title, where one word means two things

    def __post_init__(self) -> None:
        if self.number and self.key is None:
            raise ValueError(f"the number column {self.title!r} needs a sort key")

    def sort_value(self, row: Row) -> SortKey:
        return self.key(row) if self.key is not None else sort_key(self.text(row))


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A table of plain rows, one ``Column`` each; ``row_id`` names a row under ``ID_ROLE``."""

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        *,
        row_id: Callable[[Row], Hashable] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._row_id = row_id
        self._rows: list[Row] = []
        self._given: list[Row] = []  # the order the rows came in, for an unsorted view
        self._sort_keys: dict[int, list[SortKey]] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # Rows

    def set_rows(
        self, rows: Sequence[Row], *, columns: Sequence[Column[Row]] | None = None
    ) -> None:
        """Show ``rows`` instead; a view with ``keep_selection`` keeps its chosen row.

        ``columns`` replaces the columns too, for a table whose columns come
        from the data (one a period).
        """
        self.beginResetModel()
        if columns is not None:
            self._columns = list(columns)
            self._sort_column = -1
        self._given = list(rows)
        self._rows = self._in_order(self._given)
        self._sort_keys.clear()
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_of(self, row_id: Hashable) -> int:
        """The row number of the row whose id is ``row_id``; -1 when it is not shown."""
        ids = self._row_id
        if ids is None:
            return -1
        return next((i for i, r in enumerate(self._rows) if ids(r) == row_id), -1)

    def column(self, column: int) -> Column[Row]:
        return self._columns[column]

    def sort_value(self, row: int, column: int) -> SortKey:
        """The key ``row`` sorts by in ``column``, computed once per reset."""
        keys = self._sort_keys.get(column)
        if keys is None:
            spec = self._columns[column]
            keys = self._sort_keys[column] = [spec.sort_value(r) for r in self._rows]
        return keys[row]

    # Sorting: in Python, once per click, rather than one call into Python per comparison

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: the order the rows were given in); chosen rows stay chosen."""
        self._sort_column = column if 0 <= column < len(self._columns) else -1
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._rows = self._in_order(self._given)
        self._sort_keys.clear()
        where: dict[int, list[int]] = {}
        for new, row in enumerate(self._rows):
            where.setdefault(id(row), []).append(new)
        old = self.persistentIndexList()
        moved = [
            self.index(where[id(before[i.row()])][0], i.column())
            if 0 <= i.row() < len(before)
            else QModelIndex()
            for i in old
        ]
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()

    def _in_order(self, rows: list[Row]) -> list[Row]:
        if self._sort_column < 0:
            return list(rows)
        spec = self._columns[self._sort_column]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=spec.sort_value, reverse=descending)

    # What a whole row answers

    def row_data(self, row: Row, role: int) -> object:
        """What a row answers for ``role`` in every column (a colour, a font); nothing by default."""
        return None

    # Qt's side

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        spec = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if not spec.title:
                return ""
            return pgettext(spec.context, spec.title) if spec.context else _(spec.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.number:
            return NUMBER_ALIGNMENT
        return None

    def _valid(self, index: Index) -> bool:
        return (
            index.isValid()
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(self._columns)
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        spec = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.text(row)
        if role == ID_ROLE and self._row_id is not None:
            return self._row_id(row)
        if role == SORT_ROLE:
            return self.sort_value(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.number:
            return NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole and spec.tooltip is not None:
            return spec.tooltip(row) or None
        if role == Qt.ItemDataRole.CheckStateRole and spec.checked is not None:
            return Qt.CheckState.Checked if spec.checked(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole and spec.edit is not None:
            return spec.edit(row)
        if spec.background is not None and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            colour = spec.background(row)
            if colour:
                return QColor(colour) if role == Qt.ItemDataRole.BackgroundRole else ON_COLOUR
        return self.row_data(row, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not self._valid(index):
            return flags
        spec = self._columns[index.column()]
        if spec.commit is not None and spec.checked is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if spec.commit is not None and spec.edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index):
            return False
        spec = self._columns[index.column()]
        if spec.commit is None:
            return False
        new_value: EditValue | bool
        if role == Qt.ItemDataRole.CheckStateRole and spec.checked is not None:
            state = value.value if isinstance(value, Qt.CheckState) else value
            new_value = state == Qt.CheckState.Checked.value
        elif role == Qt.ItemDataRole.EditRole and spec.edit is not None:
            if value is not None and not isinstance(value, int | str):
                return False
            new_value = value
        else:
            return False
        updated = spec.commit(self._rows[index.row()], new_value)
        if updated is None:
            return False
        self.replace_row(index.row(), updated)
        return True

    def replace_row(self, row: int, updated: Row) -> None:
        """Show ``updated`` in place of row ``row`` (after an edit), keeping the selection."""
        old = self._rows[row]
        self._rows[row] = updated
        self._given = [updated if r is old else r for r in self._given]
        self._sort_keys.clear()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))


def _blank(_row: object) -> str:
    return ""


def tick_column(
    title: str,
    checked: Callable[[Row], bool],
    commit: Callable[[Row, EditValue | bool], Row | None] | None = None,
) -> Column[Row]:
    """A column that is only a tick box; sorted ticked last."""
    return Column(title, _blank, key=lambda r: int(checked(r)), checked=checked, commit=commit)


class RowsProxy(QSortFilterProxyModel):
    """The view's side of a ``RowsModel``: a header click sorts the model; a subclass filters.

    Qt compares only plain values in a sort role, and one call into Python per
    comparison makes a click on a 1000-row list slow; the keys here may be
    tuples (a state, then its version) or dates. So the model sorts its rows
    with Python's ``sorted`` and this proxy keeps that order. Subclasses
    filter with ``filterAcceptsRow`` (or the fixed-string filter) as usual.
    """

    def __init__(self, source: RowsModel[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)

    def rows_model(self) -> RowsModel[Any]:
        source = self.sourceModel()
        assert isinstance(source, RowsModel)
        return source

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The rows model sorts itself; the proxy keeps its order and only filters.
        self.rows_model().sort(column, order)

    def id_at(self, row: int) -> Hashable:
        """The id of the row shown at ``row`` (in the sorted order)."""
        return self.index(row, 0).data(ID_ROLE) if 0 <= row < self.rowCount() else None

    def row_of(self, row_id: Hashable) -> int:
        """The shown row number of the row whose id is ``row_id``; -1 when it is filtered out."""
        source_row = self.rows_model().row_of(row_id)
        if source_row < 0:
            return -1
        return self.mapFromSource(self.rows_model().index(source_row, 0)).row()


def keep_selection(selection: QItemSelectionModel) -> None:
    """After ``set_rows`` the rows chosen before (by their ids) are chosen again.

    A reload after an edit or a refresh from elsewhere then leaves the user
    where they were, and the detail beside the list is told it shows the same
    row (``currentChanged``).
    """
    model = selection.model()
    chosen: list[Hashable] = []
    current: list[tuple[Hashable, int]] = []

    def remember() -> None:
        if not isValid(selection):
            return
        chosen[:] = [i.data(ID_ROLE) for i in selection.selectedRows()]
        index = selection.currentIndex()
        current[:] = [(index.data(ID_ROLE), index.column())] if index.isValid() else []

    def restore() -> None:
        wanted = {i for i in chosen if i is not None}
        current_id, current_column = current[0] if current else (None, 0)
        if not isValid(selection) or (not wanted and current_id is None):
            return
        rows = QItemSelection()
        now = QModelIndex()
        for row in range(model.rowCount()):
            row_id = model.index(row, 0).data(ID_ROLE)
            if row_id in wanted:
                rows.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
            if row_id is not None and row_id == current_id:
                now = model.index(row, current_column)
        flags = QItemSelectionModel.SelectionFlag
        if now.isValid():
            selection.setCurrentIndex(now, flags.NoUpdate)
        selection.select(rows, flags.ClearAndSelect)

    model.modelAboutToBeReset.connect(remember)
    model.modelReset.connect(restore)
