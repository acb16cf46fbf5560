"""Lists on the shared table model, driven as a user does: click a row, see or act on that row;
click a header and read the names in the alphabet of the language in use."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain.conversations import ActionKind, Conversation, ConversationAction
from huoltamo_desktop.i18n import setup_i18n
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services import training_exchange as exchange
from huoltamo_desktop.services.people import PersonInput, create_person
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.ui.ops import wait_for_ops
from tests.ui.helpers import when_dialog

pytestmark = pytest.mark.gui

NAMES = ("Zetterlund", "Öberg", "Åkerman", "Ahonen", "Ärling")


@pytest.fixture
def finnish() -> Iterator[None]:
    setup_i18n("fi")
    yield
    setup_i18n("en")


@pytest.fixture
def card_holders(sqlite_engine: Engine) -> dict[str, int]:
    ids: dict[str, int] = {}
    with session_scope(sqlite_engine) as s:
        card = svc.pick_starter_cards(s, keys=["hot_work_card"])[0]
        for i, last in enumerate(NAMES):
            pid = create_person(s, data=PersonInput("Testi", last, job_title="Hitsaaja")).id or 0
            ids[last] = (
                svc.add_person_card(
                    s,
                    person_id=pid,
                    card_type_id=card.id or 0,
                    obtained_on=date.today() - timedelta(days=400 + 30 * i),
                ).id
                or 0
            )
    return ids


def _show(widget, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)


def _texts(view: QTableView, column: int = 0) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _click(qtbot: QtBot, view: QAbstractItemView, row: int, column: int = 0) -> None:
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _click_header(qtbot: QtBot, view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_cards_sort_by_name_with_the_nordic_letters_last_in_finnish(  # type: ignore[no-untyped-def]
    ctx, card_holders, qtbot: QtBot, finnish
) -> None:
    from huoltamo_desktop.ui.skills.cards import CardsPanel

    panel = CardsPanel(ctx)
    _show(panel, qtbot)
    panel.reload()
    panel.tabs.setCurrentWidget(panel.all_view)
    view = panel.all_view
    _click_header(qtbot, view, 0)
    people = [t.split(" ", 1)[1] for t in _texts(view)]
    assert people == ["Ahonen", "Zetterlund", "Åkerman", "Ärling", "Öberg"]
    assert view.model().headerData(0, Qt.Orientation.Horizontal) == "Henkilö"


def test_a_card_clicked_in_the_list_is_the_one_removed(  # type: ignore[no-untyped-def]
    ctx, card_holders, qtbot: QtBot, sqlite_engine, monkeypatch
) -> None:
    from huoltamo_desktop.ui.skills.cards import CardsPanel

    panel = CardsPanel(ctx)
    _show(panel, qtbot)
    panel.reload()
    panel.tabs.setCurrentWidget(panel.all_view)
    view = panel.all_view
    row = _texts(view).index("Testi Öberg")
    _click(qtbot, view, row, 2)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert "Testi Öberg" not in _texts(view)
    assert len(_texts(view)) == len(NAMES) - 1
    with session_scope(sqlite_engine) as s:
        held = {h.person_name for h in svc.card_holdings(s)}
    assert "Testi Öberg" not in held and "Testi Zetterlund" in held


def test_a_reload_keeps_the_clicked_card_chosen(ctx, card_holders, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.skills.cards import CardsPanel
    from huoltamo_desktop.ui.widgets.table_view import selected_id

    panel = CardsPanel(ctx)
    _show(panel, qtbot)
    panel.reload()
    panel.tabs.setCurrentWidget(panel.all_view)
    view = panel.all_view
    _click(qtbot, view, _texts(view).index("Testi Ärling"))
    panel.reload()
    assert selected_id(view) == card_holders["Ärling"]
    assert [i.row() for i in view.selectionModel().selectedRows()] == [
        _texts(view).index("Testi Ärling")
    ]


def test_a_need_clicked_opens_in_the_editor(ctx, sqlite_engine, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.skills.needs import NeedDialog, NeedsPanel

    with session_scope(sqlite_engine) as s:
        weld = svc.add_skill(s, name="Robottihitsaus").id or 0
        bend = svc.add_skill(s, name="Särmäys").id or 0
        svc.save_need(s, skill_id=weld, level=3, people_needed=2, by_date=None, reason="Solu")
        svc.save_need(s, skill_id=bend, level=2, people_needed=12, by_date=None, reason="Kone")
    panel = NeedsPanel(ctx)
    _show(panel, qtbot)
    panel.reload()
    view = panel.view
    people = view.model().index(0, 2)
    assert people.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    _click_header(qtbot, view, 2)
    assert _texts(view, 2) == ["2", "12"]  # as numbers, not as text
    seen: list[str] = []

    def look(dialog: NeedDialog) -> None:
        seen.append(dialog.skill.currentText())
        seen.append(dialog.reason.toPlainText())
        dialog.reject()

    errors = when_dialog(NeedDialog, look)
    _click(qtbot, view, _texts(view).index("Särmäys"))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert seen == ["Särmäys", "Kone"]


def test_an_agreed_training_action_clicked_finds_its_training(  # type: ignore[no-untyped-def]
    ctx, firm, sqlite_engine, qtbot: QtBot
) -> None:
    from huoltamo_desktop.ui.training.plan_panel import ActionsDialog

    with session_scope(sqlite_engine) as s:
        exchange.ensure_starter_catalogue(s)
        for first, what in (("Aino", "Tulityökortti"), ("Olli", "Ensiapukurssi")):
            pid = create_person(s, data=PersonInput(first, "Hitsaaja")).id or 0
            conversation = Conversation(kind="career", person_id=pid, held_on=date(2026, 11, 1))
            s.add(conversation)
            s.flush()
            s.add(
                ConversationAction(
                    conversation_id=conversation.id or 0, what=what, kind=ActionKind.TRAINING
                )
            )
    dialog = ActionsDialog(ctx)
    _show(dialog, qtbot)
    actions = dialog.list
    texts = [c.text for c in actions.choices()]
    row = next(i for i, t in enumerate(texts) if "Tulityökortti" in t)
    _click(qtbot, actions, row)
    assert dialog.search.text() == "Tulityökortti"
    assert not dialog.plan_button.isEnabled()  # no training chosen yet
    assert dialog.offerings.model().rowCount() > 0
    _click(qtbot, dialog.offerings, 0)
    assert dialog.plan_button.isEnabled()
    assert dialog.offerings.current_id() == dialog.offerings.choices()[0].id


def test_a_profile_line_edited_in_place_and_a_card_ticked_are_saved(  # type: ignore[no-untyped-def]
    ctx, sqlite_engine, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QComboBox

    from huoltamo_desktop.ui.skills.profiles import ProfileDialog, ProfilesPanel

    with session_scope(sqlite_engine) as s:
        tig = svc.add_skill(s, name="TIG-hitsaus").id or 0
        mig = svc.add_skill(s, name="MIG-hitsaus").id or 0
        card = svc.pick_starter_cards(s, keys=["hot_work_card"])[0]
        profile = svc.save_profile(s, title="Hitsaaja", lines={tig: 2, mig: 3})
        profile_id = profile.id or 0
    dialog = ProfileDialog(ctx, profile_id)
    _show(dialog, qtbot)
    table = dialog.table
    assert _texts(table) == ["MIG-hitsaus", "TIG-hitsaus"]
    _click(qtbot, table, 1, 1)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QComboBox, "level_combo")
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.lines.lines[1][2] == 4)
    assert dialog.lines.lines == [(mig, "MIG-hitsaus", 3), (tig, "TIG-hitsaus", 4)]
    assert table.model().index(1, 1).data().startswith("4 – ")
    cards = dialog.cards
    box = cards.visualRect(cards.index_of(svc.card_name(card)))
    qtbot.mouseClick(
        cards.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(box.left() + 10, box.center().y())
    )
    assert cards.ticked() == [card.id]
    qtbot.mouseClick(
        dialog.findChild(type(dialog.add_line), "profile_save"), Qt.MouseButton.LeftButton
    )
    wait_for_ops()  # the profile is saved off the UI thread
    with session_scope(sqlite_engine) as s:
        saved = next(p for p in svc.list_profiles(s) if p.id == profile_id)
    assert {line.skill_id: line.level for line in saved.lines} == {tig: 4, mig: 3}
    assert list(saved.card_type_ids) == [card.id]
    setup_i18n("fi")
    try:
        panel = ProfilesPanel(ctx)
        _show(panel, qtbot)
        panel.reload()
        assert panel.model.headerData(1, Qt.Orientation.Horizontal) == "Henkilöitä"
    finally:
        setup_i18n("en")
