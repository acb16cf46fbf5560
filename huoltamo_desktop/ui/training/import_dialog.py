"""Import a catalogue file: choose it, see every change and every problem, then apply or cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import N_, _, ngettext
from huoltamo_desktop.services import training_exchange as exchange
from huoltamo_desktop.services.training_exchange import (
    Catalogue,
    Change,
    ImportPreview,
    PreviewLine,
)
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.context import Change as DataChange
from huoltamo_desktop.ui.ops import ChangeOp, QueryOp
from huoltamo_desktop.ui.widgets.choice_list import Choice, ChoiceList
from huoltamo_desktop.ui.widgets.files import open_file_name
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import read_only_table

WHAT_LABELS = {
    "provider": N_("Provider"),
    "offering": N_("Training"),
    "funding": N_("Funding rule"),
}
CHANGE_LABELS = {
    Change.ADD: N_("Will be added"),
    Change.UPDATE: N_("Will be updated"),
    Change.RETIRE: N_("Will be retired"),
    Change.SAME: N_("No change"),
}
CHANGE_COLOURS = {Change.ADD: "#d8efd0", Change.UPDATE: "#fff2a8", Change.RETIRE: "#f8d0c5"}


class CatalogueImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.catalogue: Catalogue | None = None
        self.preview: ImportPreview | None = None
        self.setWindowTitle(_("Import a training catalogue"))
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "A catalogue file (JSON, or CSV with one training a row) adds, updates and retires "
                "entries by their key. You see every change first; nothing is saved until you apply it."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setReadOnly(True)
        self.path.setObjectName("catalogue_path")
        self.browse = QPushButton(_("&Choose a file…"), self)
        self.browse.setObjectName("choose_catalogue")
        self.bundled = QPushButton(_("Use the &bundled catalogue"), self)
        self.bundled.setObjectName("bundled_catalogue")
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        row.addWidget(self.bundled)
        layout.addLayout(row)
        self.model: RowsModel[PreviewLine] = RowsModel(
            [
                Column(N_("What"), lambda r: _(WHAT_LABELS.get(r.what, r.what))),
                Column(N_("Key"), lambda r: r.key),
                Column(N_("Name"), lambda r: r.title),
                Column(
                    N_("Change"),
                    lambda r: _(CHANGE_LABELS.get(r.change, r.change)),
                    background=lambda r: CHANGE_COLOURS.get(r.change),
                ),
            ]
        )
        self.view = read_only_table(
            self, "catalogue_preview", self.model, resize=QHeaderView.ResizeMode.Interactive
        )
        self.view.setSortingEnabled(False)
        layout.addWidget(self.view, 3)
        self.errors = ChoiceList(self, "catalogue_errors", ticks=False)
        self.errors.setVisible(False)
        self.errors.setStyleSheet("color: #b00020;")
        layout.addWidget(self.errors, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("catalogue_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.apply_button = buttons.addButton(
            _("&Apply the changes"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("apply_catalogue")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.browse.clicked.connect(self.choose_file)
        self.bundled.clicked.connect(self.load_bundled)

    def choose_file(self) -> None:
        path = open_file_name(
            self,
            caption=_("Choose a catalogue file"),
            start=str(Path.home()),
            filter=_("Catalogue files (*.json *.csv)"),
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read and compare the file off the UI thread; a file that cannot be read says why here."""
        self._load(str(path), lambda: exchange.read_catalogue_file(path))

    def load_bundled(self) -> None:
        """Compare the firm's catalogue with the starter catalogue that comes with the app."""
        self._load(_("The bundled starter catalogue"), exchange.starter_catalogue)

    def _load(self, label: str, reader: Callable[[], Catalogue]) -> None:
        self.path.setText(label)
        self.catalogue = None
        self.preview = None
        self.apply_button.setEnabled(False)

        def read(session: Session) -> tuple[Catalogue, ImportPreview]:
            catalogue = reader()
            return catalogue, exchange.preview_import(session, catalogue=catalogue)

        QueryOp(parent=self, ctx=self.ctx, op=read, success=self._show).failure(
            self._unreadable
        ).with_busy(_("Reading the catalogue file…")).run_in_background()

    def _unreadable(self, exc: UserError) -> None:
        self.model.set_rows([])
        self.errors.set_choices([])
        self.errors.setVisible(False)
        self.summary.setText(str(exc))
        self.summary.setStyleSheet("color: #b00020; font-weight: bold;")
        self.apply_button.setEnabled(False)

    def _show(self, result: tuple[Catalogue, ImportPreview]) -> None:
        catalogue, preview = result
        self.catalogue, self.preview = catalogue, preview
        changes = [line for line in preview.lines if line.change != Change.SAME]
        same = [line for line in preview.lines if line.change == Change.SAME]
        self.model.set_rows(changes + same)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(2, min(self.view.columnWidth(2), 380))
        self.errors.set_choices(Choice(i, str(e)) for i, e in enumerate(preview.errors))
        self.errors.setVisible(bool(preview.errors))
        text = _("{add} new, {update} updated, {retire} retired, {same} unchanged.").format(
            add=preview.count(Change.ADD),
            update=preview.count(Change.UPDATE),
            retire=preview.count(Change.RETIRE),
            same=preview.count(Change.SAME),
        )
        if preview.errors:
            text += " " + ngettext(
                "The file has {n} problem (listed above): fix it and choose the file again. Nothing will be changed.",
                "The file has {n} problems (listed above): fix them and choose the file again. Nothing will be changed.",
                len(preview.errors),
            ).format(n=len(preview.errors))
            self.summary.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.summary.setStyleSheet("")
        self.summary.setText(text)
        self.apply_button.setEnabled(preview.can_apply)

    def apply(self) -> None:
        catalogue = self.catalogue
        if catalogue is None:
            return
        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=lambda session: exchange.apply_import(session, catalogue=catalogue),
            changes=(DataChange.TRAINING,),
            success=lambda _result: self.accept(),
        ).with_busy(_("Updating the catalogue…")).run_in_background()
