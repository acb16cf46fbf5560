"""Driving modal dialogs: the action runs once the dialog is up, inside its own event loop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QWidget,
)

D = TypeVar("D", bound=QDialog)


def when_dialog(kind: type[D], action: Callable[[D], None], *, timeout_ms: int = 5000) -> list[str]:
    """Run ``action(dialog)`` on the next modal dialog of type ``kind``; returns errors seen."""
    errors: list[str] = []
    waited = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            try:
                action(dialog)
            except Exception as exc:  # surfaced by the test through the returned list
                errors.append(repr(exc))
                dialog.reject()
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, poll)
        else:
            errors.append(f"no {kind.__name__} appeared")
            other = QApplication.activeModalWidget()
            if other is not None:  # an unexpected dialog: close it so the test fails, not hangs
                errors.append(f"instead: {type(other).__name__} {other.windowTitle()!r}")
                other.close()

    QTimer.singleShot(0, poll)
    return errors


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key events, one a character.

    QTest.keyClicks only knows ASCII (it aborts on Ä, Ö, Å or Ł); this sends
    each character as a real key press and release carrying its text, the way
    a keyboard with that letter does.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def settle() -> None:
    """Let the service calls started by the last click or key finish and show their result."""
    from huoltamo_desktop.ui import ops

    assert ops.wait_for_ops(), "a background call did not finish"


def button_of(dialog: QWidget, which: QDialogButtonBox.StandardButton) -> QPushButton:
    """The dialog's standard button (Save, OK…), failing the test if it has none."""
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None, "the dialog has no buttons"
    button = box.button(which)
    assert button is not None, f"the dialog has no {which.name} button"
    return button


def print_to_file(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Answer the print dialog of ``PdfOutput`` by printing to the PDF file ``target``."""
    from PySide6.QtPrintSupport import QPrinter

    class FakePrintDialog:
        class DialogCode:
            Accepted = 1

        def __init__(self, printer: QPrinter, parent: QWidget | None = None) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))

        def setWindowTitle(self, title: str) -> None:
            pass

        def exec(self) -> int:
            return 1

    monkeypatch.setattr("huoltamo_desktop.ui.widgets.pdf_output.QPrintDialog", FakePrintDialog)


def save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Answer every save dialog with ``target``."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
