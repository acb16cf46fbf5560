"""The one way a page shows a PDF it makes: the pages, "Save as PDF…" and "Print…".

The page hands over two calls: one that reads what the document shows (in a
session, cheap) and one that lays it out (ReportLab, slow). Both run off the
UI thread; the layout is skipped when what the document shows has not
changed since it was last made, so visiting the tab again costs nothing.
The file and the paper are the bytes in the preview, so they are what the
user sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.i18n import _
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.ops import QueryOp
from huoltamo_desktop.ui.widgets.pdf_view import PdfView, print_pdf
from huoltamo_desktop.ui.widgets.saving import FileKind, ask_save_path, write_file

D = TypeVar("D")


def safe_file_name(text: str) -> str:
    """``text`` without the characters a file name cannot hold on Windows, macOS or Linux."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", text).strip() or "document"


class PdfOutput(QWidget):
    """Buttons and an info line above the preview of one PDF document."""

    built = Signal()
    saved = Signal(Path)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget,
        *,
        save_label: str,
        print_label: str,
        save_title: str,
        print_title: str,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._save_title = save_title
        self._print_title = print_title
        self._file_name = "document.pdf"
        self._shown: object = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.save_button = QPushButton(save_label, self)
        self.print_button = QPushButton(print_label, self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.info, 1)
        layout.addLayout(bar)
        # The pages exactly as they are saved and printed.
        self.view = PdfView(self)
        layout.addWidget(self.view, 1)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_pdf)

    def show_document(
        self,
        *,
        read: Callable[[Session], D],
        build: Callable[[D], bytes],
        file_name: str,
    ) -> None:
        """Show the document ``build(read(session))``, laid out again only if the data changed."""
        self._file_name = file_name
        shown = self._shown if self.view.pdf() else None

        def make(session: Session) -> tuple[D, bytes | None]:
            data = read(session)
            return data, None if data == shown else build(data)

        QueryOp(parent=self, ctx=self.ctx, op=make, success=self._made).with_busy(
            _("Making the PDF…")
        ).run_in_background()

    def _made(self, result: tuple[object, bytes | None]) -> None:
        data, pdf = result
        if pdf is not None:
            self._shown = data
            self.view.set_pdf(pdf)
        self.built.emit()

    def pdf(self) -> bytes:
        return self.view.pdf()

    def save_pdf(self) -> None:
        pdf = self.view.pdf()
        if not pdf:
            return
        chosen = ask_save_path(
            self,
            title=self._save_title,
            file_name=self._file_name,
            kinds=(FileKind(".pdf", _("PDF files (*.pdf)")),),
        )
        if chosen is None:
            return
        target = chosen[0]
        if not write_file(self, ctx=self.ctx, path=target, data=pdf, title=_("Save as PDF")):
            return
        self.info.setText(_("Saved: {path}").format(path=target))
        self.saved.emit(target)

    def print_pdf(self) -> bool:
        """Ask for a printer and print the pages; False if cancelled or it failed."""
        pdf = self.view.pdf()
        if not pdf:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self._print_title)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        try:
            print_pdf(pdf, printer)
        except OSError:
            QMessageBox.warning(
                self,
                self._print_title,
                _("The printer could not be started. Check the printer and try again."),
            )
            return False
        return True


class PdfDialog(QDialog):
    """A document in a window of its own: the pages, "Save as PDF…", "Print…" and Close.

    For a page that makes a PDF on request (a plan, a report) rather than
    keeping one on view.
    """

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget,
        *,
        title: str,
        read: Callable[[Session], D],
        build: Callable[[D], bytes],
        file_name: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 900)
        layout = QVBoxLayout(self)
        self.output = PdfOutput(
            ctx,
            self,
            save_label=_("&Save as PDF…"),
            print_label=_("&Print…"),
            save_title=title,
            print_title=title,
        )
        layout.addWidget(self.output, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.output.show_document(read=read, build=build, file_name=file_name)
