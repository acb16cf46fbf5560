"""A career conversation through the window: prepare → notes → actions → final → printed summary."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QTableView, QTabWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.services import conversations as cs
from huoltamo_desktop.storage.database import session_scope
from tests.ui.helpers import settle, type_text, when_dialog

pytestmark = pytest.mark.gui

PRIVATE = "Kysy lomasuunnitelmista erikseen"


@pytest.fixture
def people(sqlite_engine: Engine, firm: None) -> dict[str, int]:
    """Aino (late career) had a career conversation a year ago with one action still open."""
    with session_scope(sqlite_engine) as s:
        boss = s.get(Person, 1)
        assert boss is not None
        aino = Person(
            first_name="Aino",
            last_name="Laine",
            job_title="Koneistaja",
            career_stage="late_career",
            supervisor_id=boss.id or 0,
            employment_start=date(2001, 3, 1),
        )
        s.add(aino)
        s.flush()
        earlier = cs.create_conversation(
            s,
            kind="career",
            held_on=date.today() - timedelta(days=380),
            person_id=aino.id or 0,
            manager_id=boss.id or 0,
        )
        cs.add_action(
            s,
            conversation_id=earlier.id or 0,
            data=cs.ActionInput(
                what="Perehdyttää uusi koneistaja",
                kind="mentoring",
                due_on=date.today() - timedelta(days=100),
            ),
        )
        cs.finalise(s, conversation_id=earlier.id or 0)
        return {"boss": boss.id or 0, "aino": aino.id or 0, "earlier": earlier.id or 0}


@pytest.fixture
def page(ctx, people, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.conversations.page import ConversationsPage

    widget = ConversationsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 850)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.refresh()
    return widget


def click_tab(qtbot: QtBot, tabs: QTabWidget, index: int) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def click_row(qtbot: QtBot, view: QTableView, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def start_conversation(qtbot: QtBot, page, name: str) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.conversations.new_dialog import NewConversationDialog

    def fill(dialog: NewConversationDialog) -> None:
        line = dialog.person.lineEdit()
        assert line is not None
        line.clear()
        type_text(line, name)
        ok = dialog.findChild(QPushButton, "start_conversation")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    errors = when_dialog(NewConversationDialog, fill)
    qtbot.mouseClick(page.list_tab.new_button, Qt.MouseButton.LeftButton)
    assert errors == []


def test_the_empty_page_says_what_to_do(ctx, firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.conversations.page import ConversationsPage

    widget = ConversationsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    assert widget.list_tab.empty.isVisible() and "New conversation" in widget.list_tab.empty.text()
    assert widget.list_tab.model.rowCount() == 0
    click_tab(qtbot, widget.tabs, 1)
    assert widget.followup_tab.empty.isVisible() and widget.followup_tab.model.rowCount() == 0


def test_walk_from_preparation_to_a_printed_summary(
    page, sqlite_engine: Engine, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, page, "Aino Laine")
    view = page.view
    assert page.stack.currentWidget() is view
    assert "Aino Laine" in view.title.text()
    assert view.manager.currentText() == "Kaisa Koivula"  # her supervisor, chosen for you

    # Prepare: the earlier conversation's open action is there, late.
    prepare_text = view.prepare.browser.toPlainText()
    assert "Perehdyttää uusi koneistaja" in prepare_text and "late" in prepare_text
    # Nothing shared by her yet: said plainly, with no hint of any content.
    assert (
        "Self-assessment: not shared." in prepare_text
        and "Career plan: not shared." in prepare_text
    )
    assert "No skills rated or required for Aino Laine yet." in prepare_text

    # Notes: type under the first topic, Ctrl+Enter to the next, then the private notes.
    click_tab(qtbot, view.steps, 1)
    notes = view.notes
    assert notes.topic_list.currentRow() == 0
    qtbot.mouseClick(notes.note.viewport(), Qt.MouseButton.LeftButton)
    type_text(notes.note, "Ylpeä toimitusprojektista.")
    qtbot.keyClick(notes.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert notes.topic_list.currentRow() == 1
    # The cursor stays in the note field (the offscreen test window may not be the active one).
    assert notes.window().focusWidget() is notes.note and notes.note.toPlainText() == ""
    type_text(notes.note, "Tarkka ja rauhallinen.")
    # Late-career questions are there for her.
    for _ in range(5):
        qtbot.keyClick(notes.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert (
        "retire" in notes.questions.text().lower()
        or "working time" in notes.topic_title.text().lower()
    )
    qtbot.mouseClick(notes.private.viewport(), Qt.MouseButton.LeftButton)
    type_text(notes.private, PRIVATE)

    # Actions: write one, choose "someone outside" with the keyboard, add it.
    click_tab(qtbot, view.steps, 2)
    actions = view.actions_step
    qtbot.mouseClick(actions.what, Qt.MouseButton.LeftButton)
    type_text(actions.what, "Työpisteen ergonomiakartoitus")
    # Forgetting who outside gets a clear message and loses nothing.
    actions.owner.setFocus()
    qtbot.keyClick(actions.owner, Qt.Key.Key_End)
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    assert actions.error.isVisible() and "outside the firm" in actions.error.text()
    assert actions.what.text() == "Työpisteen ergonomiakartoitus"
    qtbot.mouseClick(actions.owner_name, Qt.MouseButton.LeftButton)
    type_text(actions.owner_name, "Työterveyshuolto")
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    assert [r.what for r in actions.model.rows()] == ["Työpisteen ergonomiakartoitus"]
    assert actions.model.rows()[0].owner_name == "Työterveyshuolto"
    # The earlier open action is carried here, linked; mark it done.
    assert actions.carried_table.isVisible()
    assert [r.what for r in actions.carried_model.rows()] == ["Perehdyttää uusi koneistaja"]
    click_row(qtbot, actions.carried_table, 0)
    actions.carried_status.setFocus()
    qtbot.keyClicks(actions.carried_status, "D")  # "Done"
    assert actions.carried_status.currentData() == "done"
    qtbot.mouseClick(actions.carried_set, Qt.MouseButton.LeftButton)
    assert actions.carried_model.rows()[0].status == "done"

    # Summary, then mark final.
    from huoltamo_desktop.ui.conversations.conversation_view import summary as summary_step

    built: list[str] = []
    real_build = summary_step._build
    monkeypatch.setattr(
        summary_step,
        "_build",
        lambda data: built.append(data.state) or real_build(data),  # type: ignore[func-returns-value]
    )
    click_tab(qtbot, view.steps, 3)
    settle()
    assert view.summary.view.page_count() == 1
    # The language is named in the sentence's own language (English here): not "in suomi".
    assert "The summary is in Finnish" in view.summary.info.text()
    # Back to the notes and to the summary again: nothing changed, so no new layout.
    click_tab(qtbot, view.steps, 1)
    click_tab(qtbot, view.steps, 3)
    settle()
    assert built == ["draft"] and view.summary.view.page_count() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.finalise_button, Qt.MouseButton.LeftButton)
    settle()
    assert built == ["draft", "final"]
    assert view.detail is not None and view.detail.is_final
    assert view.steps.currentIndex() == 3
    assert not view.finalise_button.isVisible() and view.version_button.isVisible()
    assert notes.note.isReadOnly()

    # Save as PDF (the file dialog answers with a path).
    target = tmp_path / "yhteenveto"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(target), "PDF"),
    )
    qtbot.mouseClick(view.summary.save_button, Qt.MouseButton.LeftButton)
    saved = target.with_suffix(".pdf")
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(saved.read_bytes())).pages)
    assert "Ylpeä toimitusprojektista." in text and "Tarkka ja rauhallinen." in text
    assert "Työpisteen ergonomiakartoitus" in text and "Työterveyshuolto" in text
    assert "Perehdyttää uusi koneistaja" in text and "Tehty" in text  # carried, with its status
    assert PRIVATE not in text
    assert "Luonnos" not in text

    # Print: the print dialog is answered by printing to a PDF file.
    printed = tmp_path / "printed.pdf"

    class FakePrintDialog:
        class DialogCode:
            Accepted = 1

        def __init__(self, printer, parent=None) -> None:  # type: ignore[no-untyped-def]
            from PySide6.QtPrintSupport import QPrinter

            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def setWindowTitle(self, title: str) -> None:
            pass

        def exec(self) -> int:
            return 1

    monkeypatch.setattr("huoltamo_desktop.ui.widgets.pdf_output.QPrintDialog", FakePrintDialog)
    qtbot.mouseClick(view.summary.print_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(str(printed)).pages) == 1

    # Back to the list: the conversation is there, final.
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    rows = page.list_tab.model.rows()
    assert (rows[0].subject, rows[0].state) == ("Aino Laine", "final")

    with session_scope(sqlite_engine) as s:
        detail = cs.get_conversation(s, conversation_id=rows[0].id)
    assert detail.private_notes == PRIVATE


def test_a_change_after_final_makes_a_new_version(page, qtbot: QtBot, people) -> None:  # type: ignore[no-untyped-def]
    page.open(people["earlier"], step=1)
    view = page.view
    assert view.notes.note.isReadOnly()
    qtbot.mouseClick(view.version_button, Qt.MouseButton.LeftButton)
    assert view.detail is not None and view.detail.version == 2 and not view.detail.is_final
    assert view.versions.isVisible() and view.versions.count() == 2
    qtbot.mouseClick(view.notes.note.viewport(), Qt.MouseButton.LeftButton)
    type_text(view.notes.note, "Korjaus")
    view.notes.save()
    # The earlier version is still there, read-only.
    view.versions.setCurrentIndex(0)
    view.versions.activated.emit(0)
    assert view.detail.version == 1 and view.notes.note.isReadOnly()
    assert "earlier version" in view.state.text().lower()


def test_notes_are_saved_by_the_timer_and_when_the_window_closes(
    page, sqlite_engine: Engine, qtbot: QtBot, people
) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, page, "Aino Laine")
    view = page.view
    cid = view.detail.id
    click_tab(qtbot, view.steps, 1)
    qtbot.mouseClick(view.notes.note.viewport(), Qt.MouseButton.LeftButton)
    type_text(view.notes.note, "Ensimmäinen ajatus")

    def stored() -> dict[str, str]:
        with session_scope(sqlite_engine) as s:
            return cs.get_notes(s, conversation_id=cid)

    qtbot.waitUntil(lambda: stored() == {"career.looking_back": "Ensimmäinen ajatus"}, timeout=3000)
    assert "Saved" in view.notes.status.text()
    # Typed just before the app closes: the autosave timer has not fired, and nothing is lost.
    type_text(view.notes.note, " ja toinen")
    qtbot.mouseClick(view.notes.private.viewport(), Qt.MouseButton.LeftButton)
    type_text(view.notes.private, "Yksityinen")
    assert view.notes.timer.isActive()
    page.window().close()
    with session_scope(sqlite_engine) as s:
        detail = cs.get_conversation(s, conversation_id=cid)
    assert detail.notes == {"career.looking_back": "Ensimmäinen ajatus ja toinen"}
    assert detail.private_notes == "Yksityinen"


def test_followup_marks_an_action_done(page, qtbot: QtBot, people, sqlite_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    click_tab(qtbot, page.tabs, 1)
    tab = page.followup_tab
    rows = tab.model.rows()
    assert [r.what for r in rows] == ["Perehdyttää uusi koneistaja"] and rows[0].overdue
    assert "1 late" in tab.count.text()
    click_row(qtbot, tab.table, 0)
    assert tab.status.currentData() == "done"  # the usual next step is offered
    qtbot.mouseClick(tab.set_button, Qt.MouseButton.LeftButton)
    assert tab.model.rows() == [] and tab.empty.isVisible()
    qtbot.mouseClick(tab.all, Qt.MouseButton.LeftButton)
    assert [r.status for r in tab.model.rows()] == ["done"]


def test_due_list_starts_the_conversation(page, qtbot: QtBot, people) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.conversations.new_dialog import NewConversationDialog

    click_tab(qtbot, page.tabs, 2)
    tab = page.due_tab
    due = [(r.person_name, r.kind, r.overdue) for r in tab.model.rows()]
    assert ("Aino Laine", "career", True) in due
    row = next(i for i, r in enumerate(tab.model.rows()) if r.kind == "career")
    proxy_row = tab.table.model().mapFromSource(tab.model.index(row, 0)).row()
    click_row(qtbot, tab.table, proxy_row)
    seen: list[str] = []

    def check(dialog: NewConversationDialog) -> None:
        seen.append(dialog.person.currentText())
        seen.append(str(dialog.kind.currentData()))
        qtbot.mouseClick(dialog.findChild(object, "start_conversation"), Qt.MouseButton.LeftButton)

    errors = when_dialog(NewConversationDialog, check)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert errors == [] and seen[0].startswith("Aino Laine") and seen[1] == "career"
    assert page.stack.currentWidget() is page.view


def test_the_firm_adds_its_own_question(page, qtbot: QtBot, people) -> None:  # type: ignore[no-untyped-def]
    click_tab(qtbot, page.tabs, 3)
    editor = page.templates_tab.editor
    tree = editor.tree
    topic = tree.topLevelItem(0)
    tree.setCurrentItem(topic)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.window().focusWidget() is editor.texts["fi"]
    type_text(editor.texts["fi"], "Mikä asiakaspalaute jäi mieleen?")
    qtbot.mouseClick(editor.stage_boxes["late_career"], Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle()  # saved off the UI thread
    assert any(
        "Mikä asiakaspalaute jäi mieleen?" in topic.child(i).text(0)
        for i in range(tree.topLevelItem(0).childCount())
        for topic in [tree.topLevelItem(0)]
    )
    # The rhythm: check-ins every two months.
    spin = page.templates_tab.rhythm.spins["checkin"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), "2")
    qtbot.mouseClick(page.templates_tab.rhythm.save_button, Qt.MouseButton.LeftButton)
    assert page.templates_tab.rhythm.status.text() == "Saved."
    # Aino is late career: in a new conversation her first topic has the firm's question.
    click_tab(qtbot, page.tabs, 0)
    start_conversation(qtbot, page, "Aino Laine")
    click_tab(qtbot, page.view.steps, 1)
    assert "Mikä asiakaspalaute jäi mieleen?" in page.view.notes.questions.text()


def test_a_group_discussion_with_a_team(page, qtbot: QtBot, sqlite_engine: Engine, people) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.services.people import create_team
    from huoltamo_desktop.ui.conversations.new_dialog import NewConversationDialog

    with session_scope(sqlite_engine) as s:
        team = create_team(s, name="Tuotanto")
        aino = s.get(Person, people["aino"])
        assert aino is not None
        aino.team_id = team.id

    def fill(dialog: NewConversationDialog) -> None:
        dialog.kind.setFocus()
        qtbot.keyClick(dialog.kind, Qt.Key.Key_End)  # the group discussion is the last kind
        assert dialog.team.isVisible() and not dialog.person.isVisible()
        qtbot.mouseClick(dialog.findChild(object, "start_conversation"), Qt.MouseButton.LeftButton)

    errors = when_dialog(NewConversationDialog, fill)
    qtbot.mouseClick(page.list_tab.new_button, Qt.MouseButton.LeftButton)
    assert errors == []
    view = page.view
    assert "Tuotanto" in view.title.text()
    click_tab(qtbot, view.steps, 2)
    assert view.actions_step.owner.itemText(0) == "Team"
    click_tab(qtbot, view.steps, 1)
    # Only the questions for everyone: no career-stage questions in a group.
    assert view.notes.topic_list.count() >= 4


def test_the_main_window_has_the_conversations_page(main_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = main_window.go_to("conversations")
    assert page.isVisible() and page.list_tab.empty.isVisible()


def test_a_new_conversation_needs_a_person(page, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.conversations.new_dialog import NewConversationDialog

    seen: list[str] = []

    def fill(dialog: NewConversationDialog) -> None:
        line = dialog.person.lineEdit()
        assert line is not None
        line.clear()
        type_text(line, "Nobody Here")
        qtbot.mouseClick(dialog.findChild(object, "start_conversation"), Qt.MouseButton.LeftButton)
        seen.append(dialog.error.text() if dialog.isVisible() else "closed")
        dialog.reject()

    errors = when_dialog(NewConversationDialog, fill)
    qtbot.mouseClick(page.list_tab.new_button, Qt.MouseButton.LeftButton)
    assert errors == [] and seen == ["Choose the person you are talking with."]
    assert page.stack.currentWidget() is not page.view


def test_a_draft_can_be_thrown_away(page, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, page, "Aino")
    assert page.view.delete_button.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.view.delete_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is not page.view
    assert [r.kind for r in page.list_tab.model.rows()] == ["career"]  # only the earlier, final one


def test_a_named_colleague_takes_care_of_an_action(page, qtbot: QtBot, people) -> None:  # type: ignore[no-untyped-def]
    start_conversation(qtbot, page, "Aino Laine")
    view = page.view
    click_tab(qtbot, view.steps, 2)
    actions = view.actions_step
    qtbot.mouseClick(actions.what, Qt.MouseButton.LeftButton)
    type_text(actions.what, "Opettaa CNC-ohjelmoinnin perusteet")
    actions.owner.setFocus()
    index = actions.owner.findData("colleague")
    assert actions.owner.itemText(index) == "A colleague"
    while actions.owner.currentIndex() != index:
        qtbot.keyClick(actions.owner, Qt.Key.Key_Down)
    assert (
        actions.owner_name.isEnabled() and actions.owner_name.placeholderText() == "Which colleague"
    )
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    assert "which colleague" in actions.error.text()
    qtbot.mouseClick(actions.owner_name, Qt.MouseButton.LeftButton)
    completer = actions.owner_name.completer()
    assert completer is not None and "Kaisa Koivula" in completer.model().stringList()
    type_text(actions.owner_name, "Kaisa Koivula")
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    row = actions.model.rows()[0]
    assert (row.owner, row.owner_name) == ("colleague", "Kaisa Koivula")
    assert "Kaisa Koivula" in [
        actions.model.index(0, c).data() for c in range(actions.model.columnCount())
    ]


def test_followup_shows_what_was_agreed_whole_and_counts_what_the_filter_shows(
    page, qtbot: QtBot, people
) -> None:  # type: ignore[no-untyped-def]
    click_tab(qtbot, page.tabs, 1)
    tab = page.followup_tab
    table = tab.table
    index = table.model().index(0, 1)
    assert "Perehdyttää" in str(index.data())
    assert table.columnWidth(1) >= table.sizeHintForIndex(index).width()
    before = [table.columnWidth(c) for c in range(table.model().columnCount())]
    tab.refresh()
    tab.refresh()
    assert [table.columnWidth(c) for c in range(table.model().columnCount())] == before
    qtbot.keyClicks(tab.search, "ergonomia")  # nothing of the kind
    assert tab.count.text().startswith("0 shown of 1 action")
    tab.search.clear()
    assert tab.count.text().startswith("1 action")
