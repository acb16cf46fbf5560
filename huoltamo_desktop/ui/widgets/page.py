"""What the pages share at their top: the heading and the search field."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget


def page_heading(text: str, parent: QWidget) -> QLabel:
    """A page's title, in the one size every page uses."""
    label = QLabel(text, parent)
    label.setStyleSheet("font-size: 15pt; font-weight: bold;")
    return label


def search_field(parent: QWidget, object_name: str, placeholder: str) -> QLineEdit:
    """A search field with a clear button; ``placeholder`` says what it searches."""
    field = QLineEdit(parent)
    field.setObjectName(object_name)
    field.setPlaceholderText(placeholder)
    field.setClearButtonEnabled(True)
    return field
