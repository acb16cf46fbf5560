"""Start the Qt application: open the database, first-run set-up, then the main window."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy.engine import Engine

from huoltamo_desktop import APP_ID, APP_NAME, __version__
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.i18n.qt import install_qt_translations
from huoltamo_desktop.paths import data_dir
from huoltamo_desktop.settings import LocalSettings
from huoltamo_desktop.storage.database import SchemaInfo
from huoltamo_desktop.storage.migrate import HalfUpdatedError, open_database, use_backup
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
            window = self._show(self._seat())
        else:
            from huoltamo_desktop.ui.shell.first_run import FirstRunDialog

            dialog = FirstRunDialog(self.ctx)
            dialog.finished.connect(self._set_up_finished)
            window = self._show(dialog)
        problem = self.ctx.settings.problem
        if problem is not None:
            # Once the window is up, so the message has it behind it.
            QTimer.singleShot(0, lambda: QMessageBox.warning(window, APP_NAME, problem.message()))
        return window

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


def error_report(error: BaseException, tb: TracebackType | None) -> str:
    """Where the error happened and what kind it was; never its message.

    Messages of database errors carry SQL and the values in it, and others may
    quote what someone typed (a name, a private note), so only the error types
    and the code locations are written down.
    """
    lines = [f"{datetime.now(UTC).isoformat(timespec='seconds')} {APP_ID} {__version__}"]
    seen: set[int] = set()
    current: BaseException | None = error
    trace = tb
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(trace or current.__traceback__):
            lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        trace = None
        if current is not None:
            lines.append("caused by")
    return "\n".join(lines) + "\n\n"


def write_error_log(log: Path, error: BaseException, tb: TracebackType | None) -> None:
    """Append the report to ``log``, a file only the user may read."""
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(error_report(error, tb))


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
        with contextlib.suppress(OSError):
            write_error_log(log, error, tb)
        QMessageBox.critical(
            QApplication.activeWindow(),
            APP_NAME,
            _(
                "Something unexpected went wrong and the last action was not completed. "
                "What you saved earlier is safe. Details were written to {path}."
            ).format(path=log),
        )

    sys.excepthook = handle


def _open_or_offer_backup(url: str) -> tuple[Engine, SchemaInfo]:
    """Open the database; a half-updated file gets the choice to use the copy made before the update."""
    try:
        return open_database(url)
    except HalfUpdatedError as exc:
        if exc.backup is None:
            raise
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(exc))
        box.setObjectName("half_updated_box")
        use = box.addButton(_("&Use the backup copy"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Close the app"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(use)
        box.exec()
        if box.clickedButton() is not use:
            raise UserError(_("The database was not opened; nothing was changed.")) from exc
        aside = use_backup(exc.path, exc.backup)
        engine_info = open_database(url)
        QMessageBox.information(
            None,
            APP_NAME,
            _(
                "The backup copy is in use and up to date. The half-updated file was kept as {path}."
            ).format(path=aside),
        )
        return engine_info


def run(*, url: str, label: str, settings: LocalSettings, demo: bool = False) -> int:
    app = make_application()
    install_error_handler()
    if os.environ.get("HUOLTAMO_BENCH_EXIT_ON_PAINT"):
        _exit_after_first_paint(app)
    install_qt_translations(settings.language)
    from huoltamo_desktop.storage.database import sqlite_path
    from huoltamo_desktop.ui.seats.in_use import LockKeeper, hold_database

    keeper: LockKeeper | None = None
    path = sqlite_path(url)
    if path is not None and path.parent.is_dir():
        # Held before anything is read or migrated: a second app must not even upgrade it.
        lock = hold_database(path)
        if lock is None:
            return 1
        keeper = LockKeeper(lock)
    try:
        return _run_on(app, url=url, label=label, settings=settings, demo=demo)
    finally:
        if keeper is not None:
            keeper.release()


def _run_on(app: QApplication, *, url: str, label: str, settings: LocalSettings, demo: bool) -> int:
    from huoltamo_desktop.ui.seats.backups import BackupScheduler

    try:
        engine, _info = _open_or_offer_backup(url)
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    except Exception as exc:  # a server or driver error: say it plainly, no traceback, and log it
        logging.getLogger(__name__).warning("The database could not be opened", exc_info=True)
        from huoltamo_desktop.storage.database import mask_password

        detail = mask_password(str(getattr(exc, "orig", None) or exc).splitlines()[0], url)
        QMessageBox.critical(
            None, APP_NAME, _("The database could not be opened: {error}").format(error=detail)
        )
        return 1
    ctx = AppContext(engine, settings, label, demo=demo)
    scheduler = BackupScheduler(ctx)
    scheduler.start()
    shell = start_window(ctx)
    # A save or an export started just before closing finishes before the database closes.
    app.aboutToQuit.connect(wait_for_ops)
    code = app.exec()
    shell.window = None
    scheduler.stop()
    engine.dispose()
    return int(code)
