"""The skills matrix on Qt model/view: a table model over flat arrays and a heat-map delegate.

The model keeps the whole matrix in lists (loaded in a few set-based
queries) and maps visible rows and columns to them, so ``data()`` is O(1)
and filtering by team or category never touches the database.

It is the one table that is not a ``RowsModel``: its columns are the skills
(data, not a fixed description), every cell is a level edited in place and
painted by the heat-map delegate, and rows and columns are filtered
together. It shares the row id role and the text colour on state colours
with the other tables.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QKeyEvent, QPainter, QPen, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from huoltamo_desktop.domain.skills import GAP_COLOURS, LEVEL_COLOURS, LEVELS
from huoltamo_desktop.i18n import _, format_date
from huoltamo_desktop.services.skills import NO_LEVEL, MatrixData, level_descriptor, level_label
from huoltamo_desktop.ui.widgets.table_model import ID_ROLE, ON_COLOUR

ModelIndex = QModelIndex | QPersistentModelIndex
CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # (current, target, required) of a cell
PERSON_ID_ROLE = ID_ROLE  # a row is a person, named like a row of every other table
SKILL_ID_ROLE = Qt.ItemDataRole.UserRole + 3


class MatrixMode(StrEnum):
    CURRENT = "current"
    TARGET = "target"
    GAP = "gap"


# Writes a level for (person_id, skill_id) in the given mode; returns the new
# (current, target) of the cell, or raises UserError with a message.
Writer = Callable[[int, int, int, str], tuple[int, int]]

_TEXT_COLOUR = ON_COLOUR
_LEVEL_BRUSHES: dict[int, QColor] = {}
_GAP_BRUSHES: dict[int, QColor] = {}


def level_colour(level: int) -> QColor:
    if not _LEVEL_BRUSHES:
        _LEVEL_BRUSHES.update({k: QColor(v) for k, v in LEVEL_COLOURS.items()})
    return _LEVEL_BRUSHES.get(level, QColor("#ffffff"))


def gap_colour(gap: int) -> QColor:
    if not _GAP_BRUSHES:
        _GAP_BRUSHES.update({k: QColor(v) for k, v in GAP_COLOURS.items()})
    return _GAP_BRUSHES.get(min(gap, 4), QColor("#ffffff"))


class SkillMatrixModel(QAbstractTableModel):
    edit_failed = Signal(str)

    def __init__(self, writer: Writer | None = None) -> None:
        super().__init__()
        self._writer = writer
        self._data = MatrixData([], [], [], [], {}, [], [], [])
        self._rows: list[int] = []
        self._cols: list[int] = []
        self._team: int | None = None
        self._category: int | None = None
        self._category_all = True
        self.mode: str = MatrixMode.CURRENT
        self.last_error = ""

    # --- loading and filtering ------------------------------------------------------

    def set_matrix(self, data: MatrixData) -> None:
        self.beginResetModel()
        self._data = data
        self._apply_filter()
        self.endResetModel()

    @property
    def matrix(self) -> MatrixData:
        return self._data

    def set_filter(
        self, *, team_id: int | None, category_id: int | None, all_categories: bool
    ) -> None:
        self.beginResetModel()
        self._team = team_id
        self._category = category_id
        self._category_all = all_categories
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        d = self._data
        self._rows = [
            r for r, p in enumerate(d.people) if self._team is None or p.team_id == self._team
        ]
        self._cols = [
            c
            for c, s in enumerate(d.skills)
            if self._category_all or s.category_id == self._category
        ]

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        if self._rows and self._cols:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._cols) - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self._cols) - 1))

    # --- the model interface --------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cols)

    def cell(self, row: int, column: int) -> tuple[int, int, int]:
        r, c = self._rows[row], self._cols[column]
        d = self._data
        return d.current[r][c], d.target[r][c], d.required[r][c]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r, c = self._rows[index.row()], self._cols[index.column()]
        d = self._data
        if role == CELL_ROLE:
            return d.current[r][c], d.target[r][c], d.required[r][c]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(d.current[r][c], d.target[r][c], d.required[r][c])
        if role == Qt.ItemDataRole.EditRole:
            value = d.target[r][c] if self.mode == MatrixMode.TARGET else d.current[r][c]
            return value if value != NO_LEVEL else 0
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, c)
        if role == PERSON_ID_ROLE:
            return d.people[r].id
        if role == SKILL_ID_ROLE:
            return d.skills[c].id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def display_text(self, current: int, target: int, required: int) -> str:
        return self._display(current, target, required)

    def _display(self, current: int, target: int, required: int) -> str:
        if self.mode == MatrixMode.TARGET:
            return "" if target == NO_LEVEL else str(target)
        if self.mode == MatrixMode.GAP:
            if required == NO_LEVEL:
                return ""
            gap = required - max(current, 0)
            return f"−{gap}" if gap > 0 else "✓"
        return "" if current == NO_LEVEL else str(current)

    def _tooltip(self, r: int, c: int) -> str:
        d = self._data
        person, skill = d.people[r], d.skills[c]
        current, target, required = d.current[r][c], d.target[r][c], d.required[r][c]
        lines = [f"<b>{_escape(person.name)}</b> · {_escape(skill.name)}"]
        if current == NO_LEVEL:
            lines.append(_("Not rated yet"))
        else:
            lines.append(
                _("Level {level} – {label}: {descriptor}").format(
                    level=current, label=level_label(current), descriptor=level_descriptor(current)
                )
            )
        if target != NO_LEVEL:
            when = d.target_dates.get((r, c))
            if when is not None:
                lines.append(
                    _("Target {level} by {date}").format(level=target, date=format_date(when))
                )
            else:
                lines.append(_("Target {level}").format(level=target))
        if required != NO_LEVEL:
            lines.append(_("The role needs level {level}").format(level=required))
        return "<br/>".join(lines)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        d = self._data
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self._cols):
                return None
            skill = d.skills[self._cols[section]]
            if role == Qt.ItemDataRole.DisplayRole:
                return skill.name
            if role == Qt.ItemDataRole.ToolTipRole:
                text = f"<b>{_escape(skill.name)}</b><br/>{_escape(skill.category)}"
                return text + (f"<br/>{_escape(skill.description)}" if skill.description else "")
            return None
        if section >= len(self._rows):
            return None
        person = d.people[self._rows[section]]
        if role == Qt.ItemDataRole.DisplayRole:
            return person.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(x for x in (person.name, person.job_title, person.team_name) if x)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self._writer is not None and self.mode != MatrixMode.GAP:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(
        self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._writer is None:
            return False
        if self.mode == MatrixMode.GAP:
            return False
        if not isinstance(value, int) or isinstance(value, bool) or value not in LEVELS:
            return False
        r, c = self._rows[index.row()], self._cols[index.column()]
        d = self._data
        from huoltamo_desktop.domain.errors import UserError

        try:
            current, target = self._writer(d.people[r].id, d.skills[c].id, value, self.mode)
        except UserError as exc:
            self.last_error = str(exc)
            self.edit_failed.emit(self.last_error)
            return False
        self.last_error = ""
        d.current[r][c] = current
        d.target[r][c] = target
        self.dataChanged.emit(index, index)
        return True

    # --- lookups for the page -----------------------------------------------------------

    def person_at(self, row: int) -> tuple[int, str]:
        p = self._data.people[self._rows[row]]
        return p.id, p.name

    def skill_at(self, column: int) -> tuple[int, str]:
        s = self._data.skills[self._cols[column]]
        return s.id, s.name

    def set_target_date(self, row: int, column: int, when: object) -> None:
        key = (self._rows[row], self._cols[column])
        from datetime import date

        if isinstance(when, date):
            self._data.target_dates[key] = when
        else:
            self._data.target_dates.pop(key, None)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class LevelDelegate(QStyledItemDelegate):
    """Edits a level with a combo that shows each level's descriptor."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        combo = LevelCombo(parent)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: LevelCombo) -> None:
        # A pick from the open list commits at once; arrow keys on the closed combo only move
        # the choice, and Enter commits it (handled by the delegate's event filter).
        if not combo.picked_from_list:
            return
        combo.picked_from_list = False
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setCurrentIndex(editor.findData(value if isinstance(value, int) else 0))

    def setModelData(self, editor: QWidget, model: object, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox) and isinstance(model, QAbstractTableModel):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> None:
        rect: QRect = option.rect
        editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 60), rect.height())


