"""A team lead signs in and the Skills page shows only the people of their teams."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain.seats import OWNER
from huoltamo_desktop.domain.skills import RatingKind
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.services import people as people_svc
from huoltamo_desktop.services import seats
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.ui.ops import wait_for_ops

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
        prod = people_svc.create_team(s, name="Tuotanto")
        office = people_svc.create_team(s, name="Toimisto")
        lead = people_svc.create_person(
            s, data=PersonInput(first_name="Liisa", last_name="Laine", team_id=prod.id)
        )
        welder = people_svc.create_person(
            s, data=PersonInput(first_name="Väinö", last_name="Ääpälä", team_id=prod.id)
        )
        clerk = people_svc.create_person(
            s, data=PersonInput(first_name="Åsa", last_name="Berg", team_id=office.id)
        )
        welding = svc.add_skill(s, name="Hitsaus")
        books = svc.add_skill(s, name="Kirjanpito")
        for person, skill in ((welder, welding), (clerk, welding), (clerk, books)):
            svc.record_rating(
                s,
                person_id=int(person.id or 0),
                skill_id=int(skill.id or 0),
                kind=RatingKind.AGREED,
                level=4,
                on=date(2026, 10, 1),
            )
        svc.save_need(s, skill_id=int(welding.id or 0), level=3, people_needed=2, by_date=None)
        svc.save_need(s, skill_id=int(books.id or 0), level=3, people_needed=1, by_date=None)
        seats.add_team_lead(
            s,
            scope=OWNER,
            person_id=int(lead.id or 0),
            team_ids=[prod.id or 0],
            passphrase=LEAD_PASS,
        )
    window = Seat(ctx, lambda: MainWindow(ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.idle.stop()


def _click_tab(qtbot: QtBot, tabs, widget) -> None:  # type: ignore[no-untyped-def]
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(widget)).center())
    wait_for_ops()
    assert tabs.currentWidget() is widget


def _column(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def test_a_team_lead_sees_the_skills_of_their_own_people_only(seat, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    lock = seat.lock_screen
    lock.seat_picker.combo.setCurrentIndex(
        lock.seat_picker.combo.findText("Liisa Laine, team lead")
    )
    lock.manager_passphrase.setFocus()
    qtbot.keyClicks(lock.manager_passphrase, LEAD_PASS)
    qtbot.keyClick(lock.manager_passphrase, Qt.Key.Key_Return)
    wait_for_ops()  # the passphrase is checked off the UI thread
    qtbot.waitUntil(lambda: seat.current is not None, timeout=10_000)
    wait_for_ops()  # the passphrase is checked off the UI thread
    assert seat.current is not None, "the team lead is not signed in"
    page = seat.current.go_to("skills")
    wait_for_ops()

    assert page.scope_note.isVisible()
    assert page.scope_note.text() == "Counted over your teams: Tuotanto"
    matrix = page.matrix.model
    names = {matrix.person_at(r)[1] for r in range(matrix.rowCount())}
    assert names == {"Liisa Laine", "Väinö Ääpälä"}

    _click_tab(qtbot, page.tabs, page.analyses)
    wait_for_ops()  # the analyses read the firm's picture off the UI thread
    risks = dict(
        zip(_column(page.analyses.risk_model, 0), _column(page.analyses.risk_model, 1), strict=True)
    )
    # Across the firm two people weld; in the team lead's teams only Väinö does.
    assert risks["Hitsaus"] == "Väinö Ääpälä"
    assert risks["Kirjanpito"] == "—"
    shown = " ".join(
        " ".join(_column(page.analyses.risk_model, c))
        for c in range(page.analyses.risk_model.columnCount())
    )
    assert "Åsa" not in shown
    if os.environ.get("HUOLTAMO_SHOTS"):
        page.grab().save(os.environ["HUOLTAMO_SHOTS"] + "/skills-team-lead-risk.png")

    _click_tab(qtbot, page.tabs, page.needs)
    at_level = dict(zip(_column(page.needs.model, 0), _column(page.needs.model, 4), strict=True))
    assert at_level == {"Hitsaus": "1", "Kirjanpito": "0"}
    assert not page.needs.add_button.isVisible()
    assert page.needs.findChild(object, "needs_owner_note").isVisible()
    if os.environ.get("HUOLTAMO_SHOTS"):
        page.grab().save(os.environ["HUOLTAMO_SHOTS"] + "/skills-team-lead-needs.png")


def test_a_team_lead_is_told_the_rotation_plan_is_the_owners(seat, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    lock = seat.lock_screen
    lock.seat_picker.combo.setCurrentIndex(
        lock.seat_picker.combo.findText("Liisa Laine, team lead")
    )
    lock.manager_passphrase.setFocus()
    qtbot.keyClicks(lock.manager_passphrase, LEAD_PASS)
    qtbot.keyClick(lock.manager_passphrase, Qt.Key.Key_Return)
    wait_for_ops()  # the passphrase is checked off the UI thread
    qtbot.waitUntil(lambda: seat.current is not None, timeout=10_000)
    page = seat.current.go_to("rotations")
    wait_for_ops()
    assert page.findChild(object, "owner_only").isVisible()
    assert not page.tabs.isVisible() and not page.new_button.isVisible()
    if os.environ.get("HUOLTAMO_SHOTS"):
        page.grab().save(os.environ["HUOLTAMO_SHOTS"] + "/rotations-team-lead.png")
