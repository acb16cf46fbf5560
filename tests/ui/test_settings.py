"""Settings through the window: passphrase change, idle lock, the way to backups, about and help."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop import __version__
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.storage.database import session_scope
from tests.ui.helpers import button_of, settle, type_text, when_dialog

pytestmark = pytest.mark.gui

OLD = "koivu kuusi mänty"
NEW = "pihlaja vaahtera tammi"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


@pytest.fixture
def seat(ctx, firm, sqlite_engine: Engine, qtbot: QtBot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.employee.seat import Seat
    from huoltamo_desktop.ui.shell.main_window import MainWindow

    with session_scope(sqlite_engine) as s:
        access.set_manager_passphrase(s, passphrase=OLD)
    window = Seat(ctx, lambda: MainWindow(ctx))
    qtbot.addWidget(window)
    window.show()
    window.open_manager()
    yield window
    window.idle.stop()


def _settings(seat):  # type: ignore[no-untyped-def]
    return seat.current.go_to("settings")


def test_the_manager_passphrase_is_changed_after_the_current_one(
    seat, qtbot: QtBot, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.employee.passphrase import ManagerPassphraseDialog

    page = _settings(seat)
    assert "Change" in page.passphrase_button.text()
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: messages.append(a[2]))
    seen: list[str] = []

    def change(dialog: ManagerPassphraseDialog) -> None:
        assert dialog.current.isVisible() and not dialog.box.not_shared.isVisible()
        qtbot.keyClicks(dialog.current, "not the one")
        type_text(dialog.box.passphrase, NEW)
        type_text(dialog.box.repeat, NEW)
        save = button_of(dialog, QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        settle()  # the passphrase is checked off the UI thread
        seen.append(dialog.error.text())
        assert dialog.isVisible() and dialog.focusWidget() is dialog.current
        type_text(dialog.current, OLD)
        qtbot.keyClick(dialog.current, Qt.Key.Key_Return)
        settle()

    errors = when_dialog(ManagerPassphraseDialog, change)
    qtbot.mouseClick(page.passphrase_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert "current passphrase is not right" in seen[0]
    assert messages == ["The new manager passphrase is in use."]
    with session_scope(sqlite_engine) as s:
        assert access.verify_manager(s, passphrase=NEW).ok


def test_the_idle_lock_time_is_set_in_settings(seat, qtbot: QtBot, sqlite_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    page = _settings(seat)
    assert page.idle.value() == 5
    page.idle.setFocus()
    page.idle.selectAll()
    qtbot.keyClicks(page.idle, "12")
    qtbot.mouseClick(page.idle_save, Qt.MouseButton.LeftButton)
    assert "12 idle minutes" in page.idle_status.text()
    assert seat.idle.timer.interval() == 12 * 60_000  # the running lock follows at once
    with session_scope(sqlite_engine) as s:
        assert access.idle_minutes(s) == 12


def test_settings_points_to_the_one_place_for_backups(seat, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = _settings(seat)
    box = page.backup_box
    assert "Data and backups" in box.open_button.text()
    # Backing up and restoring are done in one place only.
    assert page.findChild(object, "restore_backup") is None
    qtbot.mouseClick(box.open_button, Qt.MouseButton.LeftButton)
    data_page = seat.current.current_page()
    assert data_page.findChild(object, "backup_now") is not None
    assert data_page.findChild(object, "restore_from_file") is not None


def test_about_and_help_show_the_version_and_the_keys(seat) -> None:  # type: ignore[no-untyped-def]
    page = _settings(seat)
    text = page.about_box.text.text()
    assert __version__ in text and "Ctrl+L" in text
