"""The Summary step: preview, save and print the summary PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _, in_language
from huoltamo_desktop.services import conversations as service
from huoltamo_desktop.storage.files import write_export
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.ops import QueryOp
from huoltamo_desktop.ui.widgets.files import save_file_name
from huoltamo_desktop.ui.widgets.pdf_view import PdfView


class SummaryStep(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._detail: service.ConversationDetail | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.print_button = QPushButton(_("&Print…"), self)
        self.print_button.setObjectName("print_summary")
        self.save_button = QPushButton(_("&Save as PDF…"), self)
        self.save_button.setObjectName("save_summary")
        self.info = QLabel(self)
        self.info.setObjectName("summary_info")
        self.info.setWordWrap(True)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.info, 1)
        layout.addLayout(bar)
        self.view = PdfView(self)
        layout.addWidget(self.view, 1)
        self.print_button.clicked.connect(self.print_summary)
        self.save_button.clicked.connect(self.save_pdf)

    def load(self, detail: service.ConversationDetail) -> None:
        """Show the summary; the PDF is made off the UI thread and shown when it is ready."""
        self._detail = detail
        conversation_id = detail.id

        def shown(pdf: bytes) -> None:
            if self._detail is not None and self._detail.id == conversation_id:
                self.view.set_pdf(pdf)

        QueryOp(
            parent=self,
            ctx=self.ctx,
            op=lambda session: service.summary_pdf(session, conversation_id=conversation_id),
            success=shown,
        ).with_busy(_("Making the summary…")).run_in_background()
        # "The summary is in Swedish", named in the language of the sentence, not "på svenska".
        language = in_language(detail.person_language)
        if detail.person_id is None:  # a team's conversation: the firm's document language
            text = _(
                "The summary is {in_language}, the firm's default document language. "
                "Private notes are never printed."
            ).format(in_language=language)
        else:
            text = _(
                "The summary is {in_language}, the document language of {name}. "
                "Private notes are never printed."
            ).format(in_language=language, name=detail.subject)
        if not detail.is_final:
            text += " " + _("Mark the conversation final before you print the copy to sign.")
        self.info.setText(text)

    def print_summary(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        try:
            self.view.print_to(printer)
        except OSError:
            QMessageBox.warning(
                self,
                _("Print"),
                _("The printer could not be started. Check the printer and try again."),
            )

    def save_pdf(self) -> None:
        if self._detail is None:
            return
        with self.ctx.session() as s:
            name = service.summary_file_name(s, conversation_id=self._detail.id)
        start = str(Path.home() / name)
        path = save_file_name(
            self, caption=_("Save the summary as PDF"), start=start, filter=_("PDF files (*.pdf)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            # The save dialog asked before replacing a file; the database itself is never replaced.
            write_export(target, self.view.pdf(), database_url=self.ctx.database_url, force=True)
        except UserError as exc:
            QMessageBox.warning(self, _("Save as PDF"), str(exc))
            return
        self.info.setText(_("Saved: {path}").format(path=target))
