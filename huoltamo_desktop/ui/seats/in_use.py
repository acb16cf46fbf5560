"""At start on a SQLite file: hold it, or say who has it (and offer to take over a stale lock)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from huoltamo_desktop import APP_NAME
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.storage.seats_lock import HEARTBEAT_SECONDS, DatabaseInUseError, SeatLock


class InUseDialog(QMessageBox):
    """Who has the file and since when; "Take over" only when that app is gone."""

    def __init__(self, error: DatabaseInUseError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InUseDialog")
        self.setWindowTitle(APP_NAME)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setText(str(error))
        self.take_over = None
        if error.stale:
            self.take_over = self.addButton(_("&Take over"), QMessageBox.ButtonRole.AcceptRole)
            self.take_over.setObjectName("take_over")
            self.addButton(_("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        else:
            self.retry = self.addButton(_("Try &again"), QMessageBox.ButtonRole.AcceptRole)
            self.retry.setObjectName("try_again")
            self.addButton(_("&Close"), QMessageBox.ButtonRole.RejectRole)


def hold_database(path: Path, parent: QWidget | None = None) -> SeatLock | None:
    """This app's lock on ``path``, asking the user when another app has it; None: give up."""
    take_over = False
    while True:
        try:
            return SeatLock(path).acquire(take_over=take_over)
        except DatabaseInUseError as exc:
            dialog = InUseDialog(exc, parent)
            dialog.exec()
            clicked = dialog.clickedButton()
            if clicked is None or dialog.buttonRole(clicked) != QMessageBox.ButtonRole.AcceptRole:
                return None
            take_over = exc.stale
        except UserError as exc:
            QMessageBox.critical(parent, APP_NAME, str(exc))
            return None


class LockKeeper(QObject):
    """Refreshes the lock every minute; tells the user once if another app took it over."""

    def __init__(self, lock: SeatLock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = lock
        self.warned = False
        self.timer = QTimer(self)
        self.timer.setInterval(HEARTBEAT_SECONDS * 1000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    def refresh(self) -> None:
        if self.lock.refresh() or self.warned:
            return
        self.warned = True
        QMessageBox.warning(
            None,
            APP_NAME,
            _(
                "Another copy of the app has taken over this database. "
                "Close this window so that the two do not save over each other."
            ),
        )

    def release(self) -> None:
        self.timer.stop()
        with contextlib.suppress(OSError):
            self.lock.release()
