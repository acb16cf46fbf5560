"""The owner adds a team lead; the team lead signs in on the lock screen and sees only their team."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.ui.ops import wait_for_ops
from huoltamo_desktop.ui.seats.team_leads import TeamLeadDialog
from tests.ui.helpers import button_of, when_dialog

pytestmark = pytest.mark.gui

OWNER_PASS = "konepaja kahvitauko"
LEAD_PASS = "hitsaamon iltavuoro"


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
        access.set_manager_passphrase(s, passphrase=OWNER_PASS)
        prod = svc.create_team(s, name="Tuotanto")
        office = svc.create_team(s, name="Toimisto")
        svc.create_person(
            s, data=PersonInput(first_name="Liisa", last_name="Laine", team_id=prod.id)
        )
        svc.create_person(
            s, data=PersonInput(first_name="Väinö", last_name="Ääpälä", team_id=prod.id)
        )
        svc.create_person(
            s, data=PersonInput(first_name="Åsa", last_name="Berg", team_id=office.id)
        )
    window = Seat(ctx, lambda: MainWindow(ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.idle.stop()


def _sign_in(qtbot: QtBot, lock, passphrase: str) -> None:  # type: ignore[no-untyped-def]
    lock.manager_passphrase.setFocus()
    qtbot.keyClicks(lock.manager_passphrase, passphrase)
    qtbot.keyClick(lock.manager_passphrase, Qt.Key.Key_Return)
    wait_for_ops()  # the passphrase is checked off the UI thread


def test_a_team_lead_signs_in_and_sees_only_their_team(seat, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    lock = seat.lock_screen
    assert not lock.seat_picker.combo.isVisible(), "no team leads yet: no choice to make"
    _sign_in(qtbot, lock, OWNER_PASS)
    window = seat.current
    page = window.go_to("seats")

    def add(dialog: TeamLeadDialog) -> None:
        dialog.person.setCurrentIndex(dialog.person.findText("Liisa Laine"))
        item = dialog.teams.index_of("Tuotanto")
        rect = dialog.teams.visualRect(item)
        # The check box sits at the start of the row.
        box_at = QPoint(rect.left() + 10, rect.center().y())
        qtbot.mouseClick(dialog.teams.viewport(), Qt.MouseButton.LeftButton, pos=box_at)
        assert item.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        assert len(dialog.chosen_teams()) == 1
        qtbot.keyClicks(dialog.passphrase, LEAD_PASS)
        qtbot.keyClicks(dialog.repeat, LEAD_PASS)
        if os.environ.get("HUOLTAMO_SHOTS"):
            dialog.grab().save(os.environ["HUOLTAMO_SHOTS"] + "/team-lead-dialog.png")
        qtbot.mouseClick(
            button_of(dialog, QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
        wait_for_ops()

    errors = when_dialog(TeamLeadDialog, add)
    qtbot.mouseClick(page.team_leads.add_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert page.team_leads.model.rowCount() == 1
    if os.environ.get("HUOLTAMO_SHOTS"):
        page.grab().save(os.environ["HUOLTAMO_SHOTS"] + "/seats-page-owner.png")
    seat.lock()  # what Ctrl+L and the idle lock do (their keys are tested with employee mode)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    lock = seat.lock_screen
    assert lock.seat_picker.combo.isVisible()
    lock.seat_picker.combo.setCurrentIndex(
        lock.seat_picker.combo.findText("Liisa Laine, team lead")
    )
    _sign_in(qtbot, lock, OWNER_PASS)
    assert seat.currentWidget() is lock, "the owner's passphrase does not open a team lead's seat"
    _sign_in(qtbot, lock, LEAD_PASS)
    window = seat.current
    people = window.go_to("people")
    names = {people.model.row_at(r).name for r in range(people.model.rowCount())}
    assert names == {"Liisa Laine", "Väinö Ääpälä"}
    data_page = window.go_to("seats")
    assert data_page.findChild(object, "owner_only") is not None
    assert data_page.findChild(object, "backup_table") is None
