"""Settings: language, the firm, the manager side and the idle lock, backups, and about and help."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import SECTOR_LABELS
from huoltamo_desktop.i18n import _, current_language, ngettext, setup_i18n
from huoltamo_desktop.i18n.qt import install_qt_translations
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services.firm import FirmInput, get_organisation, save_organisation
from huoltamo_desktop.settings import save_settings
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave, plain_display
from huoltamo_desktop.ui.widgets.forms import (
    error_label,
    fill_combo,
    language_items,
    show_validation_error,
)
from huoltamo_desktop.ui.widgets.page import page_heading


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.addWidget(page_heading(_("Settings"), self))
        # Everything scrolls below the heading: the page fits a small laptop screen.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        app_box = QGroupBox(_("This computer"), self)
        app_form = QFormLayout(app_box)
        self.language = QComboBox(self)
        self.language.setObjectName("app_language")
        fill_combo(self.language, language_items(), current_language())
        lang_label = QLabel(_("&Language of the app"), self)
        lang_label.setBuddy(self.language)
        app_form.addRow(lang_label, self.language)
        db_label = QLabel(_("Database"), self)
        demo_note = " (" + _("demo firm") + ")" if ctx.demo else ""
        self.database = QLabel(ctx.db_label + demo_note, self)
        self.database.setObjectName("database_location")
        self.database.setWordWrap(True)
        self.database.setTextInteractionFlags(
            self.database.textInteractionFlags()
            | self.database.textInteractionFlags().TextSelectableByMouse
        )
        app_form.addRow(db_label, self.database)
        hint = QLabel(
            _(
                "When one laptop is no longer enough, the same app can use a shared PostgreSQL "
                "server: start it with --db postgresql+psycopg://user@server/database."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6b73;")
        app_form.addRow("", hint)
        layout.addWidget(app_box)

        firm_box = QGroupBox(_("The firm"), self)
        firm_form = QFormLayout(firm_box)
        self.firm_name = QLineEdit(self)
        self.firm_name.setObjectName("settings_firm_name")
        self.business_id = QLineEdit(self)
        self.business_id.setObjectName("settings_business_id")
        self.business_id.setPlaceholderText("1234567-8")
        self.sector = QComboBox(self)
        self.sector.setObjectName("settings_sector")
        self.staff_size = QSpinBox(self)
        self.staff_size.setObjectName("settings_size")
        self.staff_size.setRange(0, 100000)
        self.staff_size.setSpecialValueText(_("not given"))
        self.default_language = QComboBox(self)
        self.default_language.setObjectName("settings_default_language")
        for text, widget in (
            (_("&Name"), self.firm_name),
            (_("&Business ID"), self.business_id),
            (_("&Sector"), self.sector),
            (_("Number of s&taff"), self.staff_size),
            (_("Default &document language"), self.default_language),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            firm_form.addRow(label, widget)
        self.error = error_label(self)
        firm_form.addRow("", self.error)
        self.save_button = QPushButton(_("Sa&ve the firm's details"), self)
        self.save_button.setObjectName("save_firm")
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        firm_form.addRow("", save_row)
        layout.addWidget(firm_box)

        lock_box = QGroupBox(_("The manager side and the idle lock"), self)
        lock_form = QFormLayout(lock_box)
        self.idle = QSpinBox(self)
        self.idle.setObjectName("settings_idle_minutes")
        self.idle.setRange(1, 60)
        self.idle.setSuffix(" min")
        idle_label = QLabel(_("&Lock the computer after this many idle minutes"), self)
        idle_label.setBuddy(self.idle)
        idle_label.setWordWrap(True)
        self.idle_save = QPushButton(_("Save the &time"), self)
        self.idle_save.setObjectName("settings_idle_save")
        idle_row = QHBoxLayout()
        idle_row.addWidget(self.idle)
        idle_row.addWidget(self.idle_save)
        idle_row.addStretch(1)
        lock_form.addRow(idle_label, idle_row)
        self.idle_status = QLabel(self)
        self.idle_status.setObjectName("settings_idle_status")
        lock_form.addRow("", self.idle_status)
        self.passphrase_button = QPushButton(self)
        self.passphrase_button.setObjectName("settings_passphrase")
        passphrase_row = QHBoxLayout()
        passphrase_row.addWidget(self.passphrase_button)
        passphrase_row.addStretch(1)
        lock_form.addRow(_("Manager passphrase"), passphrase_row)
        layout.addWidget(lock_box)

        from huoltamo_desktop.ui.settings.about_box import AboutBox
        from huoltamo_desktop.ui.settings.backup_box import BackupBox

        self.backup_box = BackupBox(ctx, self)
        layout.addWidget(self.backup_box)
        self.about_box = AboutBox(self)
        layout.addWidget(self.about_box)
        # Forms read better at a comfortable width than stretched over a wide screen.
        for box in (app_box, firm_box, lock_box, self.backup_box, self.about_box):
            box.setMaximumWidth(760)
        layout.addStretch(1)

        self.language.currentIndexChanged.connect(self._language_changed)
        self.save_button.clicked.connect(self.save_firm)
        self.idle_save.clicked.connect(self.save_idle)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.saving: VersionedSave[FirmInput] = VersionedSave(
            self, ctx, labels=self._firm_labels, display=self._firm_display
        )
        self.fields: dict[str, QWidget] = {
            "name": self.firm_name,
            "business_id": self.business_id,
            "size": self.staff_size,
        }

    def refresh(self) -> None:
        with self.ctx.session() as session:
            org = get_organisation(session)
        fill_combo(
            self.sector,
            [(_(label), key) for key, label in SECTOR_LABELS.items()],
            org.sector if org else None,
        )
        fill_combo(self.default_language, language_items(), org.default_language if org else "fi")
        if org is not None:
            self.firm_name.setText(org.name)
            self.business_id.setText(org.business_id or "")
            self.staff_size.setValue(org.size or 0)
            self.saving.read(version=org.row_version, values=self.firm_input())
        self.error.setVisible(False)
        with self.ctx.session() as session:
            self.idle.setValue(access.idle_minutes(session))
            state = access.manager_access(session)
        self.idle_status.setVisible(False)
        self.passphrase_button.setText(
            _("&Change the manager passphrase…")
            if state == access.ManagerAccess.PASSPHRASE
            else _("Set a manager &passphrase…")
        )

    def save_idle(self) -> None:
        try:
            with self.ctx.session() as session:
                access.set_idle_minutes(session, minutes=self.idle.value())
        except UserError as exc:
            QMessageBox.warning(self, _("Settings"), str(exc))
            return
        self.idle_status.setVisible(True)
        self.idle_status.setText(
            ngettext(
                "Saved: the computer locks after {n} idle minute.",
                "Saved: the computer locks after {n} idle minutes.",
                self.idle.value(),
            ).format(n=self.idle.value())
        )
        self.ctx.notify(Change.SETTINGS)

    def change_passphrase(self) -> None:
        from huoltamo_desktop.ui.employee.passphrase import ManagerPassphraseDialog

        if ManagerPassphraseDialog(self.ctx, self).exec():
            self.refresh()
            QMessageBox.information(
                self, _("Manager passphrase"), _("The new manager passphrase is in use.")
            )

    def firm_input(self) -> FirmInput:
        return FirmInput(
            name=self.firm_name.text(),
            business_id=self.business_id.text(),
            sector=str(self.sector.currentData()),
            size=self.staff_size.value() or None,
            default_language=str(self.default_language.currentData()),
        )

    def _firm_labels(self) -> dict[str, str]:
        labels = {
            "name": _("&Name"),
            "business_id": _("&Business ID"),
            "sector": _("&Sector"),
            "size": _("Number of s&taff"),
            "default_language": _("Default &document language"),
        }
        return {name: text.replace("&", "") for name, text in labels.items()}

    def _firm_display(self, name: str, value: object) -> str:
        combos = {"sector": self.sector, "default_language": self.default_language}
        if name in combos:
            index = combos[name].findData(value)
            return combos[name].itemText(index) if index >= 0 else ""
        if name == "size" and value is None:
            return self.staff_size.specialValueText()
        return plain_display(name, value)

    def save_firm(self) -> None:
        if self.saving.saving:
            return

        def save(
            session: Session, data: FirmInput, version: int | None, base: FirmInput | None
        ) -> None:
            save_organisation(session, data=data, expected_version=version, base=base)

        self.saving.save(
            self.firm_input(),
            op=save,
            changes=(Change.FIRM,),
            success=lambda _result: self._firm_saved(),
            failure=lambda exc: show_validation_error(self, exc, self.fields, self.error),
        )

    def _firm_saved(self) -> None:
        self.error.setVisible(False)
        self.refresh()  # what is saved now, and its version, for the next save
        QMessageBox.information(self, _("Settings"), _("The firm's details were saved."))

    def _language_changed(self) -> None:
        language = str(self.language.currentData())
        if language == current_language():
            return
        self.ctx.settings.language = language
        try:
            saved = save_settings(self.ctx.settings)
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Settings"),
                _("The language could not be saved for next time: {error}").format(
                    error=exc.strerror
                ),
            )
        else:
            if not saved:
                setup_i18n(language)
                QMessageBox.warning(
                    self,
                    _("Settings"),
                    _(
                        "The language changes now but is not saved for next time: the settings "
                        "file belongs to a newer version of the app and is left as it is."
                    ),
                )
        setup_i18n(language)
        install_qt_translations(language)
        # Pages are rebuilt in the new language; this page is among them.
        self.ctx.language_changed.emit(language)
