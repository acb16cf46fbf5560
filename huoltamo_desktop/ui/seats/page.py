"""Data and backups: automatic backups and restoring one, a person's data, leavers, the audit log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
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
from huoltamo_desktop.domain.seats import audit_action_label
from huoltamo_desktop.i18n import N_, _, format_date, format_number, ngettext
from huoltamo_desktop.i18n.collation import sort_key
from huoltamo_desktop.services import seats_backup, seats_rights
from huoltamo_desktop.services.seats_backup import BackupFile
from huoltamo_desktop.services.seats_rights import AuditRow, what_label
from huoltamo_desktop.storage.files import write_export
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.ops import ChangeOp
from huoltamo_desktop.ui.seats.backups import BackupScheduler
from huoltamo_desktop.ui.seats.team_leads import TeamLeadsBox
from huoltamo_desktop.ui.widgets.files import existing_folder, open_file_name, save_file_name
from huoltamo_desktop.ui.widgets.page import page_heading
from huoltamo_desktop.ui.widgets.table_model import Column, RowsModel
from huoltamo_desktop.ui.widgets.table_view import ClippedTextDelegate

PAGE_TITLE = N_("Data and backups")
BACKUP_FILTER = "Työurahuoltamo (*.sqlite3 *.sqlite3.enc *.sqlite *.db)"

_KINDS = {
    "auto": N_("automatic"),
    "manual": N_("made by hand"),
    "before-restore": N_("before a restore"),
}


def _when(b: BackupFile) -> str:
    return f"{format_date(b.made_at)} {b.made_at:%H:%M}"


BACKUP_COLUMNS: list[Column[BackupFile]] = [
    Column(N_("Made"), _when, key=lambda b: b.made_at),
    Column(N_("Kind"), lambda b: _(_KINDS.get(b.kind, b.kind))),
    Column(
        N_("Size"),
        lambda b: format_number(max(1, round(b.size / 1024))) + " kB",
        key=lambda b: b.size,
        number=True,
    ),
    Column(N_("Encrypted"), lambda b: _("yes") if b.encrypted else _("no")),
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
        self.owner = ctx.scope.sees_all
        if not self.owner:
            note = QLabel(
                _(
                    "Backups, data exports, the audit log and team leads are the owner's. "
                    "Sign in with the firm's manager passphrase to see them."
                ),
                body,
            )
            note.setObjectName("owner_only")
            note.setWordWrap(True)
            self.body.addWidget(note)
            self.body.addStretch(1)
            return
        self._build_backups()
        self._build_rights()
        self.team_leads = TeamLeadsBox(ctx, self)
        self.body.addWidget(self.team_leads)
        self._build_audit()
        self.body.addStretch(1)
        # Once a backup is in place every screen shows old data: the app starts again from
        # the lock screen, with the restored database behind it.
        self.after_restore: Callable[[], None] = lambda: ctx.notify(Change.RESTORED)

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
                "They are kept in {folder}. Now and then save a backup to a USB stick or another "
                "computer too: a backup on the same disk does not survive a lost laptop. "
                "Employees' private texts stay encrypted in every backup."
            ).format(folder=seats_backup.backup_folder(self.database)),
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
        self.backup_table.horizontalHeader().setMinimumSectionSize(90)
        self.backup_table.setMinimumHeight(180)
        layout.addWidget(self.backup_table)
        self.backup_status = QLabel("", box)
        self.backup_status.setObjectName("backup_status")
        self.backup_status.setWordWrap(True)
        layout.addWidget(self.backup_status)
        buttons = QHBoxLayout()
        self.backup_now = QPushButton(_("&Back up now"), box)
        self.backup_now.setObjectName("backup_now")
        self.backup_to_file = QPushButton(_("&Save a backup to a file…"), box)
        self.backup_to_file.setObjectName("backup_to_file")
        buttons.addWidget(self.backup_now)
        buttons.addWidget(self.backup_to_file)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        restores = QHBoxLayout()
        self.restore_button = QPushButton(_("&Restore the chosen backup…"), box)
        self.restore_button.setObjectName("restore_backup")
        self.restore_file = QPushButton(_("Restore from a &file…"), box)
        self.restore_file.setObjectName("restore_from_file")
        restores.addWidget(self.restore_button)
        restores.addWidget(self.restore_file)
        restores.addStretch(1)
        layout.addLayout(restores)
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
        self.backup_now.clicked.connect(lambda: self.make_backup())
        self.backup_to_file.clicked.connect(self.save_backup_to_file)
        self.restore_button.clicked.connect(self.restore_chosen)
        self.restore_file.clicked.connect(self.restore_from_file)
        self.keep.valueChanged.connect(self._save_keep)
        self.encrypt.clicked.connect(self._toggle_encryption)
        scheduler = self.ctx.property("backup_scheduler")
        if isinstance(scheduler, BackupScheduler):
            scheduler.finished.connect(lambda _result: self.refresh())

    def refresh(self) -> None:
        if not self.owner:
            return
        self._refresh_rights()
        self.team_leads.refresh()
        if self.database is None or self.backup_table is None:
            return
        with self.ctx.session() as session:
            settings = seats_backup.backup_settings(session)
        self.keep.blockSignals(True)
        self.keep.setValue(settings.keep)
        self.keep.blockSignals(False)
        self.encrypt.setChecked(settings.encrypted)
        found = seats_backup.backups_of(self.database)
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

    def make_backup(self, target: Path | None = None) -> None:
        scope = self.ctx.scope
        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=lambda session: seats_backup.manual_backup(session, target=target, scope=scope),
            changes=(Change.SEATS,),
            success=self._backup_made,
        ).failure(self._backup_failed).with_busy(_("Making a backup…")).run_in_background()

    def save_backup_to_file(self) -> None:
        """A backup made by hand to a place of one's choosing: a USB stick, another disk."""
        with self.ctx.session() as session:
            name = seats_backup.suggested_backup_name(session)
        path = save_file_name(
            self,
            caption=_("Save the backup as"),
            start=str(Path.home() / name),
            filter=BACKUP_FILTER,
        )
        if path:
            target = Path(path)
            if not target.name.endswith((".sqlite3", ".enc")):
                target = target.with_name(target.name + "".join(Path(name).suffixes))
            self.make_backup(target)

    def _backup_made(self, made: BackupFile) -> None:
        self.refresh()
        folder = self.database is not None and made.path.parent == seats_backup.backup_folder(
            self.database
        )
        shown = made.path.name if folder else str(made.path)
        self.backup_status.setText(_("Backup made: {path}").format(path=shown))

    def _backup_failed(self, error: UserError) -> None:
        QMessageBox.warning(self, _("Backups"), str(error))
        self.refresh()

    def _save_keep(self) -> None:
        try:
            with self.ctx.session() as session:
                seats_backup.set_backup_keep(session, keep=self.keep.value())
        except UserError as exc:
            QMessageBox.warning(self, _(PAGE_TITLE), str(exc))

    def _toggle_encryption(self, checked: bool) -> None:
        if not checked:
            with self.ctx.session() as session:
                seats_backup.stop_encrypting_backups(session)
            return
        passphrase, ok = QInputDialog.getText(
            self,
            _("Encrypt backups"),
            _("The manager passphrase (backups will open only with it):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            self.encrypt.setChecked(False)
            return

        def failed(error: UserError) -> None:
            self.encrypt.setChecked(False)
            QMessageBox.warning(self, _(PAGE_TITLE), str(error))

        # Checking the passphrase and deriving the key take a moment (Argon2id).
        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=lambda session: seats_backup.encrypt_backups(session, passphrase=passphrase),
            changes=(Change.SEATS,),
        ).failure(failed).with_busy(_("Checking the passphrase…")).run_in_background()

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
                "Then the app starts again from the lock screen."
            ).format(when=_when(chosen)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._ask_and_restore(chosen.path, encrypted=chosen.encrypted)

    def restore_from_file(self) -> None:
        """Restore a backup kept elsewhere (a USB stick), also one made by an earlier version."""
        if self.database is None:
            return
        path = open_file_name(
            self,
            caption=_("Choose the backup to restore"),
            start=str(Path.home()),
            filter=BACKUP_FILTER,
        )
        if not path:
            return
        answer = QMessageBox.question(
            self,
            _("Restore a backup"),
            _(
                "Put the backup {name} in place of the current database? Everything saved "
                "after it is replaced; the current state is kept as a backup of its own. "
                "The file is checked first: nothing changes if it is not a sound backup. "
                "Then the app starts again from the lock screen."
            ).format(name=Path(path).name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._ask_and_restore(Path(path), encrypted=seats_backup.needs_passphrase(Path(path)))

    def _ask_and_restore(self, backup: Path, *, encrypted: bool) -> None:
        passphrase: str | None = None
        if encrypted:
            passphrase, ok = QInputDialog.getText(
                self,
                _("Restore a backup"),
                _("The manager passphrase of this backup:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
        self.start_restore(backup, passphrase)

    def start_restore(self, backup: Path, passphrase: str | None) -> None:
        """Restore off the UI thread; the database's connections are closed first."""
        assert self.database is not None
        database = self.database
        self.ctx.engine.dispose()
        ChangeOp(
            parent=self,
            ctx=self.ctx,
            # The restore works on files, not through the session (it replaces the file).
            op=lambda _session: seats_backup.restore_backup(
                database=database, backup=backup, passphrase=passphrase
            ),
            changes=(),
            success=self._restored,
        ).failure(self._restore_failed).with_busy(_("Restoring the backup…")).run_in_background()

    def _restored(self, result: seats_backup.RestoreResult) -> None:
        message = _("The backup is in place. The app starts again from the lock screen.")
        if result.safety_copy is not None:
            message += " " + _(
                "What was in the app before is kept as a backup of its own: {name}"
            ).format(name=result.safety_copy.name)
        if result.erased_again:
            message += " " + _(
                "People erased earlier were erased from the restored copy again: {n}"
            ).format(n=result.erased_again)
        QMessageBox.information(self, _("Restore a backup"), message)
        self.after_restore()

    def _restore_failed(self, error: UserError) -> None:
        QMessageBox.warning(self, _("Restore a backup"), str(error))
        self.refresh()

    # --- a person's data, leavers, the audit log ------------------------------------

    def _table(self, model: RowsModel[Any], name: str, parent: QWidget) -> QTableView:
        view = QTableView(parent)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setMinimumSectionSize(90)
        view.setMinimumHeight(150)
        view.setItemDelegate(ClippedTextDelegate(view))
        return view

    def _build_rights(self) -> None:
        box = QGroupBox(_("A person's data"), self)
        box.setMaximumWidth(860)
        layout = QVBoxLayout(box)
        self.body.addWidget(box)
        intro = QLabel(
            _(
                "When someone asks what the firm holds about them, give them an export: a "
                "readable PDF in their language and the same as a JSON file. It holds everything "
                "about them, never your private notes or anyone else's data."
            ),
            box,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.export_person = QComboBox(box)
        self.export_person.setObjectName("export_person")
        self.export_person.setMinimumWidth(260)
        person_label = QLabel(_("&Person"), box)
        person_label.setBuddy(self.export_person)
        self.export_button = QPushButton(_("E&xport their data…"), box)
        self.export_button.setObjectName("export_data")
        row.addWidget(person_label)
        row.addWidget(self.export_person, 1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.export_status = QLabel("", box)
        self.export_status.setObjectName("export_status")
        self.export_status.setWordWrap(True)
        layout.addWidget(self.export_status)
        self.export_button.clicked.connect(self.export_chosen)

        leavers = QGroupBox(_("People who have left"), self)
        leavers.setMaximumWidth(860)
        lay = QVBoxLayout(leavers)
        self.body.addWidget(leavers)
        form = QFormLayout()
        self.retention = QSpinBox(leavers)
        self.retention.setObjectName("retention_years")
        self.retention.setRange(0, 50)
        self.retention.setMinimumWidth(170)
        self.retention.setMaximumWidth(220)
        self.retention.setSpecialValueText(_("case by case"))
        self.retention.setSuffix(" " + _("years"))
        retention_label = QLabel(_("Erase leavers' data &after"), leavers)
        retention_label.setBuddy(self.retention)
        form.addRow(retention_label, self.retention)
        lay.addLayout(form)
        self.due_model: RowsModel[Any] = RowsModel(
            [
                Column(N_("Name"), lambda d: d.name),
                Column(N_("Left on"), lambda d: format_date(d.left_on), key=lambda d: d.left_on),
            ]
        )
        self.due_table = self._table(self.due_model, "due_leavers", leavers)
        lay.addWidget(self.due_table)
        self.due_status = QLabel("", leavers)
        self.due_status.setObjectName("due_status")
        self.due_status.setWordWrap(True)
        lay.addWidget(self.due_status)
        self.erase_due = QPushButton(_("Erase these people for &good…"), leavers)
        self.erase_due.setObjectName("erase_due")
        erase_row = QHBoxLayout()
        erase_row.addWidget(self.erase_due)
        erase_row.addStretch(1)
        lay.addLayout(erase_row)
        self.retention.valueChanged.connect(self._save_retention)
        self.erase_due.clicked.connect(self.erase_due_leavers)

    def _build_audit(self) -> None:
        box = QGroupBox(_("Who viewed or changed personal data"), self)
        box.setMaximumWidth(860)
        layout = QVBoxLayout(box)
        self.body.addWidget(box)
        self.audit_model: RowsModel[AuditRow] = RowsModel(
            [
                Column(N_("When"), _when_at, key=lambda r: r.at),
                Column(N_("Who"), _who),
                Column(N_("Action"), lambda r: audit_action_label(r.action)),
                Column(N_("Whose data"), _whose),
                Column(N_("What"), lambda r: _(what_label(r.what))),
            ],
        )
        self.audit_table = self._table(self.audit_model, "audit_log", box)
        self.audit_table.setMinimumHeight(220)
        layout.addWidget(self.audit_table)

    def _refresh_rights(self) -> None:
        from huoltamo_desktop.services.people import list_people

        with self.ctx.session() as session:
            people = list_people(session, include_left=True)
            years = seats_rights.retention_years(session)
            due = seats_rights.leavers_due(session)
            audit = seats_rights.audit_log(session, limit=300)
        chosen = self.export_person.currentData()
        self.export_person.clear()
        for p in sorted(people, key=lambda p: sort_key(f"{p.last_name} {p.first_name}")):
            self.export_person.addItem(p.full_name, p.id)
        if chosen is not None:
            self.export_person.setCurrentIndex(max(0, self.export_person.findData(chosen)))
        self.retention.blockSignals(True)
        self.retention.setValue(years)
        self.retention.blockSignals(False)
        self.due_model.set_rows(due)
        self.erase_due.setEnabled(bool(due))
        if years == 0:
            self.due_status.setText(
                _("Leavers' data is kept until you erase it on the People page.")
            )
        elif due:
            self.due_status.setText(
                ngettext(
                    "{n} person left more than {years} years ago.",
                    "{n} people left more than {years} years ago.",
                    len(due),
                ).format(n=len(due), years=years)
            )
        else:
            self.due_status.setText(_("Nobody is due for erasure."))
        self.audit_model.set_rows(audit)
        self.audit_table.resizeColumnsToContents()

    def _save_retention(self) -> None:
        try:
            with self.ctx.session() as session:
                seats_rights.set_retention_years(session, years=self.retention.value())
        except UserError as exc:
            QMessageBox.warning(self, _(PAGE_TITLE), str(exc))
        self._refresh_rights()

    def erase_due_leavers(self) -> None:
        due = self.due_model.rows()
        if not due:
            return
        names = "\n".join(f"• {d.name}" for d in due[:25])
        if len(due) > 25:
            names += "\n…"
        answer = QMessageBox.question(
            self,
            _("Erase for good"),
            ngettext(
                "Erase {n} person and everything recorded about them for good? "
                "This cannot be undone, also not from a backup.",
                "Erase {n} people and everything recorded about them for good? "
                "This cannot be undone, also not from a backup.",
                len(due),
            ).format(n=len(due))
            + "\n\n"
            + names,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.ctx.session() as session:
                erased = seats_rights.erase_due_leavers(
                    session, person_ids=[d.person_id for d in due]
                )
        except UserError as exc:
            QMessageBox.warning(self, _(PAGE_TITLE), str(exc))
            return
        self.ctx.notify(Change.PEOPLE)
        self._refresh_rights()
        self.due_status.setText(
            ngettext("{n} person was erased.", "{n} people were erased.", erased).format(n=erased)
        )

    def choose_folder(self) -> str:
        return existing_folder(self, caption=_("Where to save the export"))

    def export_chosen(self) -> None:
        person_id = self.export_person.currentData()
        if person_id is None:
            return
        folder = self.choose_folder()
        if not folder:
            return
        target = Path(folder)
        database_url = self.ctx.database_url
        self.export_status.setText(_("Making the export…"))
        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=lambda session: write_person_export(
                seats_rights.person_export(session, person_id=int(person_id)),
                target,
                database_url=database_url,
            ),
            changes=(Change.SEATS,),
            success=self._exported,
        ).failure(self._export_failed).with_busy(_("Making the export…")).run_in_background()

    def _exported(self, paths: tuple[Path, Path]) -> None:
        json_path, pdf_path = paths
        self.export_status.setText(
            _("Saved {pdf} and {json}").format(pdf=pdf_path.name, json=json_path.name)
        )
        self.export_status.setToolTip(str(pdf_path.parent))
        self._refresh_rights()

    def _export_failed(self, error: UserError) -> None:
        self.export_status.setText(str(error))


def write_person_export(
    export: seats_rights.PersonExport, folder: Path, *, database_url: str | None
) -> tuple[Path, Path]:
    """The JSON and the PDF side by side; existing files are never overwritten."""
    if not folder.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=folder))
    safe = "".join(ch if ch.isalnum() else "-" for ch in export.name).strip("-") or "person"
    stem = f"{safe}-{export.made_at:%Y-%m-%d}"
    n = 1
    while (folder / f"{stem}.json").exists() or (folder / f"{stem}.pdf").exists():
        n += 1
        stem = f"{safe}-{export.made_at:%Y-%m-%d}-{n}"
    pdf = seats_rights.person_export_pdf(export)
    json_path, pdf_path = folder / f"{stem}.json", folder / f"{stem}.pdf"
    write_export(json_path, export.to_json().encode("utf-8"), database_url=database_url)
    try:
        write_export(pdf_path, pdf, database_url=database_url)
    except UserError:
        json_path.unlink(missing_ok=True)  # both or neither
        raise
    return json_path, pdf_path


def _when_at(row: AuditRow) -> str:
    local = row.at.astimezone() if row.at.tzinfo else row.at
    return f"{format_date(local)} {local:%H:%M}"


def _who(row: AuditRow) -> str:
    if row.actor == "manager":
        return _("the manager")
    if row.actor.startswith("employee:"):
        if row.actor == f"employee:{row.subject_id}":
            return _("the person themselves")
        return _("an employee")
    if row.actor.startswith("seat:"):
        return row.actor_name or _("a team lead")
    if row.actor == "cli":
        return _("the command line")
    return _("the app")


def _whose(row: AuditRow) -> str:
    if row.subject_name:
        return row.subject_name
    return _("an erased person") if row.subject_id is not None else ""
