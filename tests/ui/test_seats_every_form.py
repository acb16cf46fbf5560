"""Forms beyond the person's: another seat saves meanwhile, the user picks theirs and yours per field."""

from __future__ import annotations

import dataclasses
import os
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from huoltamo_desktop.domain.conversations import ConversationAction
from huoltamo_desktop.domain.rotations import Rotation, RotationKind
from huoltamo_desktop.domain.training import PlanStatus, TrainingOffering, TrainingPlanItem
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.services import rotations as rs
from huoltamo_desktop.services import training_exchange as exchange
from huoltamo_desktop.services import training_plan as plan
from huoltamo_desktop.services.people import PersonInput, create_person
from huoltamo_desktop.ui.ops import wait_for_ops
from huoltamo_desktop.ui.seats.conflict_dialog import ConflictDialog
from tests.ui.helpers import type_text, when_dialog

pytestmark = pytest.mark.gui


def _pick(qtbot: QtBot, theirs: str, yours: str, shot: str = "") -> list[str]:
    """On the clash dialog: theirs for one field, yours (the default) for another, then save."""

    def choose(dialog: ConflictDialog) -> None:
        assert dialog.findChild(QAbstractButton, f"yours_{yours}") is not None
        if shot and os.environ.get("HUOLTAMO_SHOTS"):
            dialog.grab().save(f"{os.environ['HUOLTAMO_SHOTS']}/{shot}.png")
        for name in (f"theirs_{theirs}", f"yours_{yours}"):
            button = dialog.findChild(QAbstractButton, name)
            assert button is not None, name
            # On the round mark: a short value leaves the middle of a wide cell unclickable.
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
        chosen = dialog.findChild(QAbstractButton, f"theirs_{theirs}")
        assert chosen is not None and chosen.isChecked()
        qtbot.mouseClick(
            dialog.findChild(QAbstractButton, "save_choices"), Qt.MouseButton.LeftButton
        )

    return when_dialog(ConflictDialog, choose)


def test_the_rotation_editor(ctx, firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.rotations.dialogs import RotationDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    with ctx.session() as s:
        aino = create_person(s, data=PersonInput("Aino", "Testinen")).id or 0
        data = rs.RotationInput(
            kind=RotationKind.SHADOWING,
            person_id=aino,
            starts_on=date(2027, 3, 1),
            ends_on=date(2027, 3, 26),
            share_percent=20,
            destination="Kokoonpano",
        )
        rid = rs.save_rotation(s, data=data, accept_warnings=True).id or 0
        version = s.get(Rotation, rid).row_version
        dialog = RotationDialog(
            parent,
            plan=rs.plan_data(s),
            skills=[],
            initial=rs.input_of(s, rotation_id=rid),
            rotation_id=rid,
            ctx=ctx,
            version=version,
        )
    dialog.show()
    dialog.destination.selectAll()
    type_text(dialog.destination, "Laaduntarkastus")
    dialog.share.selectAll()
    qtbot.keyClicks(dialog.share, "60")
    with ctx.session() as s:  # another seat saves both fields meanwhile
        other = dataclasses.replace(
            rs.input_of(s, rotation_id=rid), destination="Varasto", share_percent=40
        )
        rs.save_rotation(s, data=other, rotation_id=rid, accept_warnings=True)
    errors = _pick(qtbot, theirs="destination", yours="share_percent", shot="conflict-rotation")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert wait_for_ops()
    assert errors == []
    with ctx.session() as s:
        saved = rs.input_of(s, rotation_id=rid)
    assert (saved.destination, saved.share_percent) == ("Varasto", 60)
    assert not dialog.isVisible()


def test_an_agreed_action_of_a_conversation(ctx, firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.conversations.conversation_view.actions import ActionsStep

    with ctx.session() as s:
        aino = create_person(s, data=PersonInput("Aino", "Testinen")).id or 0
        c = cs.create_conversation(s, kind="career", held_on=date(2026, 11, 20), person_id=aino)
        action_id = (
            cs.add_action(
                s, conversation_id=c.id or 0, data=cs.ActionInput(what="Tulityökortti")
            ).id
            or 0
        )
        detail = cs.get_conversation(s, conversation_id=c.id or 0)
    host = QWidget()
    qtbot.addWidget(host)
    step = ActionsStep(ctx, host)
    step.load(detail)
    host.resize(1000, 700)
    host.show()
    table = step.table
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(table.model().index(0, 0)).center(),
    )
    assert step.what.text() == "Tulityökortti"
    step.what.selectAll()
    type_text(step.what, "Tulityökortti ja ensiapu")
    step.owner_name.clear()
    with ctx.session() as s:  # another manager edits the same action meanwhile
        theirs = cs.action_input(s.get(ConversationAction, action_id))
        cs.update_action(
            s,
            action_id=action_id,
            data=dataclasses.replace(theirs, what="Tulityökortti keväällä", status="in_progress"),
        )
    step.status_combo.setCurrentIndex(step.status_combo.findData("done"))
    errors = _pick(qtbot, theirs="what", yours="status", shot="conflict-action")
    qtbot.mouseClick(step.save_button, Qt.MouseButton.LeftButton)
    assert wait_for_ops()
    assert errors == []
    with ctx.session() as s:
        action = s.get(ConversationAction, action_id)
        assert (action.what, action.status) == ("Tulityökortti keväällä", "done")


def test_feedback_on_a_training(ctx, firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.training.dialogs import FeedbackDialog

    with ctx.session() as s:
        exchange.ensure_starter_catalogue(s)
        offering = s.exec(select(TrainingOffering)).first()
        aino = create_person(s, data=PersonInput("Aino", "Testinen")).id or 0
        (item,) = plan.plan_training(
            s, person_ids=[aino], offering_id=offering.id or 0, planned_on=date(2026, 6, 1)
        )
        plan.set_status(s, item_id=item.id or 0, status=PlanStatus.PASSED, on=date(2026, 6, 1))
        item_id = item.id or 0
        (row,) = [r for r in plan.plan_rows(s) if r.id == item_id]
    dialog = FeedbackDialog(ctx, row)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "rating_2"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "applied_no"), Qt.MouseButton.LeftButton)
    with ctx.session() as s:  # the other seat answered both meanwhile
        plan.save_feedback(s, item_id=item_id, data=plan.FeedbackInput(5, "yes"))
    errors = _pick(qtbot, theirs="rating", yours="applied", shot="conflict-feedback")
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "dialog_ok"), Qt.MouseButton.LeftButton)
    assert wait_for_ops()
    assert errors == []
    with ctx.session() as s:
        stored = s.get(TrainingPlanItem, item_id)
        assert (stored.rating, stored.applied) == (5, "no")
