"""Saving a report or a calendar: a file dialog, then the app's one safe way to write an export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _


def save_bytes(
    parent: QWidget,
    data: bytes,
    name: str,
    filters: str,
    suffix: str,
    *,
    database_url: str | None = None,
) -> Path | None:
    """Ask where to save ``data``; returns the path written, or None when cancelled or refused.

    The file is written through a temporary file and a rename (a full disk never
    leaves half a file), and never over the database itself.
    """
    from huoltamo_desktop.storage.files import write_export

    path_text, _filter = QFileDialog.getSaveFileName(parent, _("Save"), name, filters)
    if not path_text:
        return None
    path = Path(path_text)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    try:
        # The file dialog has already asked whether to replace an existing file.
        write_export(path, data, database_url=database_url, force=True)
    except UserError as exc:
        QMessageBox.warning(parent, _("Save"), str(exc))
        return None
    return path
