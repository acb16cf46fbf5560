"""Shared pieces of the conversation view: dates, icons, editor keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QDateEdit, QWidget

from huoltamo_desktop.i18n import date_input_format

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
