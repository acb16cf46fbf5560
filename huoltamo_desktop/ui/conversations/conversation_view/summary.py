"""The Summary step: preview, save and print the summary PDF."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget
from sqlmodel import Session

from huoltamo_desktop.domain.conversations import SummaryData
from huoltamo_desktop.i18n import _, in_language
from huoltamo_desktop.services import conversations as service
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.widgets.pdf_output import PdfOutput, safe_file_name


def _build(data: SummaryData) -> bytes:
    return service.summary_pdf_of(data)


class SummaryStep(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._detail: service.ConversationDetail | None = None
        layout = QVBoxLayout(self)
        self.output = PdfOutput(
            ctx,
            self,
            save_label=_("&Save as PDF…"),
            print_label=_("&Print…"),
            save_title=_("Save the summary as PDF"),
            print_title=_("Print"),
        )
        self.print_button = self.output.print_button
        self.print_button.setObjectName("print_summary")
        self.save_button = self.output.save_button
        self.save_button.setObjectName("save_summary")
        self.info = self.output.info
        self.info.setObjectName("summary_info")
        self.view = self.output.view
        layout.addWidget(self.output, 1)

    def load(self, detail: service.ConversationDetail) -> None:
        """Show the summary; the PDF is made off the UI thread and shown when it is ready."""
        self._detail = detail
        conversation_id = detail.id

        def read(session: Session) -> SummaryData:
            return service.summary_data(session, conversation_id=conversation_id)

        self.output.show_document(
            read=read,
            build=_build,
            file_name=safe_file_name(
                f"{detail.kind_name} {detail.held_on.isoformat()} {detail.subject}"
            )
            + ".pdf",
        )
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
