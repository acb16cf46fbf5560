"""Service calls off the UI thread: the one way the UI does slow work.

A page describes what to run and what to do with the result; the call runs
on a worker thread with a session of its own, and the result (or the
``UserError`` it raised) comes back on the UI thread::

    QueryOp(
        parent=self,
        ctx=self.ctx,
        op=lambda session: skills_export.matrix_pdf(session, language=lang),
        success=self._save_pdf,
    ).with_busy(_("Making the PDF…")).run_in_background()

    ChangeOp(
        parent=self,
        ctx=self.ctx,
        op=lambda session: importing.import_rows(session, rows=rows),
        changes=(Change.PEOPLE, Change.TEAMS),
        success=self._show_report,
    ).failure(self._show_inline).run_in_background()

- ``QueryOp`` reads; ``ChangeOp`` writes and, after ``success``, announces
  ``changes`` through ``AppContext.notify`` so other pages refresh.
- The session commits when ``op`` returns and rolls back when it raises.
  ``op`` must return plain objects (dataclasses, bytes, detached rows), never
  lazy ORM attributes that would need the closed session.
- While the call runs the window ignores clicks and keys (no double export,
  no second sign-in); after 150 ms it shows that it is busy.
- A ``UserError`` goes to ``failure`` if one was given, otherwise
  ``show_error`` shows it. Any other exception is a bug: it is raised again
  on the UI thread, where the app's error handler logs it and tells the user
  (and a test fails).
- Calls run one at a time, in the order they were started, so a read started
  after a write sees it.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import Generic, Self, TypeVar, cast

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huoltamo_desktop import APP_NAME
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.ui.context import AppContext, Change

T = TypeVar("T")

BUSY_AFTER_MS = 150

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Wheel,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
    }
)


def show_error(parent: QWidget | None, error: UserError) -> None:
    """Show a message the user can act on; the one way ops report a ``UserError``."""
    window = parent.window() if parent is not None and shiboken6.isValid(parent) else None
    title = window.windowTitle() if window is not None else ""
    QMessageBox.warning(window, title or APP_NAME, str(error))


# --- running on the pool ----------------------------------------------------------------


def _pool() -> QThreadPool:
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        # One at a time: a read started after a write must see it, and SQLite has one writer.
        _POOL.setMaxThreadCount(1)
        _POOL.setExpiryTimeout(-1)
    return _POOL


_POOL: QThreadPool | None = None


class _Running(ABC):
    """What the pool and the UI thread need of a started call, whatever it returns."""

    engine: Engine
    actor: str | None = None  # who works in the window, for the audit log
    outcome: tuple[bool, object] | None = None

    @abstractmethod
    def work(self, session: Session) -> object:
        """Run on a worker thread with a session of its own."""

    @abstractmethod
    def deliver(self) -> None:
        """Hand the outcome to the page, back on the UI thread."""


_running: set[_Running] = set()


def running() -> int:
    """How many calls are started and not yet delivered."""
    return len(_running)


def wait_for_ops(timeout_ms: int = 30_000) -> bool:
    """Finish every started call and deliver its result (at shutdown, and in tests)."""
    deadline = time.monotonic() + timeout_ms / 1000
    app = QCoreApplication.instance()
    while _running and time.monotonic() < deadline:
        _pool().waitForDone(20)
        if app is not None:
            app.processEvents()
    return not _running


class _Relay(QObject):
    """Lives on the UI thread; the worker's signal reaches it through the event queue."""

    done = Signal()

    def __init__(self, call: _Running) -> None:
        super().__init__()
        self._call = call
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _deliver(self) -> None:
        self._call.deliver()


