"""Settings through the window: passphrase change, idle lock, backup and restore, about and help."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from huoltamo_desktop import __version__
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.storage.database import session_scope
from tests.ui.helpers import button_of, type_text, when_dialog

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
        seen.append(dialog.error.text())
        assert dialog.isVisible() and dialog.focusWidget() is dialog.current
        type_text(dialog.current, OLD)
        qtbot.keyClick(dialog.current, Qt.Key.Key_Return)

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


def test_backup_then_restore_from_the_settings_page(
    seat, qtbot: QtBot, sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    page = _settings(seat)
    target = tmp_path / "varmuuskopio"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.backup_box.backup_button, Qt.MouseButton.LeftButton)
    saved = target.with_suffix(".sqlite3")
    assert saved.exists() and str(saved) in page.backup_box.status.text()

    with session_scope(sqlite_engine) as s:
        s.add(Person(first_name="Väinö", last_name="Ääpälä"))
    questions: list[str] = []

    def yes(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        questions.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    infos: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    monkeypatch.setattr(QMessageBox, "question", yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(str(a[2])))
    qtbot.mouseClick(page.backup_box.restore_button, Qt.MouseButton.LeftButton)
    assert "Koivulan Konepaja Oy, 1 person" in questions[0]
    assert "restored" in infos[0] and "before-restore" in infos[0]
    with session_scope(sqlite_engine) as s:
        assert [p.full_name for p in s.exec(select(Person))] == ["Kaisa Koivula"]
    # The app starts again from the lock screen, with the restored data behind it.
    qtbot.waitUntil(lambda: seat.currentWidget() is seat.lock_screen)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_file_that_is_not_a_backup_is_refused_with_a_message(
    seat, qtbot: QtBot, sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    page = _settings(seat)
    other = tmp_path / "henkilöt.csv"
    other.write_text("Etunimi;Sukunimi\nAino;Laine\n", encoding="utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(str(a[2])))
    qtbot.mouseClick(page.backup_box.restore_button, Qt.MouseButton.LeftButton)
    assert "not a database file" in warnings[0]
    assert seat.current is not None and seat.current.objectName() == "MainWindow"


def test_about_and_help_show_the_version_and_the_keys(seat) -> None:  # type: ignore[no-untyped-def]
    page = _settings(seat)
    text = page.about_box.text.text()
    assert __version__ in text and "Ctrl+L" in text
