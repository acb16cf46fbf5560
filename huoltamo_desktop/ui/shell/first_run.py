"""First-run set-up: language, the firm and the manager, in under two minutes."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop import APP_NAME
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import SECTOR_LABELS
from huoltamo_desktop.i18n import _, current_language, setup_i18n
from huoltamo_desktop.i18n.qt import install_qt_translations
from huoltamo_desktop.services.firm import FirmInput
from huoltamo_desktop.services.people import set_up_firm
from huoltamo_desktop.settings import save_settings
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.employee.passphrase import ManagerPassphraseBox
from huoltamo_desktop.ui.ops import ChangeOp
from huoltamo_desktop.ui.widgets.forms import (
    error_label,
    fill_combo,
    language_items,
    show_validation_error,
)


class FirstRunDialog(QDialog):
    """Asks only what the app needs to start; everything else can wait."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("FirstRunDialog")
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)

        self.language = QComboBox(self)
        self.language.setObjectName("language")
        fill_combo(self.language, language_items(), current_language())
        self.language.currentIndexChanged.connect(self._language_changed)
        lang_form = QFormLayout()
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        lang_form.addRow(self.language_label, self.language)
        layout.addLayout(lang_form)

        self.firm_box = QGroupBox(self)
        firm_form = QFormLayout(self.firm_box)
        self.firm_name = QLineEdit(self)
        self.firm_name.setObjectName("firm_name")
        self.business_id = QLineEdit(self)
        self.business_id.setObjectName("business_id")
        self.business_id.setPlaceholderText("1234567-8")
        self.sector = QComboBox(self)
        self.sector.setObjectName("sector")
        self.staff_size = QSpinBox(self)
        self.staff_size.setObjectName("size")
        self.staff_size.setRange(0, 100000)
        self.labels: dict[str, QLabel] = {}
        for key, widget in (
            ("firm_name", self.firm_name),
            ("business_id", self.business_id),
            ("sector", self.sector),
            ("size", self.staff_size),
        ):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[key] = label
            firm_form.addRow(label, widget)
        # The firm and you side by side: the whole dialog then fits a small laptop screen.
        boxes = QHBoxLayout()
        boxes.addWidget(self.firm_box, 1)
        layout.addLayout(boxes)

        self.manager_box = QGroupBox(self)
        manager_form = QFormLayout(self.manager_box)
        self.first_name = QLineEdit(self)
        self.first_name.setObjectName("manager_first_name")
        self.last_name = QLineEdit(self)
        self.last_name.setObjectName("manager_last_name")
        self.title = QLineEdit(self)
        self.title.setObjectName("manager_title")
        for key, widget in (
            ("first_name", self.first_name),
            ("last_name", self.last_name),
            ("title", self.title),
        ):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[key] = label
            manager_form.addRow(label, widget)
        boxes.addWidget(self.manager_box, 1)
        self.extra_layout = QVBoxLayout()
        layout.addLayout(self.extra_layout)
        self.passphrase_box = ManagerPassphraseBox(self)
        self.extra_layout.addWidget(self.passphrase_box)

        self.error = error_label(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        # Our own button, not a standard one: Qt relabels standard buttons ("OK") whenever
        # its translations change, which would undo the label after a language switch.
        self.start_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setObjectName("start_using")
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {
            "name": self.firm_name,
            "business_id": self.business_id,
            "size": self.staff_size,
            "first_name": self.first_name,
            "last_name": self.last_name,
            **self.passphrase_box.fields,
        }
        self.retranslate()
        self.firm_name.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Setting up"))  # Qt adds the app's name
        self.heading.setText(_("Welcome to {app}").format(app=APP_NAME))
        self.intro.setText(
            _(
                "Let's set up your firm. This takes a minute or two; "
                "you can change everything later, and add your team right after this."
            )
        )
        self.language_label.setText(_("&Language"))
        self.firm_box.setTitle(_("Your firm"))
        self.manager_box.setTitle(_("You, the person who uses the app"))
        texts = {
            "firm_name": _("Firm's &name"),
            "business_id": _("&Business ID (optional)"),
            "sector": _("Se&ctor"),
            "size": _("N&umber of staff"),
            "first_name": _("&First name"),
            "last_name": _("Last n&ame"),
            "title": _("Job &title"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.staff_size.setSpecialValueText(_("not given"))
        current = self.sector.currentData()
        fill_combo(self.sector, [(_(label), key) for key, label in SECTOR_LABELS.items()], current)
        self.start_button.setText(_("&Start using the app"))
        self.passphrase_box.retranslate()

    def _language_changed(self) -> None:
        language = str(self.language.currentData())
        setup_i18n(language)
        install_qt_translations(language)
        self.ctx.settings.language = language
        self.retranslate()
        self.grow_to_fit()

    def grow_to_fit(self) -> None:
        """Taller when the texts need it (longer Finnish words, an error line), never squeezed.

        Wrapped labels need more height at the same width; without this the
        layout takes it from the fields (15 px high, the dots of ä and ö cut off).
        """
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = max(self.width(), layout.totalMinimumSize().width())
        need = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if need > self.height() or width > self.width():
            self.resize(width, max(need, self.height()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.grow_to_fit()

    def firm_input(self) -> FirmInput:
        return FirmInput(
            name=self.firm_name.text(),
            business_id=self.business_id.text(),
            sector=str(self.sector.currentData()),
            size=self.staff_size.value() or None,
            default_language=str(self.language.currentData()),
        )

    def saver(self) -> Callable[[Session], None]:
        """Creating the firm, the manager and the manager passphrase as typed now.

        Raises ValidationError with the field at fault, before or while saving.
        """
        firm = self.firm_input()
        first, last, title = self.first_name.text(), self.last_name.text(), self.title.text()
        save_passphrase = self.passphrase_box.saver()

        def save(session: Session) -> None:
            set_up_firm(
                session,
                firm=firm,
                manager_first_name=first,
                manager_last_name=last,
                manager_title=title,
            )
            save_passphrase(session)

        return save

    def accept(self) -> None:
        try:
            self.passphrase_box.validate()
            save = self.saver()
        except UserError as exc:
            show_validation_error(self, exc, self.fields, self.error)
            self.grow_to_fit()
            return
        ChangeOp(
            parent=self, ctx=self.ctx, op=save, changes=(Change.FIRM,), success=self._saved
        ).failure(lambda exc: show_validation_error(self, exc, self.fields, self.error)).with_busy(
            _("Setting up…")
        ).run_in_background()

    def _saved(self, _result: None) -> None:
        self.ctx.settings.language = str(self.language.currentData())
        # The firm is saved; if this fails, only the language choice is not remembered.
        with contextlib.suppress(OSError):
            save_settings(self.ctx.settings)
        super().accept()