class _Job(QRunnable):
    def __init__(self, call: _Running, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._call = call
        self._relay = relay

    def run(self) -> None:
        call = self._call
        try:
            with session_scope(call.engine, actor=call.actor) as session:
                call.outcome = (True, call.work(session))
        except BaseException as exc:  # handed to the UI thread, which decides what to do
            call.outcome = (False, exc)
        self._relay.done.emit()


# --- showing that the window is busy ------------------------------------------------------


class _InputGuard(QObject):
    """Drops clicks and keys meant for a window that is waiting for a call."""

    def __init__(self) -> None:
        super().__init__()
        self.windows: dict[QWidget, int] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and isinstance(watched, QWidget):
            return watched.window() in self.windows
        return False


_guard: _InputGuard | None = None


def _block(window: QWidget) -> None:
    global _guard
    app = QApplication.instance()
    if app is None:
        return
    if _guard is None:
        _guard = _InputGuard()
    if not _guard.windows:
        app.installEventFilter(_guard)
    _guard.windows[window] = _guard.windows.get(window, 0) + 1


def _unblock(window: QWidget) -> None:
    if _guard is None or window not in _guard.windows:
        return
    _guard.windows[window] -= 1
    if not _guard.windows[window]:
        del _guard.windows[window]
    app = QApplication.instance()
    if not _guard.windows and app is not None:
        app.removeEventFilter(_guard)


class BusyOverlay(QFrame):
    """A quiet panel over the window: what is being done and a moving bar."""

    def __init__(self, window: QWidget, label: str) -> None:
        super().__init__(window)
        self.setObjectName("BusyOverlay")
        self.setStyleSheet(
            "#BusyOverlay { background: rgba(255, 255, 255, 170); }"
            "#BusyPanel { background: palette(window); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
        )
        panel = QFrame(self)
        panel.setObjectName("BusyPanel")
        panel.setMinimumWidth(260)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(18, 14, 18, 14)
        self.label = QLabel(label, panel)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar(panel)
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        inner.addWidget(self.label)
        inner.addWidget(bar)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignCenter)
        outer.addStretch(1)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


# --- the operations -----------------------------------------------------------------------


class _Op(_Running, Generic[T]):
    def __init__(
        self,
        *,
        parent: QWidget,
        ctx: AppContext,
        op: Callable[[Session], T],
        success: Callable[[T], None] | None,
    ) -> None:
        self.engine = ctx.engine
        self.actor = ctx.actor
        self._parent = parent
        self._ctx = ctx
        self._op = op
        self._success = success
        self._failure: Callable[[UserError], None] | None = None
        self._busy_label = ""
        self._window: QWidget | None = None
        self._relay: _Relay | None = None
        self._timer: QTimer | None = None
        self._overlay: BusyOverlay | None = None
        self._cursor = False

    def failure(self, callback: Callable[[UserError], None]) -> Self:
        """Handle a ``UserError`` here (e.g. next to a form) instead of in a message box."""
        self._failure = callback
        return self

    def with_busy(self, label: str) -> Self:
        """What the busy indicator says if the call takes longer than 150 ms."""
        self._busy_label = label
        return self

    def run_in_background(self) -> None:
        """Start the call and return at once."""
        self._relay = _Relay(self)
        self._window = self._parent.window()
        _block(self._window)
        timer = QTimer(self._relay)
        timer.setSingleShot(True)
        timer.timeout.connect(self._show_busy)
        timer.start(BUSY_AFTER_MS)
        self._timer = timer
        _running.add(self)
        _pool().start(_Job(self, self._relay))

    def work(self, session: Session) -> object:
        return self._op(session)

    def _show_busy(self) -> None:
        window = self._window
        if self.outcome is not None or window is None or not shiboken6.isValid(window):
            return
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BusyCursor))
        self._cursor = True
        self._overlay = BusyOverlay(window, self._busy_label or _("Working…"))

    def _finish_busy(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._cursor:
            QGuiApplication.restoreOverrideCursor()
            self._cursor = False
        if self._overlay is not None and shiboken6.isValid(self._overlay):
            self._overlay.hide()
            self._overlay.deleteLater()
        self._overlay = None
        if self._window is not None:
            _unblock(self._window)

    def deliver(self) -> None:
        self._finish_busy()
        _running.discard(self)
        if self._relay is not None:
            self._relay.deleteLater()
        assert self.outcome is not None
        ok, value = self.outcome
        alive = shiboken6.isValid(self._parent)
        if ok:
            if alive:
                if self._success is not None:
                    self._success(cast(T, value))
                self._after_success()
            return
        if isinstance(value, UserError):
            if alive and self._failure is not None:
                self._failure(value)
            else:
                show_error(self._parent if alive else None, value)
            return
        assert isinstance(value, BaseException)
        raise value

    def _after_success(self) -> None:
        """What a kind of operation does after ``success`` (nothing, for a read)."""


class QueryOp(_Op[T]):
    """Read something with a session of its own, off the UI thread."""


class ChangeOp(_Op[T]):
    """Change something off the UI thread, then tell the pages what changed."""

    def __init__(
        self,
        *,
        parent: QWidget,
        ctx: AppContext,
        op: Callable[[Session], T],
        changes: Iterable[Change],
        success: Callable[[T], None] | None = None,
    ) -> None:
        super().__init__(parent=parent, ctx=ctx, op=op, success=success)
        self._changes = tuple(changes)

    def _after_success(self) -> None:
        for what in self._changes:
            self._ctx.notify(what)