class HeatMapDelegate(LevelDelegate):
    """Paints a cell as a coloured square with its level, a target marker and a gap mark.

    Painting reads the model's arrays directly and caches text positions, so a
    cell costs a handful of calls; the matrix scrolls as smoothly as a plain table.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offsets: dict[tuple[str, int, int], tuple[int, int]] = {}
        self._selected_pen = QPen(QColor("#1f4e9a"), 2)
        self._marker = QBrush(QColor("#1f4e9a"))
        self._gap_mark = QColor("#c62828")

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        model = index.model()
        if not isinstance(model, SkillMatrixModel):
            super().paint(painter, option, index)
            return
        current, target, required = model.cell(index.row(), index.column())
        mode = model.mode
        rect: QRect = option.rect
        x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
        if mode == MatrixMode.GAP:
            colour = gap_colour(required - max(current, 0)) if required != NO_LEVEL else None
        else:
            shown = target if mode == MatrixMode.TARGET else current
            colour = level_colour(shown) if shown != NO_LEVEL else None
        if colour is not None:
            painter.fillRect(x + 1, y + 1, w - 2, h - 2, colour)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.save()
            painter.setPen(self._selected_pen)
            painter.drawRect(x + 2, y + 2, w - 4, h - 4)
            painter.restore()
        text = model.display_text(current, target, required)
        if text:
            key = (text, w, h)
            offset = self._offsets.get(key)
            if offset is None:
                metrics = option.fontMetrics
                offset = (
                    (w - metrics.horizontalAdvance(text)) // 2,
                    (h + metrics.ascent() - metrics.descent()) // 2,
                )
                self._offsets[key] = offset
            painter.setPen(_TEXT_COLOUR)
            painter.drawText(x + offset[0], y + offset[1], text)
        if mode == MatrixMode.CURRENT and target != NO_LEVEL and target > max(current, 0):
            # A small triangle in the top-right corner: a target above today's level.
            right, top = x + w - 2, y + 1
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._marker)
            painter.drawPolygon(
                QPolygon([QPoint(right - 7, top), QPoint(right, top), QPoint(right, top + 7)])
            )
            painter.restore()
        if mode != MatrixMode.GAP and required != NO_LEVEL and max(current, 0) < required:
            # A red bar along the bottom: below what the role needs.
            painter.fillRect(x + 1, y + h - 4, w - 2, 3, self._gap_mark)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(34, 24)


class LevelCombo(QComboBox):
    """A level picker: "2 – Independent", with the descriptor in the list and as a tooltip."""

    def __init__(self, parent: QWidget | None = None, *, with_none: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("level_combo")
        if with_none is not None:
            self.addItem(with_none, None)
        for level in LEVELS:
            self.addItem(f"{level} – {level_label(level)}: {level_descriptor(level)}", level)
            self.setItemData(self.count() - 1, level_descriptor(level), Qt.ItemDataRole.ToolTipRole)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 24)
        self.currentIndexChanged.connect(self._update_tooltip)
        self.picked_from_list = False

    def showPopup(self) -> None:
        self.picked_from_list = True
        super().showPopup()

    def _update_tooltip(self, index: int) -> None:
        level = self.itemData(index)
        self.setToolTip(level_descriptor(level) if isinstance(level, int) else "")

    def level(self) -> int | None:
        value = self.currentData()
        return value if isinstance(value, int) else None

    def set_level(self, level: int | None) -> None:
        index = self.findData(level)
        self.setCurrentIndex(index if index >= 0 else 0)


class RotatedHeader(QHeaderView):
    """Skill names written upwards, so a column needs only the width of a level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultSectionSize(34)
        self.setMinimumSectionSize(24)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:
        # Tall enough for the longest skill name (long Finnish compounds), within limits
        # that leave room for the people on a small screen.
        base = super().sizeHint()
        metrics = QFontMetrics(self.font())
        model = self.model()
        longest = max(
            (
                metrics.horizontalAdvance(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(model.columnCount())
            )
            if model is not None
            else (),
            default=0,
        )
        return QSize(base.width(), max(90, min(210, longest + 14)))

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if not rect.isValid():
            return
        painter.save()
        painter.fillRect(rect, self.palette().button())
        painter.setPen(self.palette().mid().color())
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        text = (
            self.model().headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if self.model()
            else ""
        )
        metrics = QFontMetrics(self.font())
        elided = metrics.elidedText(str(text or ""), Qt.TextElideMode.ElideRight, rect.height() - 8)
        painter.setPen(self.palette().buttonText().color())
        painter.translate(
            rect.left() + rect.width() / 2 + metrics.ascent() / 2 - 2, rect.bottom() - 4
        )
        painter.rotate(-90)
        painter.drawText(0, 0, elided)
        painter.restore()


class SkillMatrixView(QTableView):
    """The matrix table: type 0–4 on a cell to set its level; F2 or Enter opens the level list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("skill_matrix")
        self.setHorizontalHeader(RotatedHeader(self))
        self.setItemDelegate(HeatMapDelegate(self))
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(False)

    def fit_names(self) -> None:
        """Make the name column as wide as the longest visible name (computed once, not per paint)."""
        model = self.model()
        if model is None:
            return
        metrics = QFontMetrics(self.verticalHeader().font())
        widest = 80
        for row in range(model.rowCount()):
            name = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
            widest = max(widest, metrics.horizontalAdvance(str(name)))
        self.verticalHeader().setFixedWidth(min(widest + 16, 260))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        index = self.currentIndex()
        if (
            text in {"0", "1", "2", "3", "4"}
            and index.isValid()
            and self.state() != QAbstractItemView.State.EditingState
            and index.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            model = self.model()
            saved = model.setData(index, int(text), Qt.ItemDataRole.EditRole)
            # Move on to the next skill: rating a whole row goes quickly.
            if saved and index.column() + 1 < model.columnCount():
                self.setCurrentIndex(model.index(index.row(), index.column() + 1))
            event.accept()
            return
        super().keyPressEvent(event)
