"""The first session of a new firm, in one process: empty folder → set-up → a conversation → its summary PDF."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QListWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.settings import LocalSettings
from huoltamo_desktop.storage.migrate import open_database
from huoltamo_desktop.ui.employee.seat import Seat
from tests.ui.helpers import type_text, when_dialog

pytestmark = pytest.mark.gui

PASSPHRASE = "koivu kuusi mänty"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


@pytest.fixture
def empty_engine(tmp_path: Path) -> Iterator[Engine]:
    """What the app opens when it starts in an empty data folder."""
    engine, _info = open_database(str(tmp_path / "huoltamo.sqlite3"))
    yield engine
    engine.dispose()


def _collect_garbage() -> None:
    """What a long session does at moments nobody chooses (e.g. while a PDF is built)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()


def _seat() -> Seat:
    seats = [w for w in QApplication.topLevelWidgets() if isinstance(w, Seat)]
    assert len(seats) == 1, "the app's window is gone"
    return seats[0]


def _activate(qtbot: QtBot, window: QWidget) -> None:
    handle = window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _go_to(qtbot: QtBot, window: QWidget, key: str) -> QWidget:
    nav = window.findChild(QListWidget, "Navigation")
    assert nav is not None
    row = next(i for i in range(nav.count()) if nav.item(i).data(Qt.ItemDataRole.UserRole) == key)
    rect = nav.visualItemRect(nav.item(row))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.findChild(QWidget, f"page_{key}")
    assert page is not None and page.isVisible()
    return page


def _set_up(qtbot: QtBot, dialog) -> None:  # type: ignore[no-untyped-def]
    type_text(dialog.firm_name, "Mäkelän Puutyö Oy")
    type_text(dialog.first_name, "Päivi")
    type_text(dialog.last_name, "Mäkelä")
    type_text(dialog.passphrase_box.passphrase, PASSPHRASE)
    type_text(dialog.passphrase_box.repeat, PASSPHRASE)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)


def _summary_pdf(qtbot: QtBot, window: QWidget, target: Path, monkeypatch) -> bytes:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.conversations.new_dialog import NewConversationDialog

    page = _go_to(qtbot, window, "conversations")

    def fill(dialog: NewConversationDialog) -> None:
        line = dialog.person.lineEdit()
        assert line is not None
        line.clear()
        type_text(line, "Päivi Mäkelä")
        qtbot.mouseClick(dialog.findChild(object, "start_conversation"), Qt.MouseButton.LeftButton)

    errors = when_dialog(NewConversationDialog, fill)
    qtbot.mouseClick(page.list_tab.new_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert errors == []
    view = page.view  # type: ignore[attr-defined]
    _collect_garbage()
    bar = view.steps.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(3).center())
    # The summary is built off the UI thread; it shows when the worker is done.
    qtbot.waitUntil(lambda: view.summary.view.page_count() == 1, timeout=20000)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(target), "PDF"),
    )
    qtbot.mouseClick(view.summary.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=20000)
    return target.read_bytes()


def test_from_an_empty_folder_to_a_saved_summary_pdf_and_again_after_locking(
    empty_engine: Engine, qapp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.application import start_window
    from huoltamo_desktop.ui.context import AppContext

    ctx = AppContext(empty_engine, LocalSettings(language="en"), "huoltamo.sqlite3")
    shell = start_window(ctx)
    dialog = shell.window
    assert dialog is not None and dialog.objectName() == "FirstRunDialog"
    _set_up(qtbot, dialog)
    del dialog
    _collect_garbage()

    window = _seat()
    _activate(qtbot, window)
    try:
        assert window.current is not None
        pdf = _summary_pdf(qtbot, window.current, tmp_path / "first.pdf", monkeypatch)
        text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
        assert "Päivi Mäkelä" in text

        _activate(qtbot, window)  # offscreen, nothing re-activates the window after a dialog
        # Ctrl+L, sign back in with the passphrase chosen at set-up, and print again.
        qtbot.keyClick(window.current, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        lock = window.lock_screen
        assert lock is not None and window.currentWidget() is lock
        qtbot.mouseClick(lock.manager_passphrase, Qt.MouseButton.LeftButton)
        type_text(lock.manager_passphrase, PASSPHRASE)
        qtbot.keyClick(lock.manager_passphrase, Qt.Key.Key_Return)
        del lock
        _collect_garbage()
        signed_in = _seat().current
        assert signed_in is not None and signed_in.objectName() == "MainWindow"
        again = _summary_pdf(qtbot, signed_in, tmp_path / "again.pdf", monkeypatch)
        assert again.startswith(b"%PDF")
    finally:
        seat = _seat()
        seat.idle.stop()  # type: ignore[attr-defined]
        shell.window = None
        seat.close()
        seat.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
