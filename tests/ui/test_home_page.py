"""The home page through the window: first page, a due item into its conversation and back,
putting an item aside with a reason, the empty state, and entering figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.ui.home.dialogs import EntryDialog, SnoozeDialog
from huoltamo_desktop.ui.ops import wait_for_ops
from tests.ui.helpers import button_of, type_text, when_dialog

pytestmark = pytest.mark.gui

WHAT = "Perehdyttää uusi koneistaja"


@pytest.fixture
def overdue_action(sqlite_engine: Engine, firm: None) -> int:
    """Aino's career conversation of last month agreed an action that is a week late."""
    with session_scope(sqlite_engine) as s:
        boss = s.get(Person, 1)
        assert boss is not None
        aino = Person(
            first_name="Aino",
            last_name="Laine",
            supervisor_id=boss.id,
            employment_start=date(2001, 3, 1),
        )
        s.add(aino)
        s.flush()
        cs.set_rhythm(s, months={"checkin": 0, "career": 12, "development": 0})
        c = cs.create_conversation(
            s,
            kind="career",
            held_on=date.today() - timedelta(days=30),
            person_id=aino.id,
            manager_id=boss.id,
        )
        cs.add_action(
            s,
            conversation_id=c.id or 0,
            data=cs.ActionInput(what=WHAT, due_on=date.today() - timedelta(days=7)),
        )
        cs.finalise(s, conversation_id=c.id or 0)
        return c.id or 0


