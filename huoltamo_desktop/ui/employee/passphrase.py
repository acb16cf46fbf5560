"""The manager passphrase: fields for first-run set-up and a dialog to set or change it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import ValidationError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.ops import ChangeOp
from huoltamo_desktop.ui.widgets.forms import error_label, show_validation_error


class ManagerPassphraseBox(QGroupBox):
    """Passphrase twice, or the explicit statement that nobody else uses this computer.

    The statement is offered only to the manager (at set-up and on the manager
    side), never at the lock screen: whoever sits there must not be able to
    declare the manager side open.
    """

    def __init__(self, parent: QWidget | None = None, *, allow_not_shared: bool = True) -> None:
        super().__init__(parent)
        self.allow_not_shared = allow_not_shared
        self.setObjectName("ManagerPassphraseBox")
        layout = QVBoxLayout(self)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("manager_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("manager_passphrase_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel(self)
        self.passphrase_label.setBuddy(self.passphrase)
        self.repeat_label = QLabel(self)
        self.repeat_label.setBuddy(self.repeat)
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        layout.addLayout(form)
        self.not_shared = QCheckBox(self)
        self.not_shared.setObjectName("laptop_not_shared")
        self.not_shared.toggled.connect(self._toggled)
        layout.addWidget(self.not_shared)
        self.not_shared.setVisible(allow_not_shared)
        self.fields: dict[str, QWidget] = {"passphrase": self.passphrase, "repeat": self.repeat}
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Protect the manager side"))
        self.explain.setText(
            _(
                "Employees can use this computer in employee mode for their own career planning. "
                "A passphrase keeps the manager side closed to them. Use at least 12 characters; "
                "a few ordinary words in a row are easy to remember and hard to guess."
            )
        )
        self.passphrase_label.setText(_("Manager &passphrase"))
        self.repeat_label.setText(_("&Repeat the passphrase"))
        self.not_shared.setText(
            _("T&his computer is not shared with employees: no passphrase (not recommended)")
        )

    def _toggled(self, checked: bool) -> None:
        self.passphrase.setEnabled(not checked)
        self.repeat.setEnabled(not checked)

    def _not_shared(self) -> bool:
        return self.allow_not_shared and self.not_shared.isChecked()

    def validate(self) -> None:
        """Check the input without saving; raises ValidationError naming the field."""
        if self._not_shared():
            return
        from huoltamo_desktop.domain.employee import check_manager_passphrase

        check_manager_passphrase(self.passphrase.text())
        if self.repeat.text() != self.passphrase.text():
            raise ValidationError(
                _("The two passphrases differ. Type the same one twice."), "repeat"
            )

    def saver(self) -> Callable[[Session], None]:
        """Saving what is typed now, as a call that can run off the UI thread (Argon2 is slow)."""
        not_shared, passphrase, repeat = (
            self._not_shared(),
            self.passphrase.text(),
            self.repeat.text(),
        )

        def save(session: Session) -> None:
            if not_shared:
                access.declare_laptop_not_shared(session)
            else:
                access.set_manager_passphrase(session, passphrase=passphrase, repeat=repeat)

        return save


class ManagerPassphraseDialog(QDialog):
    """Set or change the manager passphrase (from the lock screen or the manager side).

    From the lock screen (``allow_not_shared=False``) only a passphrase can be set.
    """

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, allow_not_shared: bool = True
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ManagerPassphraseDialog")
        self.setWindowTitle(_("Manager passphrase"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        self.box = ManagerPassphraseBox(self, allow_not_shared=allow_not_shared)
        layout.addWidget(self.box)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.box.passphrase.setFocus()

    def accept(self) -> None:
        try:
            self.box.validate()
        except ValidationError as exc:
            show_validation_error(self, exc, self.box.fields, self.error)
            return
        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=self.box.saver(),
            changes=(Change.EMPLOYEE,),
            success=lambda _saved: super(ManagerPassphraseDialog, self).accept(),
        ).failure(
            lambda exc: show_validation_error(self, exc, self.box.fields, self.error)
        ).with_busy(_("Saving the passphrase…")).run_in_background()
