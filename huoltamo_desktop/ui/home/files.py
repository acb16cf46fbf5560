"""Saving a report or a calendar: a file dialog, and a clear message if the disk says no."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from huoltamo_desktop.i18n import _


def save_bytes(parent: QWidget, data: bytes, name: str, filters: str, suffix: str) -> Path | None:
    """Ask where to save ``data``; returns the path written, or None when cancelled or failed."""
    path_text, _filter = QFileDialog.getSaveFileName(parent, _("Save"), name, filters)
    if not path_text:
        return None
    path = Path(path_text)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    try:
        path.write_bytes(data)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            _("Save"),
            _("Could not save {path}: {error}").format(path=path, error=exc.strerror or exc),
        )
        return None
    return path
