"""The app's root window on a shared computer: the lock screen, the manager side or one employee's session.

Whatever was open is destroyed on every return to the lock screen (Done, Lock,
idle timeout), so no widget keeps anything of the previous person.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QClipboard, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QStackedWidget, QWidget

from huoltamo_desktop import APP_NAME
from huoltamo_desktop.domain.seats import OWNER
from huoltamo_desktop.i18n import _
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services.employee_access import PersonKey
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.employee.idle_lock import IdleWatcher
from huoltamo_desktop.ui.employee.lock_screen import LockScreen
from huoltamo_desktop.ui.employee.session import EmployeeSession


class Seat(QStackedWidget):
    def __init__(self, ctx: AppContext, manager_factory: Callable[[], QWidget]) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("Seat")
        self.manager_factory = manager_factory
        self.lock_screen: LockScreen | None = None
        self.current: QWidget | None = None
        with ctx.session() as session:
            minutes = access.idle_minutes(session)
        self.idle = IdleWatcher(self.lock_idle, minutes, self)
        lock = QAction(self)
        lock.setObjectName("seat_lock")
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock)
        self.addAction(lock)
        ctx.data_changed.connect(self._changed)
        # Whatever was copied while someone's session was open is theirs: it goes with them.
        self._clipboard_used = False
        self._clipboard = QApplication.clipboard()
        self._clipboard.dataChanged.connect(self._clipboard_changed)
        self.resize(1180, 760)
        self.show_lock_screen()

    def _changed(self, what: str) -> None:
        if what == Change.RESTORED:  # another database's contents: start again from the lock screen
            QTimer.singleShot(0, self.show_lock_screen)
        if what in (Change.EMPLOYEE, Change.SETTINGS, Change.RESTORED):
            with self.ctx.session() as session:
                self.idle.set_minutes(access.idle_minutes(session))

    def _clipboard_changed(self) -> None:
        if self.current is not None:
            self._clipboard_used = True

    def _clear_clipboard(self) -> None:
        """Empty the clipboard (and the X11 selection) if it got text during the session."""
        if not self._clipboard_used:
            return
        self._clipboard_used = False
        self._clipboard.clear(QClipboard.Mode.Clipboard)
        if self._clipboard.supportsSelection():
            self._clipboard.clear(QClipboard.Mode.Selection)

    def _drop_current(self) -> str | None:
        """Destroy what is open; returns why the last changes could not be saved, if so."""
        current, self.current = self.current, None
        self._clear_clipboard()
        problem = None
        if current is not None:
            try:
                if isinstance(current, EmployeeSession):
                    problem = current.save_before_lock()
            finally:  # whatever happened, the next person must not see this one's work
                current.hide()
                self.removeWidget(current)
                current.deleteLater()
        if self.lock_screen is not None:
            lock, self.lock_screen = self.lock_screen, None
            self.removeWidget(lock)
            lock.deleteLater()
        return problem

    def show_lock_screen(self) -> None:
        """Back to a fresh lock screen; everything that was open is destroyed."""
        problem = self._drop_current()
        self.ctx.scope = OWNER  # the next sign-in sets the seat again
        self.ctx.actor = "app"
        self.lock_screen = LockScreen(
            self.ctx, on_manager=self.open_manager, on_employee=self.open_employee
        )
        self.lock_screen.language_chosen.connect(self._language_chosen)
        self.addWidget(self.lock_screen)
        self.setCurrentWidget(self.lock_screen)
        self.setWindowTitle("")  # Qt shows the application's display name
        if problem is not None:
            QMessageBox.warning(
                self,
                APP_NAME,
                _("The last changes could not be saved before locking: {error}").format(
                    error=problem
                ),
            )

    def _language_chosen(self, language: str) -> None:
        """The app's language, chosen on the lock screen: remembered, and the screen rebuilt in it."""
        import contextlib

        from huoltamo_desktop.i18n import current_language, setup_i18n
        from huoltamo_desktop.i18n.qt import install_qt_translations
        from huoltamo_desktop.settings import save_settings

        if language == current_language():
            return
        setup_i18n(language)
        install_qt_translations(language)
        self.ctx.settings.language = language
        # If the settings cannot be written, only "next time" is lost.
        with contextlib.suppress(OSError):
            save_settings(self.ctx.settings)
        QTimer.singleShot(0, self.show_lock_screen)

    def lock(self) -> None:
        self.show_lock_screen()

    def lock_idle(self) -> None:
        """Idle timeout: close any open dialog first, then lock once its event loop has returned."""
        modal = QApplication.activeModalWidget()
        while isinstance(modal, QDialog) and modal.isVisible():
            modal.reject()
            modal = QApplication.activeModalWidget()
            if modal is not None and not isinstance(modal, QDialog):
                modal.close()
                break
        QTimer.singleShot(0, self.show_lock_screen)

    def open_manager(self) -> None:
        self._drop_current()
        self.ctx.actor = self.ctx.scope.actor
        window = self.manager_factory()
        self.current = window
        self.addWidget(window)
        self.setCurrentWidget(window)
        self.setWindowTitle(window.windowTitle())
        window.windowTitleChanged.connect(self._follow_title)

    def _follow_title(self, title: str) -> None:
        if self.current is not None and self.current.windowTitle() == title:
            self.setWindowTitle(title)

    def open_employee(self, person_id: int, key: PersonKey) -> None:
        self._drop_current()
        self.ctx.actor = f"employee:{person_id}"
        session = EmployeeSession(self.ctx, key, on_done=self.show_lock_screen)
        self.current = session
        self.addWidget(session)
        self.setCurrentWidget(session)
        self.setWindowTitle("")

    def closeEvent(self, event: QCloseEvent) -> None:
        if isinstance(self.current, EmployeeSession):
            problem = self.current.save_before_lock()
            if problem is not None:
                QMessageBox.warning(
                    self,
                    APP_NAME,
                    _("The last changes could not be saved before closing: {error}").format(
                        error=problem
                    ),
                )
        if self.current is not None:
            self.current.close()
        self._clear_clipboard()
        self.idle.stop()
        super().closeEvent(event)
