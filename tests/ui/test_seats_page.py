"""The Data and backups page: back up now, keep N, restore the chosen backup; the in-use dialog."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.storage.seats_lock import DatabaseInUseError, SeatLock
from huoltamo_desktop.ui.ops import wait_for_ops
from huoltamo_desktop.ui.seats.in_use import InUseDialog
from huoltamo_desktop.ui.seats.page import SeatsPage
from tests.ui.helpers import when_dialog

pytestmark = pytest.mark.gui


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if os.environ.get("HUOLTAMO_SHOTS"):
        widget.grab().save(f"{os.environ['HUOLTAMO_SHOTS']}/{name}.png")


def _add(ctx, first: str) -> None:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        svc.create_person(s, data=PersonInput(first_name=first, last_name="Virtanen"))


def _press(box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    for button in box.buttons():
        if box.buttonRole(button) == role:
            button.click()
            return
    raise AssertionError(f"no button with {role}")


def test_back_up_now_then_restore_the_chosen_backup(ctx, firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _add(ctx, "Aino")
    page = SeatsPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    page.refresh()
    assert page.backup_model.rowCount() == 0
    assert "No backups yet" in page.backup_status.text()
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    wait_for_ops()
    assert page.backup_model.rowCount() == 1
    page.keep.setFocus()
    page.keep.selectAll()
    qtbot.keyClicks(page.keep, "4")
    qtbot.keyClick(page.keep, Qt.Key.Key_Tab)
    _shot(page, "seats-page")
    from huoltamo_desktop.services.seats_backup import backup_settings

    with ctx.session() as s:
        assert backup_settings(s).keep == 4
    _add(ctx, "Bertil")
    closed: list[bool] = []
    page.after_restore = lambda: closed.append(True)

    def confirm(box: QMessageBox) -> None:
        assert "Everything saved after it is replaced" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    errors = when_dialog(QMessageBox, confirm)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert errors == []
    done = when_dialog(QMessageBox, lambda box: _press(box, QMessageBox.ButtonRole.AcceptRole))
    qtbot.waitUntil(lambda: bool(closed), timeout=10_000)
    assert done == []
    with ctx.session() as s:
        assert {p.first_name for p in s.exec(select(Person))} == {"Kaisa", "Aino"}


def test_a_second_app_is_told_who_has_the_file(tmp_path: Path, qtbot: QtBot) -> None:
    db = tmp_path / "huoltamo.sqlite3"
    holder = SeatLock(db, name="Kaisa Koivula").acquire()
    try:
        with pytest.raises(DatabaseInUseError) as caught:
            SeatLock(db, name="Bertil").acquire()
        dialog = InUseDialog(caught.value)
        qtbot.addWidget(dialog)
        dialog.show()
        _shot(dialog, "seats-in-use")
        assert "in use by Kaisa Koivula" in dialog.text()
        assert dialog.take_over is None, "a live app's lock is never offered for take-over"
    finally:
        holder.release()


def test_export_a_persons_data_and_erase_leavers_past_retention(  # type: ignore[no-untyped-def]
    ctx, firm, qtbot: QtBot, tmp_path: Path
) -> None:
    from datetime import date

    with ctx.session() as s:
        aino = svc.create_person(
            s, data=PersonInput(first_name="Aino", last_name="Ääpälä", language="sv")
        )
        old = svc.create_person(s, data=PersonInput(first_name="Vanha", last_name="Lähtijä"))
        svc.archive_person(s, person_id=int(old.id or 0), left_on=date(2019, 6, 30))
    page = SeatsPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 1400)
    page.show()
    page.refresh()
    page.choose_folder = lambda: str(tmp_path)  # type: ignore[method-assign]
    page.export_person.setCurrentIndex(page.export_person.findData(aino.id))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved" in page.export_status.text(), timeout=20_000)
    pdf = next(tmp_path.glob("*.pdf"))
    assert next(tmp_path.glob("*.json")).read_text(encoding="utf-8").count("Ääpälä") >= 1
    from io import BytesIO

    from pypdf import PdfReader

    text = PdfReader(BytesIO(pdf.read_bytes())).pages[0].extract_text()
    from huoltamo_desktop.i18n import translator_for

    assert translator_for("sv").gettext("Your data held by the firm") in text
    page.retention.setFocus()
    page.retention.selectAll()
    qtbot.keyClicks(page.retention, "5")
    assert page.due_model.rowCount() == 1
    assert page.audit_model.rowCount() > 0, "the export itself is in the audit log"

    def confirm(box: QMessageBox) -> None:
        assert "Vanha Lähtijä" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    errors = when_dialog(QMessageBox, confirm)
    qtbot.mouseClick(page.erase_due, Qt.MouseButton.LeftButton)
    assert errors == []
    assert page.due_model.rowCount() == 0
    _shot(page, "seats-page-rights")
    with ctx.session() as s:
        assert s.get(Person, old.id) is None


@pytest.fixture
def seat(ctx, firm, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.employee.seat import Seat
    from huoltamo_desktop.ui.shell.main_window import MainWindow

    window = Seat(ctx, lambda: MainWindow(ctx))
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    window.open_manager()
    yield window
    window.idle.stop()


def test_save_a_backup_to_a_file_then_restore_from_that_file(  # type: ignore[no-untyped-def]
    seat, ctx, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    _add(ctx, "Aino")
    page = seat.current.go_to("seats")
    stick = tmp_path / "muistitikku"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(stick / "kopio"), ""))
    qtbot.mouseClick(page.backup_to_file, Qt.MouseButton.LeftButton)
    wait_for_ops()
    saved = stick / "kopio.sqlite3"
    assert saved.exists() and str(saved) in page.backup_status.text()
    _shot(seat, "seats-page-backup-to-file")

    _add(ctx, "Bertil")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    asked: list[str] = []

    def confirm(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    errors = when_dialog(QMessageBox, confirm)
    qtbot.mouseClick(page.restore_file, Qt.MouseButton.LeftButton)
    assert errors == [] and "kopio.sqlite3" in asked[0]
    told: list[str] = []

    def accept(box: QMessageBox) -> None:
        told.append(box.text())
        _press(box, QMessageBox.ButtonRole.AcceptRole)

    done = when_dialog(QMessageBox, accept, timeout_ms=10_000)
    qtbot.waitUntil(lambda: seat.currentWidget() is seat.lock_screen, timeout=10_000)
    assert done == [] and "lock screen" in told[0] and "before-restore" in told[0]
    with ctx.session() as s:
        assert {p.first_name for p in s.exec(select(Person))} == {"Kaisa", "Aino"}


@pytest.mark.parametrize("kind", ["foreign", "newer", "damaged"])
def test_a_bad_backup_file_is_refused_in_finnish_and_nothing_is_lost(  # type: ignore[no-untyped-def]
    seat, ctx, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    import sqlite3

    from PySide6.QtWidgets import QFileDialog

    from huoltamo_desktop.i18n import setup_i18n
    from huoltamo_desktop.services import seats_backup

    _add(ctx, "Aino")
    with ctx.session() as s:
        good = seats_backup.manual_backup(s, target=tmp_path / "hyvä.sqlite3").path
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "foreign":
        bad.write_text("Etunimi;Sukunimi\nAino;Laine\n", encoding="utf-8")
    elif kind == "newer":
        bad.write_bytes(good.read_bytes())
        conn = sqlite3.connect(bad)
        with conn:
            conn.execute("DELETE FROM alembic_version")
            conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
        conn.close()
    else:
        data = bytearray(good.read_bytes())
        for offset in range(4096 * 2, min(len(data), 4096 * 6)):
            data[offset] = (data[offset] * 7 + 13) % 256
        bad.write_bytes(bytes(data))
    setup_i18n("fi")
    try:
        page = seat.current.go_to("seats")
        folder = sorted(seats_backup.backup_folder(page.database).glob("*"))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
        when_dialog(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
        warned: list[str] = []

        def read(box: QMessageBox) -> None:
            warned.append(box.text())
            if kind == "newer":
                _shot(box, "seats-restore-newer-fi")
            _press(box, QMessageBox.ButtonRole.AcceptRole)

        errors = when_dialog(QMessageBox, read, timeout_ms=10_000)
        qtbot.mouseClick(page.restore_file, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(warned) or bool(errors), timeout=10_000)
    finally:
        setup_i18n("en")
    assert errors == []
    expected = {
        "foreign": "ei ole Työurahuoltamon varmuuskopio",
        "newer": "uudemmalla versiolla",
        "damaged": "vioittunut",
    }[kind]
    assert expected in warned[0]
    assert bad.name in warned[0], "the message names the file the person chose"
    assert seat.currentWidget() is seat.current, "the app goes on as it was"
    assert sorted(seats_backup.backup_folder(page.database).glob("*")) == folder
    with ctx.session() as s:
        assert {p.first_name for p in s.exec(select(Person))} == {"Kaisa", "Aino"}
