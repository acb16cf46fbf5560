"""Catalogue, future needs, role profiles, cards and analyses through their UI."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain.people import CareerStage
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.people import PersonInput, create_person
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.ui.ops import wait_for_ops
from tests.ui.helpers import settle, type_text, when_dialog

pytestmark = pytest.mark.gui


@pytest.fixture
def firm_with_expert(sqlite_engine: Engine) -> dict[str, int]:
    with session_scope(sqlite_engine) as s:
        aino = (
            create_person(
                s,
                data=PersonInput(
                    "Aino", "Aalto", job_title="Koneistaja", career_stage=CareerStage.LATE_CAREER
                ),
            ).id
            or 0
        )
        olli = create_person(s, data=PersonInput("Olli", "Ojala", job_title="Koneistaja")).id or 0
        cnc = svc.add_skill(s, name="CNC-ohjelmointi").id or 0
        svc.add_skill(s, name="Hitsaus")
        svc.save_profile(s, title="Koneistaja", lines={cnc: 2})
        svc.record_rating(
            s, person_id=aino, skill_id=cnc, kind="agreed", level=4, on=date(2026, 1, 5)
        )
        svc.record_rating(
            s, person_id=olli, skill_id=cnc, kind="agreed", level=1, on=date(2026, 1, 5)
        )
        svc.set_target(s, person_id=olli, skill_id=cnc, level=3, target_date=date(2027, 6, 1))
    return {"aino": aino, "olli": olli, "cnc": cnc}


def _page(ctx, qtbot: QtBot, tab: str):  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.skills.page import SkillsPage

    page = SkillsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    page.tabs.setCurrentWidget(getattr(page, tab))
    settle()
    return page


def _texts(view: QTableView, column: int = 0) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _select(qtbot: QtBot, view: QTableView, text: str) -> None:
    row = _texts(view).index(text)
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def test_add_rename_retire_and_merge_in_the_catalogue(
    ctx, firm_with_expert, qtbot: QtBot, sqlite_engine, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot, "catalogue")
    cat = page.catalogue
    qtbot.mouseClick(cat.new_name, Qt.MouseButton.LeftButton)
    type_text(cat.new_name, "Särmäys")
    qtbot.keyClick(cat.new_name, Qt.Key.Key_Return)
    assert "Särmäys" in _texts(cat.view)
    type_text(cat.new_name, "särmäys")
    qtbot.mouseClick(cat.add_button, Qt.MouseButton.LeftButton)
    assert cat.error.isVisible() and "already exists" in cat.error.text()
    assert cat.new_name.text() == "särmäys"  # the typed name is kept

    _select(qtbot, cat.view, "Hitsaus")
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("MIG-hitsaus", True))
    )
    qtbot.mouseClick(cat.rename_button, Qt.MouseButton.LeftButton)
    assert wait_for_ops()  # saved off the UI thread
    assert "MIG-hitsaus" in _texts(cat.view)

    _select(qtbot, cat.view, "MIG-hitsaus")
    qtbot.mouseClick(cat.retire_button, Qt.MouseButton.LeftButton)
    assert "MIG-hitsaus" not in _texts(cat.view)
    qtbot.mouseClick(cat.show_retired, Qt.MouseButton.LeftButton)
    assert "MIG-hitsaus" in _texts(cat.view)

    from huoltamo_desktop.ui.skills.catalogue import MergeDialog

    _select(qtbot, cat.view, "Särmäys")

    def merge(dialog: MergeDialog) -> None:
        _choose(qtbot, dialog.target, "CNC-ohjelmointi")
        dialog.accept()

    errors = when_dialog(MergeDialog, merge)
    qtbot.mouseClick(cat.merge_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert "Särmäys" not in _texts(cat.view)


def test_a_future_need_for_a_new_skill(ctx, firm_with_expert, qtbot: QtBot, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.skills.needs import NeedDialog

    page = _page(ctx, qtbot, "needs")
    needs = page.needs

    def fill(dialog: NeedDialog) -> None:
        line = dialog.skill.lineEdit()
        assert line is not None
        line.setFocus()
        type_text(line, "Laserleikkaus")
        dialog.people.setFocus()
        qtbot.keyClick(dialog.people, Qt.Key.Key_Up)
        type_text(dialog.reason, "Uusi laserleikkain")
        save = dialog.findChild(type(page.needs.add_button), "need_save")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    errors = when_dialog(NeedDialog, fill)
    qtbot.mouseClick(needs.add_button, Qt.MouseButton.LeftButton)
    assert errors == []
    rows = [tuple(needs.model.index(0, c).data() for c in range(needs.model.columnCount()))]
    assert rows[0][0] == "Laserleikkaus" and rows[0][2] == "2" and rows[0][6] == "2"
    assert rows[0][7] == "Uusi laserleikkain"
    # "Why" is the column that matters: it shows whole, however long the other headers are.
    view = needs.view
    why = view.model().index(0, 7)
    assert view.columnWidth(7) >= view.sizeHintForIndex(why).width()
    with session_scope(sqlite_engine) as s:
        assert "Laserleikkaus" in [svc.skill_name(x) for x in svc.list_skills(s)]


def test_a_need_without_a_skill_is_refused_in_the_dialog(
    ctx, firm_with_expert, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.skills.needs import NeedDialog

    page = _page(ctx, qtbot, "needs")
    seen: list[str] = []

    def save_empty(dialog: NeedDialog) -> None:
        save = dialog.findChild(type(page.needs.add_button), "need_save")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen.append(dialog.error.text())
        dialog.reject()

    errors = when_dialog(NeedDialog, save_empty)
    qtbot.mouseClick(page.needs.add_button, Qt.MouseButton.LeftButton)
    assert errors == [] and seen == ["Choose a skill or type the name of a new one."]
    assert page.needs.model.rowCount() == 0


def test_a_role_profile_made_in_the_dialog(
    ctx, firm_with_expert, qtbot: QtBot, sqlite_engine
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.skills.profiles import ProfileDialog

    page = _page(ctx, qtbot, "profiles")

    def fill(dialog: ProfileDialog) -> None:
        dialog.title.setFocus()
        type_text(dialog.title, "Hitsaaja")
        _choose(qtbot, dialog.skill, "Hitsaus")
        _choose(qtbot, dialog.level, dialog.level.itemText(3))
        qtbot.mouseClick(dialog.add_line, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(
            dialog.findChild(type(dialog.add_line), "profile_save"), Qt.MouseButton.LeftButton
        )

    errors = when_dialog(ProfileDialog, fill)
    qtbot.mouseClick(page.profiles.add_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert "Hitsaaja" in _texts(page.profiles.view)
    with session_scope(sqlite_engine) as s:
        profiles = svc.profiles_by_title(s)
    assert list(profiles["hitsaaja"].values()) == [3]


def test_a_starter_profile_in_one_click(ctx, firm_with_expert, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot, "profiles")
    title = page.profiles.starter.currentText()
    qtbot.mouseClick(page.profiles.starter_button, Qt.MouseButton.LeftButton)
    assert title in _texts(page.profiles.view)


def test_cards_expiring_and_recorded(ctx, firm_with_expert, qtbot: QtBot, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.skills.cards import PersonCardDialog

    with session_scope(sqlite_engine) as s:
        card = svc.pick_starter_cards(s, keys=["hot_work_card"])[0]
        svc.add_person_card(
            s,
            person_id=firm_with_expert["aino"],
            card_type_id=card.id or 0,
            obtained_on=date.today() - timedelta(days=5 * 365 - 30),
        )
    page = _page(ctx, qtbot, "cards")
    assert _texts(page.cards.expiring_view) == ["Aino Aalto"]
    assert "Expires in" in page.cards.expiring_model.index(0, 3).data()

    def record(dialog: PersonCardDialog) -> None:
        _choose(qtbot, dialog.person, "Olli Ojala")
        qtbot.mouseClick(
            dialog.findChild(type(page.cards.add_button), "card_save"), Qt.MouseButton.LeftButton
        )

    errors = when_dialog(PersonCardDialog, record)
    qtbot.mouseClick(page.cards.add_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert sorted(_texts(page.cards.all_view)) == ["Aino Aalto", "Olli Ojala"]
    assert page.cards.tabs.tabText(2).endswith("(2)")


def test_analyses_show_the_key_person_and_what_if(ctx, firm_with_expert, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot, "analyses")
    a = page.analyses
    assert _texts(a.risk_view) == ["CNC-ohjelmointi"]
    assert a.risk_model.index(0, 1).data() == "Aino Aalto"
    assert "late in their career" in a.risk_model.index(0, 2).data()
    assert [a.pairs_model.index(0, c).data() for c in (1, 2)] == ["Aino Aalto", "Olli Ojala"]
    qtbot.mouseClick(
        a.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=a.tabs.tabBar().tabRect(3).center()
    )
    _choose(qtbot, a.whatif_person, "Aino Aalto")
    assert "CNC-ohjelmointi" in a.whatif_summary.text()
    _choose(qtbot, a.whatif_person, "Olli Ojala")
    assert "no skills rated at level 2" in a.whatif_summary.text()
    qtbot.mouseClick(
        a.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=a.tabs.tabBar().tabRect(1).center()
    )
    assert _texts(a.match_view) == ["Olli Ojala", "Aino Aalto"]
    assert a.match_model.index(0, 2).data() == "50 %"
    _select(qtbot, a.match_view, "Aino Aalto")  # her other roles open below
    assert a.other_heading.text() == "Aino Aalto against every role"
    assert _texts(a.other_view) == ["Koneistaja"]
    assert a.other_model.index(0, 1).data() == "100 %"


def test_describe_a_skill(ctx, firm_with_expert, qtbot: QtBot, sqlite_engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot, "catalogue")
    cat = page.catalogue
    _select(qtbot, cat.view, "Hitsaus")
    monkeypatch.setattr(
        QInputDialog,
        "getMultiLineText",
        staticmethod(lambda *a, **k: ("Puikko- ja MIG-hitsaus", True)),
    )
    qtbot.mouseClick(cat.describe_button, Qt.MouseButton.LeftButton)
    assert wait_for_ops()
    row = _texts(cat.view).index("Hitsaus")
    assert cat.view.model().index(row, 4).data() == "Puikko- ja MIG-hitsaus"


def test_every_list_panel_fills_in_its_hooks() -> None:
    """A ListPanel subclass that forgot a hook would fail only when clicked."""
    from huoltamo_desktop.ui.skills.list_panel import ListPanel

    hooks = ("reload", "dialog", "delete_row", "delete_question")
    subclasses = ListPanel.__subclasses__()
    assert subclasses
    for cls in subclasses:
        missing = [h for h in hooks if getattr(cls, h) is getattr(ListPanel, h)]
        assert not missing, f"{cls.__name__} lacks {missing}"
