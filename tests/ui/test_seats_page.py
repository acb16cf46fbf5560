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
        svc.create_person(s, PersonInput(first_name=first, last_name="Virtanen"))


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
            s, PersonInput(first_name="Aino", last_name="Ääpälä", language="sv")
        )
        old = svc.create_person(s, PersonInput(first_name="Vanha", last_name="Lähtijä"))
        svc.archive_person(s, int(old.id or 0), left_on=date(2019, 6, 30))
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
