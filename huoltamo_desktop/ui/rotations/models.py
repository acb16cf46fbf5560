"""The coverage heat map of the rotation plan (the plain lists are RowsModels on the page).

Skills down and weeks across, with the weeks as columns that come from the
plan: a two-dimensional model of its own, not a list of rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from huoltamo_desktop.domain.rotations import Span
from huoltamo_desktop.i18n import _, format_date, ngettext
from huoltamo_desktop.services import rotations as svc
from huoltamo_desktop.ui.widgets.table_model import ON_COLOUR

Index = QModelIndex | QPersistentModelIndex
SHORT_COLOUR = QColor("#e57373")
TIGHT_COLOUR = QColor("#ffe08a")
FINE_COLOUR = QColor("#b9e3a6")
PLENTY_COLOUR = QColor("#7cc47f")


class CoverageModel(QAbstractTableModel):
    """Skills down, weeks across; each cell the people at level 3+ available that week.

    Red: under the need; yellow: exactly at it; green: above it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._view: svc.CoverageView | None = None

    def set_view(self, view: svc.CoverageView) -> None:
        self.beginResetModel()
        self._view = view
        self.endResetModel()

    def view(self) -> svc.CoverageView | None:
        return self._view

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._view is None else len(self._view.skill_names)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._view is None else len(self._view.week_labels)

    def cell(self, row: int, column: int) -> tuple[int, int]:
        assert self._view is not None
        cov = self._view.coverage
        return cov.counts[row][column], cov.needs[row][column]

    def skill_at(self, row: int) -> tuple[int, str]:
        assert self._view is not None
        return self._view.coverage.skill_ids[row], self._view.skill_names[row]

    def week_at(self, column: int) -> Span:
        assert self._view is not None
        return self._view.coverage.weeks[column]

    def is_short(self, row: int, column: int) -> bool:
        count, need = self.cell(row, column)
        return count < need

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._view is None:
            return None
        count, need = self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count)
        if role == Qt.ItemDataRole.BackgroundRole:
            if count < need:
                return SHORT_COLOUR
            if count == need:
                return TIGHT_COLOUR
            return FINE_COLOUR if count < need + 2 else PLENTY_COLOUR
        if role == Qt.ItemDataRole.ForegroundRole:
            return ON_COLOUR  # readable on the pale colours in a dark desktop theme too
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            week = self.week_at(index.column())
            _sid, name = self.skill_at(index.row())
            text = ngettext(
                "{skill}, week of {day}: {count} person at level 3 or above available, {need} needed.",
                "{skill}, week of {day}: {count} people at level 3 or above available, {need} needed.",
                count,
            ).format(skill=name, day=format_date(week.start), count=count, need=need)
            if count < need:
                text += " " + _("Select the cell to see who could cover.")
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{count} / {need}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._view is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self._view.week_labels[section]
            return self._view.skill_names[section]
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            week = self._view.coverage.weeks[section]
            return f"{format_date(week.start)} – {format_date(week.end)}"
        return None
