"""Data and backups: automatic backups and restoring one, a person's data, leavers, the audit log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import N_, _, format_date, format_number
from huoltamo_desktop.services import seats_backup
from huoltamo_desktop.storage.seats_backups import BackupFile, backup_folder, list_backups
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.seats.backups import BackupScheduler, _Job, _Signals
from huoltamo_desktop.ui.widgets.page import page_heading
from huoltamo_desktop.ui.widgets.table_model import RowsModel

PAGE_TITLE = N_("Data and backups")

_KINDS = {
    "auto": N_("automatic"),
    "manual": N_("made by hand"),
    "before-restore": N_("before a restore"),
}


def _when(b: BackupFile) -> str:
    return f"{format_date(b.made_at)} {b.made_at:%H:%M}"


BACKUP_COLUMNS = [
    (N_("Made"), _when, lambda b: b.made_at),
    (N_("Kind"), lambda b: _(_KINDS.get(b.kind, b.kind)), lambda b: b.kind),
    (N_("Size"), lambda b: format_number(max(1, round(b.size / 1024))) + " kB", lambda b: b.size),
    (N_("Encrypted"), lambda b: _("yes") if b.encrypted else _("no"), lambda b: b.encrypted),
]


class SeatsPage(QWidget):
    TITLE = PAGE_TITLE

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.database = self._database()
        outer = QVBoxLayout(self)
        outer.addWidget(page_heading(_(PAGE_TITLE), self))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        self.body = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._build_backups()
        self.body.addStretch(1)
        # What happens once a backup is in place: the app closes (its screens show old data).
        self.after_restore = QApplication.quit
        self._signals = _Signals(self)
        self._signals.done.connect(self._restored)
        self._signals.failed.connect(self._restore_failed)

    def _database(self) -> Path | None:
        from huoltamo_desktop.storage.database import sqlite_path

        return sqlite_path(self.ctx.engine.url.render_as_string(hide_password=False))

    # --- backups ---------------------------------------------------------------

    def _build_backups(self) -> None:
        box = QGroupBox(_("Backups"), self)
        box.setMaximumWidth(860)
        layout = QVBoxLayout(box)
        self.body.addWidget(box)
        if self.database is None:
            text = QLabel(
                _(
                    "This app uses a database server. Back it up with the server's own tools, "
                    "for example every night: pg_dump --format=custom --file=huoltamo.dump "
                    "DATABASE, and restore with pg_restore --clean --dbname=DATABASE "
                    "huoltamo.dump."
                ),
                box,
            )
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(text)
            self.backup_table = None
            return
        intro = QLabel(
            _(
                "A backup copy is made every time the app starts and once a day while it runs. "
                "They are kept in {folder}. Copy that folder to a USB stick or another computer "
                "now and then: a backup on the same disk does not survive a lost laptop."
            ).format(folder=backup_folder(self.database)),
            box,
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.backup_model: RowsModel[BackupFile] = RowsModel(BACKUP_COLUMNS)
        self.backup_table = QTableView(box)
        self.backup_table.setObjectName("backup_table")
        self.backup_table.setModel(self.backup_model)
        self.backup_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backup_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backup_table.verticalHeader().setVisible(False)
        self.backup_table.horizontalHeader().setStretchLastSection(True)
        self.backup_table.setMinimumHeight(180)
        layout.addWidget(self.backup_table)
        self.backup_status = QLabel("", box)
        self.backup_status.setObjectName("backup_status")
        self.backup_status.setWordWrap(True)
        layout.addWidget(self.backup_status)
        buttons = QHBoxLayout()
        self.backup_now = QPushButton(_("&Back up now"), box)
        self.backup_now.setObjectName("backup_now")
        self.restore_button = QPushButton(_("&Restore the chosen backup…"), box)
        self.restore_button.setObjectName("restore_backup")
        buttons.addWidget(self.backup_now)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        form = QFormLayout()
        self.keep = QSpinBox(box)
        self.keep.setObjectName("backup_keep")
        self.keep.setRange(*seats_backup.KEEP_RANGE)
        self.keep.setMaximumWidth(120)
        keep_label = QLabel(_("&Automatic backups kept"), box)
        keep_label.setBuddy(self.keep)
        self.encrypt = QCheckBox(_("&Encrypt backups with the manager passphrase"), box)
        self.encrypt.setObjectName("backup_encrypt")
        form.addRow(keep_label, self.keep)
        form.addRow("", self.encrypt)
        layout.addLayout(form)
        self.backup_now.clicked.connect(self.make_backup)
        self.restore_button.clicked.connect(self.restore_chosen)
        self.keep.valueChanged.connect(self._save_keep)
        self.encrypt.clicked.connect(self._toggle_encryption)
        scheduler = self.ctx.property("backup_scheduler")
        if isinstance(scheduler, BackupScheduler):
            scheduler.finished.connect(lambda _result: self.refresh())

    def refresh(self) -> None:
        if self.database is None or self.backup_table is None:
            return
        with self.ctx.session() as session:
            settings = seats_backup.backup_settings(session)
        self.keep.blockSignals(True)
        self.keep.setValue(settings.keep)
        self.keep.blockSignals(False)
        self.encrypt.setChecked(settings.encrypted)
        found = list_backups(backup_folder(self.database))
        self.backup_model.set_rows(found)
        self.backup_table.resizeColumnsToContents()
        if found:
            self.backup_table.selectRow(0)
        scheduler = self.ctx.property("backup_scheduler")
        error = scheduler.last_error if isinstance(scheduler, BackupScheduler) else ""
        if error:
            self.backup_status.setText(
                _("The latest automatic backup failed: {error}").format(error=error)
            )
        elif not found:
            self.backup_status.setText(_("No backups yet."))
        else:
            self.backup_status.setText(_("Newest backup: {when}").format(when=_when(found[0])))

    def chosen_backup(self) -> BackupFile | None:
        if self.backup_table is None:
            return None
        rows = self.backup_table.selectionModel().selectedRows()
        return self.backup_model.row_at(rows[0].row()) if rows else None

    def make_backup(self) -> None:
        try:
            with self.ctx.session() as session:
                made = seats_backup.manual_backup(session)
        except UserError as exc:
            QMessageBox.warning(self, _(PAGE_TITLE), str(exc))
            return
        self.refresh()
        self.backup_status.setText(_("Backup made: {path}").format(path=made.path.name))

    def _save_keep(self) -> None:
        try:
            with self.ctx.session() as session:
                seats_backup.set_backup_keep(session, keep=self.keep.value())
        except UserError as exc:
            QMessageBox.warning(self, _(PAGE_TITLE), str(exc))

    def _toggle_encryption(self, checked: bool) -> None:
        try:
            if checked:
                passphrase, ok = QInputDialog.getText(
                    self,
                    _("Encrypt backups"),
                    _("The manager passphrase (backups will open only with it):"),
                    QLineEdit.EchoMode.Password,
                )
                if not ok:
                    self.encrypt.setChecked(False)
                    return
                with self.ctx.session() as session:
                    seats_backup.encrypt_backups(session, passphrase=passphrase)
            else:
                with self.ctx.session() as session:
                    seats_backup.stop_encrypting_backups(session)
        except UserError as exc:
            self.encrypt.setChecked(not checked)
            QMessageBox.warning(self, _(PAGE_TITLE), str(exc))
            return
        self.ctx.notify("backups")

    def restore_chosen(self) -> None:
        chosen = self.chosen_backup()
        if chosen is None or self.database is None:
            QMessageBox.information(self, _(PAGE_TITLE), _("Choose a backup in the list first."))
            return
        answer = QMessageBox.question(
            self,
            _("Restore a backup"),
            _(
                "Put the backup of {when} in place of the current database? Everything saved "
                "after it is replaced; the current state is kept as a backup of its own. "
                "The app closes when the backup is in place: open it again to go on."
            ).format(when=_when(chosen)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        passphrase: str | None = None
        if chosen.encrypted:
            passphrase, ok = QInputDialog.getText(
                self,
                _("Restore a backup"),
                _("The manager passphrase of this backup:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
        self.start_restore(chosen.path, passphrase)

    def start_restore(self, backup: Path, passphrase: str | None) -> None:
        """Restore off the UI thread; the database's connections are closed first."""
        assert self.database is not None
        database = self.database
        self.restore_button.setEnabled(False)
        self.ctx.engine.dispose()

        def work() -> object:
            return seats_backup.restore_backup(
                database=database, backup=backup, passphrase=passphrase
            )

        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().start(_Job(work, self._signals))

    def _restored(self, result: object) -> None:
        assert isinstance(result, seats_backup.RestoreResult)
        message = _("The backup is in place. The app closes now; open it again to go on.")
        if result.erased_again:
            message += " " + _(
                "People erased earlier were erased from the restored copy again: {n}"
            ).format(n=result.erased_again)
        QMessageBox.information(self, _("Restore a backup"), message)
        self.after_restore()

    def _restore_failed(self, message: str) -> None:
        self.restore_button.setEnabled(True)
        QMessageBox.warning(self, _("Restore a backup"), message)
        self.refresh()
