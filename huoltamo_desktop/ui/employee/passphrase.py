"""The manager passphrase: fields for first-run set-up and a dialog to set or change it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

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

from huoltamo_desktop.domain.employee import SignInResult
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
    """Set the manager passphrase (lock screen, none yet) or change it (Settings: the current one first).

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
        with ctx.session() as session:
            state = access.manager_access(session)
        self.changing = state != access.ManagerAccess.UNSET
        layout = QVBoxLayout(self)
        self.current = QLineEdit(self)
        self.current.setObjectName("manager_passphrase_current")
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        current_form = QFormLayout()
        current_label = QLabel(_("&Current passphrase"), self)
        current_label.setBuddy(self.current)
        current_form.addRow(current_label, self.current)
        layout.addLayout(current_form)
        has_passphrase = state == access.ManagerAccess.PASSPHRASE
        current_label.setVisible(has_passphrase)
        self.current.setVisible(has_passphrase)
        self.box = ManagerPassphraseBox(
            self, allow_not_shared=allow_not_shared and not self.changing
        )
        # Changing keeps the manager side protected; "not shared" is a first-run choice.
        layout.addWidget(self.box)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.current if has_passphrase else self.box.passphrase).setFocus()

    def accept(self) -> None:
        from huoltamo_desktop.domain.people import utcnow

        fields = {**self.box.fields, "current": self.current}
        now = utcnow()
        op: Callable[[Session], SignInResult]
        if self.changing:
            current, passphrase, repeat = (
                self.current.text(),
                self.box.passphrase.text(),
                self.box.repeat.text(),
            )

            def change(session: Session) -> SignInResult:
                return access.change_manager_passphrase(
                    session, current=current, passphrase=passphrase, repeat=repeat, now=now
                )

            op = change
        else:
            try:
                self.box.validate()
            except ValidationError as exc:
                show_validation_error(self, exc, fields, self.error)
                return
            save = self.box.saver()

            def first(session: Session) -> SignInResult:
                save(session)
                return SignInResult(ok=True)

            op = first
        ChangeOp(
            parent=self,
            ctx=self.ctx,
            op=op,
            changes=(Change.EMPLOYEE,),
            success=lambda result: self._saved(result, now),
        ).failure(lambda exc: show_validation_error(self, exc, fields, self.error)).with_busy(
            _("Saving the passphrase…")
        ).run_in_background()

    def _saved(self, result: SignInResult, now: datetime) -> None:
        from huoltamo_desktop.ui.employee.texts import wait_message

        if not result.ok:
            fields = {**self.box.fields, "current": self.current}
            message = _("The current passphrase is not right.")
            if result.wait_until is not None:
                message += " " + wait_message(result.wait_until, now, locked=result.locked)
            self.current.clear()
            show_validation_error(self, ValidationError(message, "current"), fields, self.error)
            return
        super().accept()
