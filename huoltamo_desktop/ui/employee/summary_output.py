"""Save "my summary" as a PDF file, or print it.

Both take the PDF that ``reports.employee_summary`` lays out: printing
rasterises its pages for the printer (``ui.widgets.pdf_view.print_pdf``), so
paper and file show the same layout.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.storage.files import write_export
from huoltamo_desktop.ui.widgets.files import save_file_name
from huoltamo_desktop.ui.widgets.pdf_view import print_pdf


def suggested_file_name(person_name: str) -> str:
    safe = re.sub(r"[^\w\- ]+", "", person_name).strip().replace(" ", "_") or "summary"
    return _("career_summary_{name}.pdf").format(name=safe)


def save_pdf(
    parent: QWidget, pdf: bytes, person_name: str, *, database_url: str | None = None
) -> Path | None:
    path_text = save_file_name(
        parent,
        caption=_("Save my summary as PDF"),
        start=str(Path.home() / suggested_file_name(person_name)),
        filter=_("PDF files (*.pdf)"),
    )
    if not path_text:
        return None
    path = Path(path_text)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    try:
        write_export(path, pdf, database_url=database_url, force=True)
    except UserError as exc:
        QMessageBox.warning(parent, _("Save my summary as PDF"), str(exc))
        return None
    QMessageBox.information(
        parent, _("Save my summary as PDF"), _("Saved: {path}").format(path=path)
    )
    return path


def print_summary(parent: QWidget, pdf: bytes) -> bool:
    """Ask for a printer and print the pages of ``pdf``; False if cancelled or it failed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print my summary"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    try:
        print_pdf(pdf, printer)
    except OSError:
        QMessageBox.warning(
            parent,
            _("Print my summary"),
            _("The printer could not be started. Check the printer and try again."),
        )
        return False
    return True
