"""File dialogs that speak the app's language.

The platform's own dialog (GTK, the desktop portal) follows the desktop's
language, not the one chosen in the app; Qt's dialog is translated by the
qtbase catalogue installed with the app's language, so the app uses it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def save_file_choice(parent: QWidget, *, caption: str, start: str, filter: str) -> tuple[str, str]:
    """The path the person chose to save to and the file type they picked; ("", "") when cancelled."""
    path, selected = QFileDialog.getSaveFileName(parent, caption, start, filter, options=_OPTIONS)
    return path, selected if path else ""


def save_file_name(parent: QWidget, *, caption: str, start: str, filter: str) -> str:
    """The path the person chose to save to, or "" when they cancelled."""
    return save_file_choice(parent, caption=caption, start=start, filter=filter)[0]


def open_file_name(parent: QWidget, *, caption: str, start: str, filter: str) -> str:
    """The path of the file the person chose to open, or "" when they cancelled."""
    path, _selected = QFileDialog.getOpenFileName(parent, caption, start, filter, options=_OPTIONS)
    return path


def existing_folder(parent: QWidget, *, caption: str, start: str = "") -> str:
    """The folder the person chose, or "" when they cancelled."""
    return QFileDialog.getExistingDirectory(
        parent, caption, start, QFileDialog.Option.ShowDirsOnly | _OPTIONS
    )
