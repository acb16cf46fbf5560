"""Editing a person someone else saved meanwhile: yours and theirs per field, the user chooses."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.services import people as svc
from huoltamo_desktop.services.people import PersonInput
from huoltamo_desktop.ui.ops import wait_for_ops
from huoltamo_desktop.ui.people.dialogs import PersonDialog
from huoltamo_desktop.ui.seats.conflict_dialog import ConflictDialog
from tests.ui.helpers import button_of, type_text, when_dialog

pytestmark = pytest.mark.gui


def _aino(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        person = svc.create_person(
            s, data=PersonInput(first_name="Aino", last_name="Virtanen", job_title="Hitsaaja")
        )
        return int(person.id or 0)


def _other_seat_saves(ctx, person_id: int, **changes: object) -> None:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        person = s.get(Person, person_id)
        values = dict(svc.person_values(person), **changes)
        svc.update_person(s, person_id=person_id, data=PersonInput(**values))  # type: ignore[arg-type]


def _save(dialog: PersonDialog, qtbot: QtBot) -> None:
    qtbot.mouseClick(
        button_of(dialog, QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_a_clash_shows_both_values_and_keeps_the_choice(ctx, firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    aino = _aino(ctx)
    dialog = PersonDialog(ctx, aino)
    qtbot.addWidget(dialog)
    dialog.show()
    _other_seat_saves(ctx, aino, job_title="Työnjohtaja", last_name="Laine")
    dialog.job_title.selectAll()
    type_text(dialog.job_title, "Laatuvastaava")
    qtbot.keyClicks(dialog.email, "aino@konepaja.fi")
    seen: dict[str, str] = {}

    def choose_theirs(conflict: ConflictDialog) -> None:
        theirs = conflict.findChild(QRadioButton, "theirs_job_title")
        mine_text = conflict.findChild(QLabel, "yours_job_title_text")
        theirs_text = conflict.findChild(QLabel, "theirs_job_title_text")
        assert theirs is not None and mine_text is not None and theirs_text is not None
        seen["yours"], seen["theirs"] = mine_text.text(), theirs_text.text()
        if os.environ.get("HUOLTAMO_SHOTS"):
            conflict.grab().save(os.environ["HUOLTAMO_SHOTS"] + "/conflict.png")
        assert conflict.findChild(QRadioButton, "yours_last_name") is None, "only she changed it"
        qtbot.mouseClick(theirs, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(conflict.findChild(QPushButton, "save_choices"), Qt.MouseButton.LeftButton)

    errors = when_dialog(ConflictDialog, choose_theirs)
    _save(dialog, qtbot)
    assert wait_for_ops()
    assert errors == []
    assert seen == {"yours": "Laatuvastaava", "theirs": "Työnjohtaja"}
    with ctx.session() as s:
        person = s.get(Person, aino)
        assert (person.job_title, person.last_name, person.email) == (
            "Työnjohtaja",
            "Laine",
            "aino@konepaja.fi",
        ), "their title and name, my email: nothing lost on either side"


def test_going_back_keeps_what_the_user_typed(ctx, firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    aino = _aino(ctx)
    dialog = PersonDialog(ctx, aino)
    qtbot.addWidget(dialog)
    dialog.show()
    _other_seat_saves(ctx, aino, job_title="Työnjohtaja")
    dialog.job_title.selectAll()
    type_text(dialog.job_title, "Laatuvastaava")

    def back(conflict: ConflictDialog) -> None:
        qtbot.mouseClick(
            conflict.findChild(QPushButton, "back_to_editing"), Qt.MouseButton.LeftButton
        )

    errors = when_dialog(ConflictDialog, back)
    _save(dialog, qtbot)
    assert wait_for_ops()
    assert errors == []
    assert dialog.isVisible() and dialog.job_title.text() == "Laatuvastaava"
    with ctx.session() as s:
        assert s.get(Person, aino).job_title == "Työnjohtaja"
