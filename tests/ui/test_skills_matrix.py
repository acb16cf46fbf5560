"""The skills page through its UI: keyboard editing in the matrix, filters, modes, empty state."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain import skills_content
from huoltamo_desktop.services import skills as svc
from huoltamo_desktop.services.people import PersonInput, create_person, create_team
from huoltamo_desktop.storage.database import session_scope
from tests.ui.helpers import settle, when_dialog

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 27)


@pytest.fixture
def small_firm(sqlite_engine: Engine) -> dict[str, int]:
    with session_scope(sqlite_engine) as s:
        prod = create_team(s, name="Tuotanto")
        office = create_team(s, name="Hallinto")
        ids = {
            "aino": create_person(
                s, data=PersonInput("Aino", "Aalto", job_title="Hitsaaja", team_id=prod.id or 0)
            ).id
            or 0,
            "bertil": create_person(
                s, data=PersonInput("Bertil", "Berg", job_title="Hitsaaja", team_id=prod.id or 0)
            ).id
            or 0,
            "cecilia": create_person(
                s,
                data=PersonInput(
                    "Cecilia", "Cedergren", job_title="Kirjanpitäjä", team_id=office.id or 0
                ),
            ).id
            or 0,
        }
        weld = svc.get_or_create_category(s, name="Hitsaus")
        money = svc.get_or_create_category(s, name="Talous")
        ids["tig"] = svc.add_skill(s, name="TIG", category_id=weld.id or 0).id or 0
        ids["mig"] = svc.add_skill(s, name="MIG", category_id=weld.id or 0).id or 0
        ids["books"] = svc.add_skill(s, name="Kirjanpito", category_id=money.id or 0).id or 0
        svc.save_profile(s, title="Hitsaaja", lines={ids["tig"]: 3})
        svc.record_rating(
            s, person_id=ids["bertil"], skill_id=ids["tig"], kind="agreed", level=2, on=TODAY
        )
    return ids


def _page(ctx, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.skills.page import SkillsPage

    page = SkillsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


def _click_cell(qtbot: QtBot, view: QTableView, row: int, column: int) -> None:
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _column(view: QTableView, name: str) -> int:
    model = view.model()
    return next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == name
    )


def _row(view: QTableView, name: str) -> int:
    model = view.model()
    return next(
        r for r in range(model.rowCount()) if model.headerData(r, Qt.Orientation.Vertical) == name
    )


def _choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an entry the way a keyboard user does: focus the combo and press Down until it shows."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def test_typing_a_level_saves_an_agreed_rating_and_moves_on(
    ctx, small_firm, qtbot: QtBot, sqlite_engine
) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    view = page.matrix.view
    row, col = _row(view, "Aino Aalto"), _column(view, "TIG")
    _click_cell(qtbot, view, row, col)
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert view.model().index(row, col).data() == "3"
    assert view.currentIndex().column() == col + 1
    qtbot.keyClick(view, Qt.Key.Key_7)  # not a level: nothing happens
    with session_scope(sqlite_engine) as s:
        history = svc.rating_history(s, person_id=small_firm["aino"], skill_id=small_firm["tig"])
    assert [(e.kind, e.level) for e in history] == [("agreed", 3)]
    assert "Aino Aalto" in page.matrix.details.heading.text()


def test_the_level_list_shows_descriptors_and_saves_a_manager_rating(
    ctx, small_firm, qtbot: QtBot, sqlite_engine
) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    _choose(qtbot, page.matrix.record_as, "Manager's rating")
    view = page.matrix.view
    row, col = _row(view, "Cecilia Cedergren"), _column(view, "Kirjanpito")
    _click_cell(qtbot, view, row, col)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QComboBox, "level_combo")
    assert editor is not None
    assert svc.level_descriptor(4) in editor.itemText(4)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QTableView.State.EditingState)
    with session_scope(sqlite_engine) as s:
        levels = svc.latest_ratings(s)[(small_firm["cecilia"], small_firm["books"])]
    assert levels["manager"][0] == 2


def test_target_mode_sets_a_target_and_gap_mode_shows_the_gap(
    ctx, small_firm, qtbot: QtBot, sqlite_engine
) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    view = page.matrix.view
    qtbot.mouseClick(page.matrix.mode_target, Qt.MouseButton.LeftButton)
    row, col = _row(view, "Bertil Berg"), _column(view, "TIG")
    _click_cell(qtbot, view, row, col)
    qtbot.keyClick(view, Qt.Key.Key_4)
    with session_scope(sqlite_engine) as s:
        assert svc.targets_for(s)[(small_firm["bertil"], small_firm["tig"])].level == 4
        assert svc.current_levels(s)[(small_firm["bertil"], small_firm["tig"])] == 2
    legend = page.matrix.legend
    assert legend.currentIndex() == 0  # levels 0–4 for current and target
    qtbot.mouseClick(page.matrix.mode_gap, Qt.MouseButton.LeftButton)
    # The gap view has its own legend: how far below the role each colour is.
    assert legend.currentIndex() == 1 and legend.currentWidget().isVisible()
    chips = [legend.currentWidget().findChild(QLabel, f"gap_legend_{g}") for g in range(5)]
    assert [c.text().strip() for c in chips] == ["✓", "−1", "−2", "−3", "−4"]
    assert view.model().index(row, col).data() == "−1"
    assert view.model().index(_row(view, "Aino Aalto"), col).data() == "−3"
    _click_cell(qtbot, view, row, col)
    qtbot.keyClick(view, Qt.Key.Key_3)  # the gap view is read-only
    with session_scope(sqlite_engine) as s:
        assert svc.current_levels(s)[(small_firm["bertil"], small_firm["tig"])] == 2


def test_filter_by_team_and_category(ctx, small_firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    model = page.matrix.view.model()
    assert (model.rowCount(), model.columnCount()) == (3, 3)
    _choose(qtbot, page.matrix.team_filter, "Tuotanto")
    names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert names == ["Aino Aalto", "Bertil Berg"]
    _choose(qtbot, page.matrix.category_filter, "Talous")
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Kirjanpito"
    ]
    assert "2 people × 1 skill" in page.matrix.status.text()
    assert "1 skills" not in page.matrix.status.text()
    _choose(qtbot, page.matrix.team_filter, "All teams")
    assert model.rowCount() == 3


def test_target_with_a_date_from_the_cell_panel(
    ctx, small_firm, qtbot: QtBot, sqlite_engine
) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    view = page.matrix.view
    _click_cell(qtbot, view, _row(view, "Aino Aalto"), _column(view, "MIG"))
    details = page.matrix.details
    _choose(qtbot, details.target_level, details.target_level.itemText(4))  # level 3
    qtbot.mouseClick(details.has_date, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(details.wish, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(details.save, Qt.MouseButton.LeftButton)
    settle()  # saved off the UI thread
    assert details.message.text() == "Target saved."
    with session_scope(sqlite_engine) as s:
        target = svc.targets_for(s)[(small_firm["aino"], small_firm["mig"])]
    assert target.level == 3 and target.target_date is not None and target.wish


def test_a_target_another_manager_set_meanwhile_is_a_question_not_an_overwrite(
    ctx, small_firm, qtbot: QtBot, sqlite_engine
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QRadioButton

    from huoltamo_desktop.ui.seats.conflict_dialog import ConflictDialog

    page = _page(ctx, qtbot)
    view = page.matrix.view
    _click_cell(qtbot, view, _row(view, "Aino Aalto"), _column(view, "MIG"))
    details = page.matrix.details
    # Another seat sets a target level 2 (with a wish) after this panel was read.
    with session_scope(sqlite_engine) as s:
        svc.set_target(
            s, person_id=small_firm["aino"], skill_id=small_firm["mig"], level=2, wish=True
        )
    _choose(qtbot, details.target_level, details.target_level.itemText(4))  # level 3
    seen: list[str] = []

    def keep_mine(dialog: ConflictDialog) -> None:
        theirs = dialog.findChild(QRadioButton, "theirs_level")
        mine = dialog.findChild(QRadioButton, "yours_level")
        assert theirs is not None and mine is not None
        shown = dialog.findChild(QLabel, "theirs_level_text")
        assert shown is not None
        seen.append(shown.text())
        assert dialog.findChild(QRadioButton, "yours_wish") is None, "only they changed the wish"
        qtbot.mouseClick(mine, Qt.MouseButton.LeftButton)
        save = dialog.findChild(QPushButton, "save_choices")
        assert save is not None
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    errors = when_dialog(ConflictDialog, keep_mine)
    qtbot.mouseClick(details.save, Qt.MouseButton.LeftButton)
    settle()
    settle()
    assert errors == [] and seen and seen[0].startswith("2")
    with session_scope(sqlite_engine) as s:
        target = svc.targets_for(s)[(small_firm["aino"], small_firm["mig"])]
    assert target.level == 3 and target.wish  # my level, and their wish kept


def test_empty_state_leads_to_the_starter_set(ctx, qtbot: QtBot, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.skills.catalogue import StarterPickerDialog

    page = _page(ctx, qtbot)
    assert page.stack.currentWidget() is page.empty
    first_key = skills_content.starter_categories()[0].skills[0].key

    def tick(dialog: StarterPickerDialog) -> None:
        qtbot.keyClicks(dialog.search, skills_content.starter_skills_by_key()[first_key].name["en"])
        item = dialog.model.item(0).child(0)
        item.setCheckState(Qt.CheckState.Checked)
        assert dialog.ok.isEnabled()
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    errors = when_dialog(StarterPickerDialog, tick)
    qtbot.mouseClick(page.empty_pick, Qt.MouseButton.LeftButton)
    assert errors == []
    assert page.stack.currentWidget() is page.tabs
    with session_scope(sqlite_engine) as s:
        assert [sk.starter_key for sk in svc.list_skills(s)] == [first_key]


def test_export_buttons_write_the_filtered_matrix(
    ctx, small_firm, qtbot: QtBot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    page = _page(ctx, qtbot)
    _choose(qtbot, page.matrix.team_filter, "Tuotanto")
    target = tmp_path / "matriisi"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(page.matrix.export_xlsx, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "matriisi.xlsx" in page.matrix.status.text(), timeout=10000)
    ws = load_workbook(tmp_path / "matriisi.xlsx").worksheets[0]
    assert [ws.cell(row=r, column=1).value for r in (2, 3, 4)] == [
        "Aino Aalto",
        "Bertil Berg",
        None,
    ]
    qtbot.mouseClick(page.matrix.export_pdf, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "matriisi.pdf" in page.matrix.status.text(), timeout=10000)
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "matriisi.pdf").pages)
    assert "Bertil Berg" in text and "Cecilia" not in text and "TIG" in text
    assert "matriisi.pdf" in page.matrix.status.text()


def test_an_export_that_cannot_be_written_says_so(
    ctx, small_firm, qtbot: QtBot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    page = _page(ctx, qtbot)
    folder = tmp_path / "no-such-folder" / "matriisi"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(folder), ""))
    )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    qtbot.mouseClick(page.matrix.export_xlsx, Qt.MouseButton.LeftButton)
    settle()
    assert len(shown) == 1 and "Could not write" in shown[0] and "matriisi.xlsx" in shown[0]
    assert "Saved" not in page.matrix.status.text()