def _click_row(qtbot: QtBot, table: QTableView, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _row_of(table: QTableView, text: str) -> int:
    model = table.model()
    rows = [r for r in range(model.rowCount()) if model.index(r, 1).data() == text]
    assert rows, f"{text!r} is not in the list"
    return rows[0]


def test_home_is_first_and_a_due_item_opens_its_conversation_and_back(
    overdue_action: int, main_window, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    home = main_window.pages["home"]
    assert main_window.current_page() is home
    table = home.due_tab.table
    row = _row_of(table, WHAT)
    assert "7 days late" in table.model().index(row, 0).data()
    assert home.due_tab.summary.text() == "1 overdue"
    _click_row(qtbot, table, row)
    qtbot.mouseClick(home.due_tab.do_it, Qt.MouseButton.LeftButton)
    conversations = main_window.pages["conversations"]
    assert main_window.current_page() is conversations
    assert conversations.stack.currentWidget() is conversations.view
    assert conversations.view.detail is not None and conversations.view.detail.id == overdue_action
    # Back to the home page with Ctrl+1: the item is still there until it is done.
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page() is home
    assert _row_of(home.due_tab.table, WHAT) >= 0


def test_put_aside_with_a_reason_then_bring_back(
    overdue_action: int, main_window, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    tab = main_window.pages["home"].due_tab
    _click_row(qtbot, tab.table, _row_of(tab.table, WHAT))

    def fill(dialog: SnoozeDialog) -> None:
        save = button_of(dialog, QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # no reason yet: refused
        assert dialog.isVisible() and dialog.error.isVisible()
        type_text(dialog.reason, "Mentori aloittaa tammikuussa")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    errors = when_dialog(SnoozeDialog, fill)
    qtbot.mouseClick(tab.snooze, Qt.MouseButton.LeftButton)
    assert errors == []
    texts = [tab.table.model().index(r, 1).data() for r in range(tab.table.model().rowCount())]
    assert WHAT not in texts
    assert tab.snoozed.isVisible() and "Mentori aloittaa tammikuussa" in tab.snoozed.itemText(0)
    qtbot.mouseClick(tab.unsnooze, Qt.MouseButton.LeftButton)
    assert _row_of(tab.table, WHAT) >= 0
    assert not tab.snoozed.isVisible()


def test_an_up_to_date_firm_is_told_so(main_window, sqlite_engine: Engine, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        cs.set_rhythm(s, months={"checkin": 0, "career": 12, "development": 0})
    home = main_window.pages["home"]
    home.refresh()
    assert home.due_tab.stack.currentWidget() is home.due_tab.empty
    assert "You are up to date" in home.due_tab.empty.text()
    assert not home.due_tab.do_it.isEnabled()


def test_figures_entered_show_in_the_table_with_their_definition(
    main_window, sqlite_engine: Engine, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:  # six people: enough for the totals to show
        for i in range(5):
            s.add(Person(first_name=f"H{i}", last_name="Testi", employment_start=date(2020, 1, 1)))
    home = main_window.pages["home"]
    home.tabs.setCurrentWidget(home.figures_tab)

    def enter(dialog: EntryDialog) -> None:
        spin = dialog.fields["sick_leave_days"]
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin.lineEdit(), "42")
        save = button_of(dialog, QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    wait_for_ops()
    errors = when_dialog(EntryDialog, enter)
    qtbot.mouseClick(home.figures_tab.enter, Qt.MouseButton.LeftButton)
    assert errors == []
    wait_for_ops()  # the figures are worked out off the UI thread
    model = home.figures_tab.table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Sick-leave days")
    assert model.index(row, model.columnCount() - 1).data() == "42"
    _click_row(qtbot, home.figures_tab.table, row)
    assert "days ÷ the average headcount" in home.figures_tab.definition.text()
    assert len(home.figures_tab.chart_views) == 6
    assert all(view.renderer().isValid() for view in home.figures_tab.chart_views)
    titles = [view.title for view in home.figures_tab.chart_views]
    assert "Sick-leave days per person, by quarter" in titles


def test_figures_another_seat_entered_meanwhile_are_kept_or_asked_about(
    main_window, sqlite_engine: Engine, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QPushButton, QRadioButton

    from huoltamo_desktop.services.home_figures import EntryInput, list_entries, save_entry
    from huoltamo_desktop.ui.seats.conflict_dialog import ConflictDialog

    home = main_window.pages["home"]
    home.tabs.setCurrentWidget(home.figures_tab)
    asked: list[str] = []

    def choose(conflict: ConflictDialog) -> None:
        shown = conflict.findChild(QLabel, "theirs_sick_leave_days_text")
        assert shown is not None
        asked.append(shown.text())
        assert conflict.findChild(QRadioButton, "yours_health_costs") is None, "only they typed it"
        mine = conflict.findChild(QRadioButton, "yours_sick_leave_days")
        save = conflict.findChild(QPushButton, "save_choices")
        assert mine is not None and save is not None
        qtbot.mouseClick(mine, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    def enter(dialog: EntryDialog) -> None:
        day = date.today()
        with session_scope(sqlite_engine) as s:  # another seat, after this form was filled
            for metric, value in (("sick_leave_days", 10.0), ("health_costs", 900.0)):
                save_entry(
                    s,
                    data=EntryInput(
                        metric=metric, period_kind="quarter", period_start=day, value=value
                    ),
                )
        spin = dialog.fields["sick_leave_days"]
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin.lineEdit(), "42")
        inner = when_dialog(ConflictDialog, choose)
        qtbot.mouseClick(
            button_of(dialog, QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
        assert inner == []

    wait_for_ops()
    errors = when_dialog(EntryDialog, enter)
    qtbot.mouseClick(home.figures_tab.enter, Qt.MouseButton.LeftButton)
    wait_for_ops()
    assert errors == [] and asked == ["10"]
    with session_scope(sqlite_engine) as s:
        stored = {e.metric: e.value for e in list_entries(s)}
    assert stored == {"sick_leave_days": 42.0, "health_costs": 900.0}


def test_a_team_lead_sees_the_due_list_only(main_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.domain.seats import Scope, SeatRole

    home = main_window.pages["home"]
    home.ctx.scope = Scope(role=SeatRole.TEAM_LEAD, seat_id=1, team_ids=frozenset({99}))
    home.tabs.setCurrentWidget(home.figures_tab)
    home.refresh()
    assert home.tabs.currentWidget() is home.due_tab
    assert not home.tabs.isTabVisible(home.tabs.indexOf(home.figures_tab))
    assert not home.tabs.isTabVisible(home.tabs.indexOf(home.reports_tab))


def test_a_conversation_due_by_the_rhythm_starts_a_new_one_for_that_person(
    sqlite_engine: Engine, firm: None, main_window, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.conversations.new_dialog import NewConversationDialog

    with session_scope(sqlite_engine) as s:
        cs.set_rhythm(s, months={"checkin": 0, "career": 12, "development": 0})
        boss = s.get(Person, 1)
        assert boss is not None
        s.add(
            Person(
                first_name="Björn",
                last_name="Sjöblom",
                supervisor_id=boss.id,
                employment_start=date(2015, 1, 1),
            )
        )
    home = main_window.pages["home"]
    home.refresh()
    table = home.due_tab.table
    row = _row_of(table, "Career conversation: Björn Sjöblom")
    _click_row(qtbot, table, row)
    seen: list[str] = []

    def check(dialog: NewConversationDialog) -> None:
        seen.append(dialog.person.currentText())
        dialog.reject()

    errors = when_dialog(NewConversationDialog, check)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert errors == []
    assert seen and "Björn Sjöblom" in seen[0]
    assert main_window.current_page() is main_window.pages["conversations"]


def test_the_year_in_review_is_previewed_saved_and_printed_and_the_calendar_saved(  # type: ignore[no-untyped-def]
    overdue_action: int, main_window, qtbot: QtBot, tmp_path, monkeypatch
) -> None:
    from pypdf import PdfReader

    from tests.ui.helpers import print_to_file, save_to

    tab = main_window.pages["home"].reports_tab
    main_window.pages["home"].tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.year_pdf, Qt.MouseButton.LeftButton)
    wait_for_ops()
    dialog = tab.pdf_dialog
    assert dialog.isVisible() and dialog.output.view.page_count() >= 1
    save_to(monkeypatch, tmp_path / "vuosi")
    qtbot.mouseClick(dialog.output.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "vuosi.pdf"
    assert str(date.today().year) in PdfReader(saved).pages[0].extract_text()
    assert str(saved) in tab.status.text()
    printed = tmp_path / "printed.pdf"
    print_to_file(monkeypatch, printed)
    qtbot.mouseClick(dialog.output.print_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(printed).pages) == len(PdfReader(saved).pages)
    dialog.close()

    save_to(monkeypatch, tmp_path / "kalenteri")
    qtbot.mouseClick(tab.calendar, Qt.MouseButton.LeftButton)
    wait_for_ops()
    ics = (tmp_path / "kalenteri.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and ics.rstrip().endswith("END:VCALENDAR")
    assert "kalenteri.ics" in tab.status.text()
