"""On the lock screen: who signs in to the manager side (the owner, or one of the team leads)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget
from sqlmodel import Session

from huoltamo_desktop.domain.employee import SignInResult
from huoltamo_desktop.domain.seats import OWNER, Scope
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services import seats


class SeatPicker:
    """A "Sign in as" row, shown only when the firm has team leads with seats of their own."""

    def __init__(self, parent: QWidget, form: QFormLayout) -> None:
        self.combo = QComboBox(parent)
        self.combo.setObjectName("lock_manager_seat")
        self.label = QLabel(_("Sign in &as"), parent)
        self.label.setBuddy(self.combo)
        form.addRow(self.label, self.combo)

    def reload(self, session: Session, *, visible: bool) -> None:
        views = seats.list_seats(session) if visible else []
        chosen = self.combo.currentData()
        self.combo.clear()
        self.combo.addItem(_("The owner (the firm's manager passphrase)"), None)
        for view in views:
            self.combo.addItem(_("{name}, team lead").format(name=view.name), view.seat_id)
        if chosen is not None:
            self.combo.setCurrentIndex(max(0, self.combo.findData(chosen)))
        self.combo.setVisible(bool(views))
        self.label.setVisible(bool(views))

    def sign_in_call(
        self, *, passphrase: str, now: datetime
    ) -> Callable[[Session], tuple[SignInResult, Scope | None]]:
        """Checking the passphrase of the seat chosen now, as a call to run off the UI thread.

        Argon2 takes half a second: the seat is read here, on the UI thread, and
        the returned call does the checking with its own session.
        """
        seat_id = self.combo.currentData() if self.combo.isVisible() else None

        def check(session: Session) -> tuple[SignInResult, Scope | None]:
            if seat_id is None:
                result = access.verify_manager(session, passphrase=passphrase, now=now)
                return result, OWNER if result.ok else None
            return seats.sign_in_seat(session, seat_id=int(seat_id), passphrase=passphrase, now=now)

        return check
