"""Start the Qt application: open the database, first-run set-up, then the main window."""

from __future__ import annotations

import os
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from huoltamo_desktop import APP_ID, APP_NAME
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.i18n.qt import install_qt_translations
from huoltamo_desktop.paths import data_dir
from huoltamo_desktop.settings import LocalSettings
from huoltamo_desktop.storage.migrate import open_database
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.ops import wait_for_ops

if TYPE_CHECKING:
    from huoltamo_desktop.ui.employee.seat import Seat


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("Tyourahuoltamo")
    return app


class AppShell:
    """Owns the application's one top-level window from the first start to quit.

    A widget without a parent belongs to its Python wrapper: PySide deletes it,
    and everything inside it, once no Python reference to it is left. A window
    that is reachable only through signal connections, callbacks or
    ``QObject.setProperty`` (which keeps the C++ pointer, not the wrapper) lives
    only until the garbage collector next runs, typically in the middle of a
    large allocation such as building a PDF. So ``run()`` keeps the shell for
    the whole event loop, and the shell keeps whichever window is showing: the
    first-run set-up, then the seat with the lock screen and the main window.
    """

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.window: QWidget | None = None

    def start(self) -> QWidget:
        """Set-up on a new database, else the lock screen (the main window is behind it)."""
        from huoltamo_desktop.services.firm import get_organisation

        with self.ctx.session() as session:
            has_firm = get_organisation(session) is not None
        if has_firm:
            return self._show(self._seat())
        from huoltamo_desktop.ui.shell.first_run import FirstRunDialog

        dialog = FirstRunDialog(self.ctx)
        dialog.finished.connect(self._set_up_finished)
        return self._show(dialog)

    def _seat(self) -> Seat:
        from huoltamo_desktop.ui.employee.seat import Seat
        from huoltamo_desktop.ui.shell.main_window import MainWindow

        ctx = self.ctx
        return Seat(ctx, lambda: MainWindow(ctx))

    def _show(self, window: QWidget) -> QWidget:
        self.window = window
        window.show()
        return window

    def _set_up_finished(self, result: int) -> None:
        dialog = self.window
        if not result:
            QApplication.quit()
            return
        seat = self._seat()
        seat.open_manager()  # the manager has just set the app up
        self._show(seat)
        if dialog is not None:
            dialog.deleteLater()


def start_window(ctx: AppContext) -> AppShell:
    """Show the first window; the returned shell must be kept for as long as the app runs."""
    shell = AppShell(ctx)
    shell.start()
    return shell


def _exit_after_first_paint(app: QApplication) -> None:
    """For benchmarks/startup.py: print when the first window has painted, then quit."""
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer

    def report() -> None:
        print(f"first-paint {time.time():.6f}", flush=True)
        if os.environ.get("HUOLTAMO_BENCH_MODULES"):
            print("modules " + " ".join(sorted(sys.modules)), flush=True)
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched.isWidgetType():
                app.removeEventFilter(self)
                QTimer.singleShot(0, report)  # after the whole window has been painted
            return False

    app.installEventFilter(FirstPaint(app))


def install_error_handler() -> None:
    """An error nobody caught becomes a clear message, never a traceback in a dialog.

    Errors the user can act on (UserError: a full disk, a locked database)
    show their own message; anything else is written to a log file in the
    data folder and the user is told that their saved work is safe.
    """

    def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, UserError):
            QMessageBox.warning(QApplication.activeWindow(), APP_NAME, str(error))
            return
        log = data_dir() / "huoltamo-errors.log"
        try:
            with log.open("a", encoding="utf-8") as fh:
                fh.write("".join(traceback.format_exception(kind, error, tb)) + "\n")
        except OSError:
            pass
        QMessageBox.critical(
            QApplication.activeWindow(),
            APP_NAME,
            _(
                "Something unexpected went wrong and the last action was not completed. "
                "What you saved earlier is safe. Details were written to {path}."
            ).format(path=log),
        )

    sys.excepthook = handle


def run(*, url: str, label: str, settings: LocalSettings, demo: bool = False) -> int:
    app = make_application()
    install_error_handler()
    if os.environ.get("HUOLTAMO_BENCH_EXIT_ON_PAINT"):
        _exit_after_first_paint(app)
    install_qt_translations(settings.language)
    try:
        engine, _info = open_database(url)
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    except Exception as exc:  # a server or driver error: say it plainly, no traceback
        QMessageBox.critical(
            None, APP_NAME, _("The database could not be opened: {error}").format(error=exc)
        )
        return 1
    ctx = AppContext(engine, settings, label, demo=demo)
    shell = start_window(ctx)
    # A save or an export started just before closing finishes before the database closes.
    app.aboutToQuit.connect(wait_for_ops)
    code = app.exec()
    shell.window = None
    engine.dispose()
    return int(code)
