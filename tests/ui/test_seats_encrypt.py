"""Turning on backup encryption on the Data page: the manager passphrase is checked first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services.seats_backup import backup_settings
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.ui.ops import wait_for_ops
from huoltamo_desktop.ui.seats.page import SeatsPage
from tests.ui.helpers import when_dialog

pytestmark = pytest.mark.gui

PASSPHRASE = "konepaja kahvitauko"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


def _answer(text: str):  # type: ignore[no-untyped-def]
    def act(dialog: QInputDialog) -> None:
        field = dialog.findChild(QLineEdit)
        assert field is not None
        field.setText(text)
        dialog.accept()

    return act


def test_encryption_needs_the_manager_passphrase(  # type: ignore[no-untyped-def]
    ctx, firm, sqlite_engine: Engine, qtbot: QtBot
) -> None:
    with session_scope(sqlite_engine) as s:
        access.set_manager_passphrase(s, passphrase=PASSPHRASE)
    page = SeatsPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 900)
    page.show()
    page.refresh()
    box_at = QPoint(8, page.encrypt.height() // 2)

    errors = when_dialog(QInputDialog, _answer("not the passphrase"))
    warned = when_dialog(QMessageBox, lambda box: box.accept())
    qtbot.mouseClick(page.encrypt, Qt.MouseButton.LeftButton, pos=box_at)
    wait_for_ops()
    qtbot.waitUntil(lambda: not page.encrypt.isChecked(), timeout=5000)
    assert errors == [] and warned == []
    with ctx.session() as s:
        assert not backup_settings(s).encrypted

    errors = when_dialog(QInputDialog, _answer(PASSPHRASE))
    qtbot.mouseClick(page.encrypt, Qt.MouseButton.LeftButton, pos=box_at)
    wait_for_ops()
    assert errors == []
    with ctx.session() as s:
        assert backup_settings(s).encrypted
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    wait_for_ops()
    assert page.backup_model.row_at(0).encrypted  # type: ignore[union-attr]
