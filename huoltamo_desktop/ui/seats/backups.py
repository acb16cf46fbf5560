"""Automatic backups while the app runs: one at start, then whenever a day has passed."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60 * 60 * 1000  # the daily backup is due at most an hour late


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except UserError as exc:
            self.signals.failed.emit(str(exc))
            return
        except Exception as exc:  # a backup on a timer must never take the app down: say it, log it
            log.exception("The automatic backup failed")
            self.signals.failed.emit(str(exc))
            return
        self.signals.done.emit(result)


class BackupScheduler(QObject):
    """Runs ``automatic_backup`` off the UI thread with its own session.

    ``last_error`` keeps the latest failure (a full disk, say) for the Data
    page to show; the app goes on working either way.
    """

    finished = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.last_error = ""
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = _Signals(self)
        self.signals.done.connect(self._done)
        self.signals.failed.connect(self._failed)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(lambda: self.run_now(force=False))
        ctx.setProperty("backup_scheduler", self)

    def start(self) -> None:
        self.run_now(force=True)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.pool.waitForDone(30_000)

    def run_now(self, *, force: bool) -> None:
        from huoltamo_desktop.services.seats_backup import automatic_backup

        engine = self.ctx.engine

        def work() -> object:
            with session_scope(engine) as session:
                return automatic_backup(session, force=force)

        self.pool.start(_Job(work, self.signals))

    def _done(self, result: object) -> None:
        self.last_error = ""
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self.last_error = message
        self.finished.emit(None)
