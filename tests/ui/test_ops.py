"""Service calls off the UI thread: results, errors, the busy indicator and blocked input."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import Team
from huoltamo_desktop.services import people
from huoltamo_desktop.ui import ops
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.ops import BusyOverlay, ChangeOp, QueryOp

pytestmark = pytest.mark.gui


class Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("People")
        self.resize(400, 300)
        self.button = QPushButton("Export", self)
        self.clicks = 0
        self.button.clicked.connect(self._clicked)
        QVBoxLayout(self).addWidget(self.button)

    def _clicked(self) -> None:
        self.clicks += 1


@pytest.fixture
def window(qtbot: QtBot) -> Window:
    w = Window()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _overlay(window: QWidget) -> BusyOverlay | None:
    found = [o for o in window.findChildren(BusyOverlay) if o.isVisible()]
    return found[0] if found else None


def test_result_arrives_on_the_ui_thread_from_a_worker(
    qtbot: QtBot, ctx: AppContext, window: Window
) -> None:
    seen: dict[str, object] = {}

    def op(session: Session) -> list[str]:
        seen["worker"] = threading.get_ident()
        people.create_team(session, name="Östra")
        return [t.name for t in people.list_teams(session)]

    def success(names: list[str]) -> None:
        seen["names"] = names
        seen["on_ui_thread"] = QThread.currentThread() is QApplication.instance().thread()  # type: ignore[union-attr]

    QueryOp(parent=window, ctx=ctx, op=op, success=success).run_in_background()
    qtbot.waitUntil(lambda: "names" in seen)
    assert seen["names"] == ["Östra"]
    assert seen["worker"] != threading.get_ident()
    assert seen["on_ui_thread"] is True
    # The call's own session committed: another session sees the team.
    with ctx.session() as s:
        assert s.exec(select(Team.name)).all() == ["Östra"]


def test_a_change_tells_the_pages_after_success(
    qtbot: QtBot, ctx: AppContext, window: Window
) -> None:
    order: list[str] = []
    ctx.data_changed.connect(lambda what: order.append(f"changed:{what}"))
    ChangeOp(
        parent=window,
        ctx=ctx,
        op=lambda s: people.create_team(s, name="Åland").name,
        changes=(Change.TEAMS,),
        success=lambda name: order.append(f"success:{name}"),
    ).run_in_background()
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == ["success:Åland", "changed:teams"]


def test_a_user_error_rolls_back_and_reaches_the_failure_handler(
    qtbot: QtBot, ctx: AppContext, window: Window
) -> None:
    errors: list[str] = []

    def op(session: Session) -> None:
        people.create_team(session, name="Ärlig")
        session.flush()
        raise UserError("The staff list has no names.")

    ChangeOp(
        parent=window,
        ctx=ctx,
        op=op,
        changes=(Change.TEAMS,),
        success=lambda _r: errors.append("ok"),
    ).failure(lambda e: errors.append(str(e))).run_in_background()
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == ["The staff list has no names."]
    with ctx.session() as s:
        assert s.exec(select(Team)).all() == []


def test_a_user_error_without_a_handler_is_shown_in_a_message_box(
    qtbot: QtBot, ctx: AppContext, window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *a: shown.append((title, text))
    )

    def op(_session: Session) -> None:
        raise UserError("The disk is full, so nothing was saved.")

    QueryOp(parent=window, ctx=ctx, op=op, success=None).run_in_background()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [("People", "The disk is full, so nothing was saved.")]


def test_a_bug_is_raised_again_on_the_ui_thread(
    qtbot: QtBot, ctx: AppContext, window: Window
) -> None:
    def op(_session: Session) -> None:
        raise KeyError("missing")

    with qtbot.captureExceptions() as caught:
        QueryOp(parent=window, ctx=ctx, op=op, success=None).run_in_background()
        assert ops.wait_for_ops()
    assert [type(e[1]) for e in caught] == [KeyError]
    # The window takes clicks again.
    qtbot.mouseClick(window.button, Qt.MouseButton.LeftButton)
    assert window.clicks == 1


def test_busy_after_150_ms_and_no_clicks_until_done(
    qtbot: QtBot, ctx: AppContext, window: Window
) -> None:
    release = threading.Event()
    results: list[int] = []

    def op(_session: Session) -> int:
        release.wait(5)
        return 42

    QueryOp(parent=window, ctx=ctx, op=op, success=results.append).with_busy(
        "Making the PDF…"
    ).run_in_background()
    # At once: nothing shown yet, but a second click does not start a second export.
    assert _overlay(window) is None
    qtbot.mouseClick(window.button, Qt.MouseButton.LeftButton)
    assert window.clicks == 0
    qtbot.waitUntil(lambda: _overlay(window) is not None, timeout=1000)
    overlay = _overlay(window)
    assert overlay is not None and overlay.label.text() == "Making the PDF…"
    assert overlay.geometry() == window.rect()
    release.set()
    qtbot.waitUntil(lambda: results == [42])
    assert _overlay(window) is None
    assert QApplication.overrideCursor() is None
    qtbot.mouseClick(window.button, Qt.MouseButton.LeftButton)
    assert window.clicks == 1


def test_a_quick_call_shows_no_busy_indicator(
    qtbot: QtBot, ctx: AppContext, window: Window
) -> None:
    shown: list[bool] = []
    results: list[str] = []

    def success(value: str) -> None:
        results.append(value)

    QueryOp(parent=window, ctx=ctx, op=lambda _s: "done", success=success).run_in_background()
    qtbot.waitUntil(lambda: bool(results))
    shown.append(_overlay(window) is not None)
    qtbot.wait(ops.BUSY_AFTER_MS + 100)
    shown.append(_overlay(window) is not None)
    assert shown == [False, False]


def test_calls_run_in_the_order_they_were_started(
    qtbot: QtBot, ctx: AppContext, window: Window
) -> None:
    names: list[list[str]] = []
    ChangeOp(
        parent=window,
        ctx=ctx,
        op=lambda s: people.create_team(s, name="Öberg"),
        changes=(Change.TEAMS,),
    ).run_in_background()
    QueryOp(
        parent=window,
        ctx=ctx,
        op=lambda s: [t.name for t in people.list_teams(s)],
        success=names.append,
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(names))
    assert names == [["Öberg"]]


def test_a_closed_window_gets_no_result(qtbot: QtBot, ctx: AppContext) -> None:
    w = Window()
    w.show()
    release = threading.Event()
    results: list[int] = []

    def op(_session: Session) -> int:
        release.wait(5)
        return 1

    QueryOp(parent=w.button, ctx=ctx, op=op, success=results.append).run_in_background()
    shiboken6.delete(w)
    release.set()
    assert ops.wait_for_ops()
    assert results == []
