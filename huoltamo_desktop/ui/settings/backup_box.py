"""Settings → Backup: a copy of the database to keep safe, and putting one back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _, format_date, ngettext
from huoltamo_desktop.services import backup
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.widgets.files import open_file_name, save_file_name

FILTER = "Työurahuoltamo (*.sqlite3 *.sqlite *.db)"


class BackupBox(QGroupBox):
    """Two buttons and a line that says what happened last."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Backup"), parent)
        self.ctx = ctx
        self.setObjectName("BackupBox")
        layout = QVBoxLayout(self)
        explain = QLabel(
            _(
                "A backup is a copy of all the data in one file. Keep it somewhere else than this "
                "laptop, for example on a memory stick in a locked drawer: employees' private texts "
                "in it stay encrypted, but names and ratings do not."
            ),
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        row = QHBoxLayout()
        self.backup_button = QPushButton(_("&Make a backup…"), self)
        self.backup_button.setObjectName("make_backup")
        self.restore_button = QPushButton(_("&Restore from a backup…"), self)
        self.restore_button.setObjectName("restore_backup")
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.status.setVisible(False)
        self.backup_button.clicked.connect(self.make_backup)
        self.restore_button.clicked.connect(self.restore_backup)
        url = str(ctx.engine.url.render_as_string(hide_password=False))
        self.url = url
        if not backup.can_back_up(url=url):
            for button in (self.backup_button, self.restore_button):
                button.setEnabled(False)
            self.status.setVisible(True)
            self.status.setText(
                _("Back up a database server with its own tools (for PostgreSQL: pg_dump).")
            )

    def make_backup(self) -> None:
        start = str(Path.home() / backup.suggested_name(url=self.url))
        path = save_file_name(self, caption=_("Save the backup as"), start=start, filter=FILTER)
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".sqlite3")
        try:
            made = backup.back_up(url=self.url, target=target)
        except UserError as exc:
            QMessageBox.warning(self, _("Backup"), str(exc))
            return
        self.status.setVisible(True)
        self.status.setText(_("Backup saved: {path}").format(path=made.path))

    def restore_backup(self) -> None:
        path = open_file_name(
            self, caption=_("Choose the backup to restore"), start=str(Path.home()), filter=FILTER
        )
        if not path:
            return
        try:
            found = backup.inspect_backup(path=Path(path))
        except UserError as exc:
            QMessageBox.warning(self, _("Restore"), str(exc))
            return
        people = ngettext("{n} person", "{n} people", found.people).format(n=found.people)
        answer = QMessageBox.question(
            self,
            _("Restore"),
            _(
                "Replace all the data in the app with this backup?\n\n{firm}, {people}, saved {when}.\n\n"
                "What is in the app now is first copied beside the database, so nothing is lost. "
                "After the restore the app returns to the lock screen."
            ).format(
                firm=found.firm or _("(no firm name)"),
                people=people,
                when=format_date(found.saved_at),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.engine.dispose()  # the restore needs every connection closed
        try:
            result = backup.restore(url=self.url, source=found.path)
        except UserError as exc:
            QMessageBox.warning(self, _("Restore"), str(exc))
            return
        QMessageBox.information(
            self,
            _("Restore"),
            _(
                "The backup was restored. The data that was in the app before is kept in {path}."
            ).format(path=result.safety_copy),
        )
        # Every window shows the restored data from a fresh start at the lock screen.
        self.ctx.notify(Change.RESTORED)
