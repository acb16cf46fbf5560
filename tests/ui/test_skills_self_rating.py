"""The self-rating widget employee mode embeds: type a level, read the descriptors, add a skill, wish."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.people import PersonInput, create_person
from huoltamo_desktop.storage.database import session_scope

pytestmark = pytest.mark.gui


@pytest.fixture
def person(sqlite_engine: Engine) -> dict[str, int]:
    with session_scope(sqlite_engine) as s:
        pid = create_person(s, data=PersonInput("Aino", "Aalto", job_title="Hitsaaja")).id or 0
        tig = svc.add_skill(s, name="TIG").id or 0
        mig = svc.add_skill(s, name="MIG").id or 0
        extra = svc.add_skill(s, name="Robottihitsaus").id or 0
        svc.save_profile(s, title="Hitsaaja", lines={tig: 3})
        svc.record_rating(
            s, person_id=pid, skill_id=mig, kind="agreed", level=2, on=date(2026, 1, 5)
        )
    return {"person": pid, "tig": tig, "mig": mig, "extra": extra}


def _widget(ctx, person_id: int, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.skills.self_rating import SelfRatingWidget

    widget = SelfRatingWidget(ctx, person_id)
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_typing_levels_records_self_ratings(ctx, person, qtbot: QtBot, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    widget = _widget(ctx, person["person"], qtbot)
    model, view = widget.model, widget.view
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["MIG", "TIG"]
    assert model.index(0, 2).data().startswith("2 – ")  # the agreed level is shown beside
    assert model.index(1, 3).data().startswith("3 – ")  # what the role needs
    rect = view.visualRect(model.index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.keyClick(view, Qt.Key.Key_1)  # moved on to TIG
    assert widget.status.text() == "Saved: TIG"
    with session_scope(sqlite_engine) as s:
        latest = svc.latest_ratings(s)
    assert latest[(person["person"], person["mig"])]["self"][0] == 3
    assert latest[(person["person"], person["mig"])]["agreed"][0] == 2  # untouched
    assert latest[(person["person"], person["tig"])]["self"][0] == 1


def test_level_list_has_descriptors(ctx, person, qtbot: QtBot, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    widget = _widget(ctx, person["person"], qtbot)
    view = widget.view
    rect = view.visualRect(widget.model.index(1, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QComboBox, "level_combo")
    assert editor is not None and svc.level_descriptor(2) in editor.itemText(2)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: widget.status.text() == "Saved: TIG")
    with session_scope(sqlite_engine) as s:
        assert svc.latest_ratings(s)[(person["person"], person["tig"])]["self"][0] == 4


def test_add_a_skill_and_wish_to_learn_it(ctx, person, qtbot: QtBot, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    widget = _widget(ctx, person["person"], qtbot)
    assert widget.add_skill.currentText() == "Robottihitsaus"
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    model, view = widget.model, widget.view
    row = [model.index(r, 0).data() for r in range(model.rowCount())].index("Robottihitsaus")
    assert not widget.add_button.isEnabled()  # nothing more to add
    wish = view.visualRect(model.index(row, 4))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=wish.center())
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.index(row, 4).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    with session_scope(sqlite_engine) as s:
        target = svc.targets_for(s)[(person["person"], person["extra"])]
    assert target.wish and target.level is None


def test_empty_state(ctx, sqlite_engine, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        pid = create_person(s, data=PersonInput("Olli", "Ojala")).id or 0
    widget = _widget(ctx, pid, qtbot)
    assert widget.empty.isVisible() and not widget.view.isVisible()
    assert widget.view.model().rowCount() == 0, "a hidden table still holding rows is not empty"
    assert not widget.add_button.isEnabled()
