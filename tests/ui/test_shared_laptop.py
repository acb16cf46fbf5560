"""At a shared laptop nobody gets in by default and nothing of one person stays for the next."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huoltamo_desktop.domain.employee import EmployeeCredential, ManagerSecret
from huoltamo_desktop.domain.people import Person, utcnow
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.storage.database import session_scope
from tests.ui.helpers import settle, when_dialog

pytestmark = pytest.mark.gui

PASSPHRASE = "konepaja kahvitauko"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


@pytest.fixture
def person_id(sqlite_engine: Engine, firm: None) -> int:
    with session_scope(sqlite_engine) as s:
        p = Person(first_name="Łukasz", last_name="Ääpälä", language="en")
        s.add(p)
        s.flush()
        return p.id or 0


def _seat(ctx, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.employee.seat import Seat
    from huoltamo_desktop.ui.shell.main_window import MainWindow

    window = Seat(ctx, lambda: MainWindow(ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def seat(ctx, person_id: int, qtbot: QtBot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    window = _seat(ctx, qtbot)
    yield window
    window.idle.stop()


def _click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    if isinstance(widget, QCheckBox):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle()


def test_after_an_update_from_before_employee_mode_the_manager_must_set_a_passphrase(
    seat, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.employee.passphrase import ManagerPassphraseDialog
    from huoltamo_desktop.ui.shell.main_window import MainWindow

    lock = seat.lock_screen
    assert not lock.manager_button.isVisible(), "no way in without a passphrase"
    seen: dict[str, bool] = {}

    def fill(dialog: ManagerPassphraseDialog) -> None:
        seen["not_shared_offered"] = dialog.box.not_shared.isVisible()
        qtbot.keyClicks(dialog.box.passphrase, PASSPHRASE)
        qtbot.keyClicks(dialog.box.repeat, PASSPHRASE)
        dialog.accept()

    errors = when_dialog(ManagerPassphraseDialog, fill)  # type: ignore[arg-type]
    _click(qtbot, lock.set_passphrase_button)
    assert errors == []
    assert seen == {"not_shared_offered": False}, "only the manager may declare it not shared"
    assert isinstance(seat.currentWidget(), MainWindow), "the one who set it is the manager"
    with Session(sqlite_engine) as s:
        row = s.exec(select(ManagerSecret)).one()
        assert row.passphrase_hash and not row.laptop_not_shared


def _first_visit_page(qtbot: QtBot, lock) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(lock.search, "kasz")
    qtbot.keyClick(lock.search, Qt.Key.Key_Return)
    assert lock.employee_stack.currentIndex() == 2
    qtbot.keyClicks(lock.new_pin, "246810")
    qtbot.keyClicks(lock.new_pin_repeat, "246810")


def test_nobody_claims_a_colleagues_account_without_the_manager(
    ctx, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        access.set_manager_passphrase(s, passphrase=PASSPHRASE)
    seat = _seat(ctx, qtbot)
    lock = seat.lock_screen
    _first_visit_page(qtbot, lock)
    _click(qtbot, lock.new_pin_button)
    assert "manager" in lock.new_error.text()
    qtbot.keyClicks(lock.approval, "a good guess maybe")
    qtbot.keyClick(lock.approval, Qt.Key.Key_Return)
    settle()
    assert lock.employee_stack.currentIndex() == 2
    with Session(sqlite_engine) as s:
        assert s.exec(select(EmployeeCredential)).first() is None, "no account was claimed"
        assert s.exec(select(ManagerSecret)).one().failed_attempts == 1, "guessing is throttled"

    # The manager hands over a one-time code; it works once.
    with session_scope(sqlite_engine) as s:
        code = access.new_first_visit_code(s, person_id=person_id)
    qtbot.keyClicks(lock.approval, code.lower().replace("-", " "))
    qtbot.keyClick(lock.approval, Qt.Key.Key_Return)
    settle()
    assert lock.employee_stack.currentIndex() == 3, "the recovery code is shown"
    with Session(sqlite_engine) as s:
        assert s.exec(select(EmployeeCredential)).one().person_id == person_id
        code_used = access._use_first_visit_code(s, person_id, code, utcnow())
    assert code_used is False
    seat.idle.stop()


def test_done_and_idle_lock_clear_what_the_person_copied(
    ctx, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        access.set_manager_passphrase(s, passphrase=PASSPHRASE)
        access.create_secret(s, person_id=person_id, secret="246810")
    seat = _seat(ctx, qtbot)
    clipboard = QApplication.clipboard()
    for how in ("done", "idle"):
        lock = seat.lock_screen
        qtbot.keyClicks(lock.search, "kasz")
        qtbot.keyClick(lock.search, Qt.Key.Key_Return)
        qtbot.keyClicks(lock.pin, "246810")
        qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
        settle()
        assert seat.current is not None
        clipboard.setText("Haluan pois tästä firmasta")  # the person copies a line of their plan
        if how == "done":
            _click(qtbot, seat.current.done_button)
        else:
            seat.idle.set_interval_ms(60)
            qtbot.waitUntil(lambda: seat.current is None, timeout=3000)
            seat.idle.set_interval_ms(600_000)
        assert clipboard.text() == "", how
    seat.idle.stop()


def test_a_typed_recovery_code_cannot_be_brought_back_with_undo(
    ctx, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        access.set_manager_passphrase(s, passphrase=PASSPHRASE)
        access.create_secret(s, person_id=person_id, secret="246810")
        access.allow_new_secret(s, person_id=person_id)
    seat = _seat(ctx, qtbot)
    lock = seat.lock_screen
    qtbot.keyClicks(lock.search, "kasz")
    qtbot.keyClick(lock.search, Qt.Key.Key_Return)
    assert lock.recovery.isVisible()
    qtbot.keyClicks(lock.recovery, "ABCD-EFGH-JKLM-NPQR-STUV")
    lock.back_to_names()
    qtbot.keyClick(lock.search, Qt.Key.Key_Return)
    lock.recovery.setFocus()
    qtbot.keyClick(lock.recovery, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert lock.recovery.text() == ""
    assert not lock.recovery.isUndoAvailable()
    seat.idle.stop()
