"""Small helpers shared by forms: combos for enums, error display."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QWidget

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import LANGUAGE_NAMES, LANGUAGES


def fill_combo(
    combo: QComboBox, items: Iterable[tuple[str, object]], current: object = None
) -> None:
    """Fill ``combo`` with (label, data) pairs and select ``current``."""
    combo.blockSignals(True)
    combo.clear()
    for label, data in items:
        combo.addItem(label, data)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


def language_items() -> list[tuple[str, object]]:
    return [(LANGUAGE_NAMES[code], code) for code in LANGUAGES]


def show_validation_error(
    parent: QWidget,
    error: UserError,
    fields: dict[str, QWidget],
    status: QLabel | None = None,
) -> None:
    """Say what is wrong next to the form and move the focus to the field at fault."""
    if status is not None:
        status.setText(str(error))
        status.setVisible(True)
    else:
        QMessageBox.warning(parent, parent.windowTitle(), str(error))
    widget = fields.get(getattr(error, "field", None) or "")
    if widget is not None:
        widget.setFocus()


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("FormError")
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def to_qdate(value: date | None) -> QDate:
    """A Python date for a date field; None gives Qt's empty date."""
    return QDate(value.year, value.month, value.day) if value else QDate()


def from_qdate(value: QDate) -> date:
    """The date a date field shows, as a Python date."""
    return date(value.year(), value.month(), value.day())
