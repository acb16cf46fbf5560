"""Shared pieces of the conversation view: dates, icons, tables, editor keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QDate, QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QDateEdit, QHeaderView, QTableView, QWidget

from huoltamo_desktop.i18n import date_input_format
from huoltamo_desktop.ui.widgets.table_model import SORT_ROLE
from huoltamo_desktop.ui.widgets.table_view import read_only_table

AUTOSAVE_MS = 800


def _blank_icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(0, 0, 0, 0))
    return QIcon(pixmap)


def _check_icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#2d6a4f"))
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), int(Qt.AlignmentFlag.AlignCenter), "✓")
    painter.end()
    return QIcon(pixmap)


def date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setDisplayFormat(date_input_format())
    edit.setCalendarPopup(True)
    edit.setDate(QDate.currentDate())
    return edit


def table_view(
    parent: QWidget,
    name: str,
    model: QAbstractItemModel,
    *,
    sort: tuple[int, Qt.SortOrder] | None = None,
) -> QTableView:
    """A read-only, sortable table over ``model``; without ``sort`` the model's own order is kept."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = read_only_table(parent, name, proxy, resize=QHeaderView.ResizeMode.ResizeToContents)
    view.setWordWrap(False)
    if sort is None:
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        proxy.sort(-1)
    else:
        view.sortByColumn(*sort)
    return view


def selected_source_row(view: QTableView) -> int:
    indexes = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not indexes:
        current = view.currentIndex()
        if not current.isValid():
            return -1
        indexes = [current]
    proxy = view.model()
    assert isinstance(proxy, QSortFilterProxyModel)
    return proxy.mapToSource(indexes[0]).row()


class _EditorKeys(QObject):
    """For the note fields: save when the focus leaves; Ctrl+Enter (Shift: back) changes topic.

    Handled here rather than with QShortcut so that the keys work in the text
    field itself, which would otherwise take Enter as a new line.
    """

    def __init__(
        self, parent: QObject, on_focus_out: Callable[[], None], on_move: Callable[[int], None]
    ) -> None:
        super().__init__(parent)
        self._on_focus_out = on_focus_out
        self._on_move = on_move

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._on_focus_out()
        elif event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key_event = event
            mods = key_event.modifiers()
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                mods & Qt.KeyboardModifier.ControlModifier
            ):
                self._on_move(-1 if mods & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
        return False
