"""Employee mode through the real widgets: lock screen, the whole employee path, idle lock, throttling."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huoltamo_desktop.domain.employee_content import content
from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.security import employee_secrets as sec
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services import employee_access as access
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.ui.employee.session import ShareStep
from tests.ui.helpers import settle, when_dialog

pytestmark = pytest.mark.gui

PASSPHRASE = "konepaja kahvitauko"
REFLECTION = "Private reflection about the warehouse visit"
PLAN_NOW = "Three years on the lathe, curious about welding"
DRAFT_SECRET = "Unshared draft about moving to Tampere"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sec, "PARAMS", sec.KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    )


@pytest.fixture
def person_id(sqlite_engine: Engine, firm: None) -> int:
    with session_scope(sqlite_engine) as s:
        access.set_manager_passphrase(s, passphrase=PASSPHRASE)
        p = Person(
            first_name="Łukasz", last_name="Ääpälä", language="en", career_stage="late_career"
        )
        s.add(p)
        s.add(Person(first_name="Анна", last_name="Иванова", language="en"))
        s.flush()
        assert p.id is not None
        return p.id


@pytest.fixture
def seat(ctx, person_id: int, qtbot: QtBot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.employee.seat import Seat
    from huoltamo_desktop.ui.shell.main_window import MainWindow

    window = Seat(ctx, lambda: MainWindow(ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.idle.stop()


def _click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    if isinstance(widget, QCheckBox):  # click the box itself, not the empty space beside the label
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle()


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _all_texts() -> str:
    parts: list[str] = []
    for w in QApplication.allWidgets():
        parts.append(w.windowTitle())
        if isinstance(w, QLabel | QLineEdit | QAbstractButton):
            parts.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            parts.extend(w.itemText(i) for i in range(w.count()))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            # Every row the view's model holds, shown or scrolled away: a list widget, a
            # table widget and a view over a model all keep their rows in a model.
            parts.extend(_model_texts(w.model(), QModelIndex()))
    return "\n".join(parts)


def _model_texts(model: QAbstractItemModel, parent: QModelIndex) -> list[str]:
    texts: list[str] = []
    for row in range(model.rowCount(parent)):
        # A list model hides columnCount(); an index past the last column is invalid.
        column = 0
        while (index := model.index(row, column, parent)).isValid():
            value = index.data(Qt.ItemDataRole.DisplayRole)
            if value is not None:
                texts.append(str(value))
            column += 1
        first = model.index(row, 0, parent)
        if first.isValid() and model.rowCount(first) > 0:
            texts.extend(_model_texts(model, first))
    return texts


def _pick_and_pin(qtbot: QtBot, seat, search: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    lock = seat.lock_screen
    qtbot.keyClicks(lock.search, search)
    qtbot.keyClick(lock.search, Qt.Key.Key_Return)
    qtbot.keyClicks(lock.pin, pin)
    qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    settle()


# Qt warns twice when the session moves from the skills step to the share step; the
# ratings are saved and nothing is lost, but the warning is not understood yet.
@pytest.mark.qt_log_ignore("commitData called with an editor that does not belong to this view")
def test_whole_employee_path_with_clicks_and_keys(
    seat, ctx, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    lock = seat.lock_screen
    assert seat.currentWidget() is lock
    # Pick your name; the first visit sets the PIN.
    qtbot.keyClicks(lock.search, "kasz")
    qtbot.keyClick(lock.search, Qt.Key.Key_Return)
    assert lock.employee_stack.currentIndex() == 2
    qtbot.keyClicks(lock.new_pin, "123456")
    qtbot.keyClicks(lock.new_pin_repeat, "123456")
    _click(qtbot, lock.new_pin_button)
    assert "too easy" in lock.new_error.text()
    lock.new_pin.clear()
    lock.new_pin_repeat.clear()
    qtbot.keyClicks(lock.new_pin, "246810")
    qtbot.keyClicks(lock.new_pin_repeat, "246810")
    # The manager, beside the person, approves the first visit with the manager passphrase.
    assert lock.approval.isVisible()
    qtbot.keyClicks(lock.approval, PASSPHRASE)
    qtbot.keyClick(lock.approval, Qt.Key.Key_Return)
    settle()
    code = lock.code_label.text()
    assert len(code) == 24 and lock.employee_stack.currentIndex() == 3
    assert not lock.code_continue.isEnabled()
    _click(qtbot, lock.code_written)
    _click(qtbot, lock.code_continue)
    session = seat.current
    assert session is not None and session.objectName() == "EmployeeSession"

    # Introduction in plain words.
    intro_text = " ".join(label.text() for label in session.intro.findChildren(QLabel))
    assert content().intro.paragraphs[2]["en"] in intro_text  # career thoughts are welcome
    boxes = [b.title() for b in session.intro.findChildren(QGroupBox)]
    assert boxes == ["What your manager sees", "What your manager never sees"]
    _click(qtbot, session.intro.start)
    step = session.assessment
    assert session.stack.currentWidget() is step
    _click(qtbot, step.start_button)
    assert step.stack.currentIndex() == 1
    # Answer every statement with the keyboard: cooperation high, operating environment low.
    for statement in content().statements:
        assert step.statement.text() == statement.text["en"]
        value = {
            "cooperation": "5",
            "operating_environment": "1",
            "future_of_environment": "0",
        }.get(statement.area, "3")
        qtbot.keyClick(step.questions, value)
    assert step.stack.currentIndex() == 0
    words = step.words.text()
    assert "Cooperation and interaction" in words
    assert content().area("operating_environment").develop["en"][:40] in words
    assert step.chart.rows and step.chart.rows[0][1] == 3.0

    # Exercises: the first suggestion is for the weakest area.
    _click(qtbot, session.next_button)
    ex = session.exercises
    assert session.stack.currentWidget() is ex
    assert content().exercise(ex.current_key).area == "operating_environment"  # type: ignore[union-attr]
    ex.reflection.setFocus()
    qtbot.keyClicks(ex.reflection, REFLECTION)
    _click(qtbot, ex.done)
    _click(qtbot, ex.save_button)
    assert "Saved" in ex.status.text()

    # Career plan: late-career prompts, a next step with a date.
    _click(qtbot, session.next_button)
    plan = session.plan
    prompts = " ".join(label.text() for label in plan.findChildren(QLabel))
    assert content().plan_section("wish_working_time").stage_prompts["late_career"]["en"] in prompts  # type: ignore[union-attr]
    editor = plan.editors["now"]
    editor.setFocus()
    qtbot.keyClicks(editor, PLAN_NOW)
    _click(qtbot, plan.add_step_button)
    qtbot.keyClicks(QApplication.focusWidget(), "Ask about a welding course")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    plan.steps.setCurrentIndex(plan.steps.model().index(0, 1))
    plan.steps.setFocus()
    qtbot.keyClick(plan.steps, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: plan.steps.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClicks(QApplication.focusWidget(), "31.3.2027")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    # The delegate commits an edit ended with Enter from the event loop, not at once.
    qtbot.waitUntil(lambda: plan.steps_model.rows()[0].when == "31.3.2027")
    qtbot.keyClick(plan, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Saved" in plan.status.text()
    assert [(r.text, r.when) for r in plan.steps_model.rows()] == [
        ("Ask about a welding course", "31.3.2027")
    ]
    assert plan._saved is not None
    assert plan._saved[1] == [("Ask about a welding course", date(2027, 3, 31))]

    # Share both, by choice (after the skills step when the skills module provides one).
    _click(qtbot, session.next_button)
    if session.stack.currentWidget() is not session.share:
        assert type(session.stack.currentWidget()).__name__ == "SelfRatingWidget"
        _click(qtbot, session.next_button)
    share = session.share
    assert session.stack.currentWidget() is share
    assert not share.share_assessment.isChecked() and not share.share_plan.isChecked()
    _click(qtbot, share.share_assessment)
    _click(qtbot, share.share_plan)
    _click(qtbot, share.apply_button)
    assert "now sees" in share.result.text()

    # Done: back to the lock screen, nothing of the session left.
    _click(qtbot, session.done_button)
    _flush_deletes()
    assert seat.currentWidget() is seat.lock_screen
    texts = _all_texts()
    assert REFLECTION not in texts and PLAN_NOW not in texts and "Hi, Łukasz" not in texts

    with Session(sqlite_engine) as s:
        assessment, shared_plan = emp.shared_for_manager(s, person_id=person_id)
    assert assessment is not None and assessment.strengths[0] == "cooperation"
    assert assessment.area_scores["future_of_environment"] is None  # all "can't say"
    assert shared_plan is not None and shared_plan.sections["now"] == PLAN_NOW
    assert shared_plan.next_steps == [("Ask about a welding course", date(2027, 3, 31))]

    # Signing in again with the PIN opens the same work.
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    assert seat.current is not None and seat.current.objectName() == "EmployeeSession"
    assert seat.current.exercises.saved[ex.current_key or ""].text == REFLECTION


def test_idle_lock_destroys_every_widget_with_the_persons_text(
    seat, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        access.create_secret(s, person_id=person_id, secret="246810")
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    session = seat.current
    assert session is not None
    session.go(session.steps.count() - 1)  # the summary preview shows the person's pages
    settle()
    assert session.share.preview.page_count() >= 1
    session.go(3)
    editor = session.plan.editors["change"]
    editor.setFocus()
    qtbot.keyClicks(editor, DRAFT_SECRET)
    assert DRAFT_SECRET in _all_texts()
    seat.idle.set_interval_ms(80)
    qtbot.waitUntil(lambda: seat.currentWidget() is seat.lock_screen, timeout=3000)
    _flush_deletes()
    texts = _all_texts()
    assert DRAFT_SECRET not in texts
    assert "Hi, Łukasz" not in texts
    assert not [
        w
        for w in QApplication.allWidgets()
        if w.objectName() in ("EmployeeSession", "PlanStep", "pdf_view")
        or w.objectName().startswith("pdf_page_")
    ]
    # The draft was saved before locking (still private, and readable with the PIN only).
    with session_scope(sqlite_engine) as s:
        _r, key = access.sign_in(s, person_id=person_id, secret="246810")
        assert key is not None
        assert emp.load_plan(s, key=key).sections["change"] == DRAFT_SECRET


def test_idle_lock_closes_an_open_dialog_first(
    seat, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        access.create_secret(s, person_id=person_id, secret="246810")
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    seat.idle.set_interval_ms(150)
    box = QMessageBox(QMessageBox.Icon.Information, "x", "A dialog left open", parent=seat.current)
    QTimer.singleShot(0, box.exec)
    qtbot.waitUntil(lambda: seat.currentWidget() is seat.lock_screen, timeout=3000)
    _flush_deletes()
    assert "A dialog left open" not in _all_texts()


def test_wrong_pins_slow_down_on_the_lock_screen(
    seat, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        access.create_secret(s, person_id=person_id, secret="246810")
    lock = seat.lock_screen
    qtbot.keyClicks(lock.search, "kasz")
    qtbot.keyClick(lock.search, Qt.Key.Key_Return)
    for attempt in range(3):
        qtbot.keyClicks(lock.pin, f"99999{attempt}")
        qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
        settle()
    assert "Wait 30 seconds" in lock.pin_error.text()
    qtbot.keyClicks(lock.pin, "246810")  # right PIN, but still waiting
    qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    settle()
    assert seat.currentWidget() is lock
    assert "Wait" in lock.pin_error.text()


def test_manager_side_needs_the_passphrase_and_shows_only_shared_copies(
    seat, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        key, _code = access.create_secret(s, person_id=person_id, secret="246810")
        emp.save_plan(s, key=key, sections={"now": DRAFT_SECRET}, next_steps=[])
        emp.save_reflection(
            s, key=key, exercise_key=content().exercises[0].key, text=REFLECTION, done=True
        )
    lock = seat.lock_screen
    qtbot.keyClicks(lock.manager_passphrase, "wrong passphrase")
    qtbot.keyClick(lock.manager_passphrase, Qt.Key.Key_Return)
    settle()
    assert seat.currentWidget() is lock and "Wrong passphrase" in lock.manager_error.text()
    qtbot.keyClicks(lock.manager_passphrase, PASSPHRASE)
    _click(qtbot, lock.manager_button)
    window = seat.current
    assert window is not None and window.objectName() == "MainWindow"
    page = window.go_to("employee")
    page.select_person(person_id)
    detail = page.detail.toPlainText()
    assert "Łukasz Ääpälä" in detail and detail.count("Not shared") == 2
    assert DRAFT_SECRET not in _all_texts() and REFLECTION not in _all_texts()
    # Sharing the plan makes it visible; the reflection never is.
    with session_scope(sqlite_engine) as s:
        emp.share_plan(s, key=key)
    page.refresh()
    page.select_person(person_id)
    assert DRAFT_SECRET in page.detail.toPlainText()
    assert REFLECTION not in _all_texts()
    # Ctrl+L locks the manager side again.
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _flush_deletes()
    assert seat.currentWidget() is seat.lock_screen
    assert DRAFT_SECRET not in _all_texts()


def test_manager_lets_a_person_set_a_new_pin(
    seat, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        access.create_secret(s, person_id=person_id, secret="246810")
    lock = seat.lock_screen
    qtbot.keyClicks(lock.manager_passphrase, PASSPHRASE)
    qtbot.keyClick(lock.manager_passphrase, Qt.Key.Key_Return)
    settle()
    page = seat.current.go_to("employee")
    page.select_person(person_id)
    seen: list[str] = []

    def answer_yes() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer_yes)
    _click(qtbot, page.reset_button)
    assert seen and "recovery code" in seen[0] and "deleted" in seen[0]
    with Session(sqlite_engine) as s:
        assert (
            access.person_access(s, person_id=person_id) == access.PersonAccess.NEW_SECRET_ALLOWED
        )
    seat.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is seat)
    qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _flush_deletes()
    lock = seat.lock_screen
    qtbot.keyClicks(lock.search, "kasz")
    qtbot.keyClick(lock.search, Qt.Key.Key_Return)
    assert lock.recovery.isVisible() and "deleted" in lock.new_explain.text()
    qtbot.keyClicks(lock.new_pin, "975318")
    qtbot.keyClicks(lock.new_pin_repeat, "975318")
    _click(qtbot, lock.new_pin_button)
    assert lock.employee_stack.currentIndex() == 3  # a new recovery code is shown


def test_first_run_stores_the_passphrase_or_the_not_shared_choice(
    ctx, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]

    from huoltamo_desktop.ui.shell.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.firm_name, "Oy Testi Ab")
    qtbot.keyClicks(dialog.first_name, "Anna")
    qtbot.keyClicks(dialog.last_name, "Laine")
    qtbot.keyClicks(dialog.passphrase_box.passphrase, "short")
    ok = dialog.start_button
    _click(qtbot, ok)
    assert dialog.isVisible() and "12 characters" in dialog.error.text()
    assert dialog.focusWidget() is dialog.passphrase_box.passphrase
    with Session(sqlite_engine) as s:
        from huoltamo_desktop.services.firm import get_organisation

        assert get_organisation(s) is None  # nothing half-saved
    dialog.passphrase_box.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase_box.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase_box.repeat, PASSPHRASE + "x")
    _click(qtbot, ok)
    assert "differ" in dialog.error.text()
    dialog.passphrase_box.repeat.clear()
    qtbot.keyClicks(dialog.passphrase_box.repeat, PASSPHRASE)
    with qtbot.waitSignal(dialog.finished):
        _click(qtbot, ok)
    with Session(sqlite_engine) as s:
        assert access.manager_access(s) == access.ManagerAccess.PASSPHRASE
        assert access.verify_manager(s, passphrase=PASSPHRASE).ok


def test_pdf_is_saved_from_the_share_step(
    seat,
    person_id: int,
    qtbot: QtBot,
    sqlite_engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    with session_scope(sqlite_engine) as s:
        key, _code = access.create_secret(s, person_id=person_id, secret="246810")
        emp.save_plan(s, key=key, sections={"now": PLAN_NOW}, next_steps=[])
    target = tmp_path / "summary"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    session = seat.current
    session.go(session.steps.count() - 1)
    settle()
    _click(qtbot, session.share.pdf_button)
    text = "".join(page.extract_text() for page in PdfReader(str(target.with_suffix(".pdf"))).pages)
    assert "Łukasz Ääpälä" in text and PLAN_NOW in text and "My summary" in text


def test_printed_summary_uses_the_same_content(
    seat,
    person_id: int,
    qtbot: QtBot,
    sqlite_engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    """Print sends the pages of the summary PDF, the one "Save as PDF" writes, to the printer."""
    from io import BytesIO

    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QFileDialog

    from huoltamo_desktop.ui.widgets import pdf_output

    with session_scope(sqlite_engine) as s:
        key, _code = access.create_secret(s, person_id=person_id, secret="246810")
        emp.save_plan(
            s,
            key=key,
            sections={"now": PLAN_NOW},
            next_steps=[("Ask about a course", date(2027, 3, 31))],
        )
        emp.save_reflection(
            s, key=key, exercise_key=content().exercises[0].key, text=REFLECTION, done=True
        )
    saved = tmp_path / "summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    # The print dialog is answered by printing to a PDF file; what reaches the printer is recorded.
    printed = tmp_path / "printed.pdf"

    class FakePrintDialog:
        class DialogCode:
            Accepted = 1

        def __init__(self, printer: QPrinter, parent: QWidget | None = None) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def setWindowTitle(self, title: str) -> None:
            pass

        def exec(self) -> int:
            return 1

    sent: list[bytes] = []
    from huoltamo_desktop.ui.widgets.pdf_view import print_pdf as real_print_pdf

    def recording_print_pdf(pdf: bytes, printer: QPrinter) -> int:
        sent.append(pdf)
        return real_print_pdf(pdf, printer)

    monkeypatch.setattr(pdf_output, "QPrintDialog", FakePrintDialog)
    monkeypatch.setattr(pdf_output, "print_pdf", recording_print_pdf)

    _pick_and_pin(qtbot, seat, "kasz", "246810")
    session = seat.current
    session.go(session.steps.count() - 1)
    settle()
    share = session.share
    assert share.preview.isVisible() and share.preview.page_count() >= 1
    _click(qtbot, share.pdf_button)
    _click(qtbot, share.print_button)

    # One layout: the printer gets the very bytes that are previewed and saved.
    assert sent == [share.preview.pdf()] and saved.read_bytes() == sent[0]
    pages = PdfReader(BytesIO(sent[0])).pages
    text = "".join(page.extract_text() for page in pages)
    for expected in ("My summary", "Łukasz Ääpälä", PLAN_NOW, "Ask about a course"):
        assert expected in text
    assert REFLECTION not in text
    # Every page of that PDF came out of the printer.
    assert len(PdfReader(str(printed)).pages) == len(pages)

    # Ticking the reflections box lays the summary out again; the printer gets that one.
    _click(qtbot, share.include_reflections)
    _click(qtbot, share.print_button)
    assert len(sent) == 2 and sent[1] == share.preview.pdf()
    assert REFLECTION in "".join(page.extract_text() for page in PdfReader(BytesIO(sent[1])).pages)


def test_manager_page_empty_state(ctx, firm, qtbot: QtBot, sqlite_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.domain.people import PersonStatus
    from huoltamo_desktop.ui.employee.overview_page import EmployeeOverviewPage

    with session_scope(sqlite_engine) as s:
        for p in s.exec(select(Person)).all():
            p.status = PersonStatus.LEFT
            s.add(p)
    page = EmployeeOverviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.empty.isVisible() and not page.table.isVisible()
    assert page.model.rowCount() == 0  # nobody who has left is listed behind the message
    assert "People page" in page.empty.text()


def test_the_app_opens_to_the_lock_screen(ctx, person_id: int, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.application import start_window

    shell = start_window(ctx)
    window = shell.window
    assert window is not None
    qtbot.addWidget(window)
    assert window.objectName() == "Seat"
    assert window.currentWidget() is window.lock_screen  # type: ignore[attr-defined]
    assert not window.findChildren(QWidget, "MainWindow")
    window.idle.stop()  # type: ignore[attr-defined]


def test_a_save_that_fails_at_lock_time_still_locks_and_says_so(
    seat, person_id: int, qtbot: QtBot, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.storage.database import StorageError

    with session_scope(sqlite_engine) as s:
        access.create_secret(s, person_id=person_id, secret="246810")
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    session = seat.current
    assert session is not None
    session.go(3)
    editor = session.plan.editors["change"]
    editor.setFocus()
    qtbot.keyClicks(editor, DRAFT_SECRET)

    def full_disk(*_a: object, **_k: object) -> bool:
        raise StorageError("The disk is full, so nothing was saved.")

    monkeypatch.setattr(session.plan, "save", full_disk)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    seat.lock()
    _flush_deletes()
    assert seat.currentWidget() is seat.lock_screen
    assert DRAFT_SECRET not in _all_texts()
    assert len(shown) == 1 and "The disk is full" in shown[0]


def _assessed(sqlite_engine: Engine, person_id: int, *, on: date, cooperation: int) -> None:
    with session_scope(sqlite_engine) as s:
        _r, key = access.sign_in(s, person_id=person_id, secret="246810")
        assert key is not None
        rec = emp.start_assessment(s, key=key)
        answers = {
            st.key: (cooperation if st.area == "cooperation" else 3) for st in content().statements
        }
        emp.save_answers(s, key=key, assessment_id=rec.id, answers=answers, today=on)


def _to_share_step(qtbot: QtBot, session) -> ShareStep:  # type: ignore[no-untyped-def]
    while session.stack.currentWidget() is not session.share:
        _click(qtbot, session.next_button)
    share: ShareStep = session.share
    return share


def _answer_sharing_question(button: QMessageBox.StandardButton) -> list[str]:
    def answer(dialog: QMessageBox) -> None:
        assert dialog.objectName() == "sharing_question"
        dialog.button(button).click()

    return when_dialog(QMessageBox, answer)


def _shared(sqlite_engine: Engine, person_id: int):  # type: ignore[no-untyped-def]
    with Session(sqlite_engine) as s:
        return emp.shared_for_manager(s, person_id=person_id)


def test_done_asks_about_a_ticked_box_and_saves_or_drops_it_as_told(
    seat, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        access.create_secret(s, person_id=person_id, secret="246810")
    _assessed(sqlite_engine, person_id, on=date(2026, 2, 1), cooperation=4)

    # Tick, leave the step and come back: the tick is still there. Done, "Back to sharing".
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    session = seat.current
    share = _to_share_step(qtbot, session)
    _click(qtbot, share.share_assessment)
    _click(qtbot, session.back_button)
    _click(qtbot, session.next_button)
    share = _to_share_step(qtbot, session)
    assert share.share_assessment.isChecked()
    errors = _answer_sharing_question(QMessageBox.StandardButton.Cancel)
    _click(qtbot, session.done_button)
    assert errors == [] and seat.current is session
    assert session.stack.currentWidget() is share and share.share_assessment.isChecked()

    # Done, "Lock without saving": nothing is shared, not even by the lock afterwards.
    errors = _answer_sharing_question(QMessageBox.StandardButton.Discard)
    _click(qtbot, session.done_button)
    _flush_deletes()
    assert errors == [] and seat.currentWidget() is seat.lock_screen
    assert _shared(sqlite_engine, person_id) == (None, None)

    # Again, and this time "Save and lock".
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    session = seat.current
    share = _to_share_step(qtbot, session)
    assert not share.share_assessment.isChecked()
    _click(qtbot, share.share_assessment)
    errors = _answer_sharing_question(QMessageBox.StandardButton.Save)
    _click(qtbot, session.done_button)
    _flush_deletes()
    assert errors == [] and seat.currentWidget() is seat.lock_screen
    assessment, plan = _shared(sqlite_engine, person_id)
    assert assessment is not None and assessment.area_scores["cooperation"] == 4.0 and plan is None


def test_idle_lock_saves_a_ticked_box(
    seat, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        access.create_secret(s, person_id=person_id, secret="246810")
    _assessed(sqlite_engine, person_id, on=date(2026, 2, 1), cooperation=4)
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    share = _to_share_step(qtbot, seat.current)
    _click(qtbot, share.share_assessment)
    seat.idle.set_interval_ms(80)
    qtbot.waitUntil(lambda: seat.currentWidget() is seat.lock_screen, timeout=3000)
    assessment, _plan = _shared(sqlite_engine, person_id)
    assert assessment is not None and assessment.assessed_on == date(2026, 2, 1)


def test_a_new_self_assessment_refreshes_the_managers_copy_when_sharing_is_kept(
    seat, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        key, _code = access.create_secret(s, person_id=person_id, secret="246810")
    _assessed(sqlite_engine, person_id, on=date(2025, 2, 1), cooperation=2)
    with session_scope(sqlite_engine) as s:
        emp.share_assessment(s, key=key)
    _assessed(sqlite_engine, person_id, on=date(2026, 2, 1), cooperation=5)

    # The person signs in and presses Done without opening the share step: asked, and saved.
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    seen: list[str] = []

    def answer(dialog: QMessageBox) -> None:
        seen.append(dialog.informativeText())
        dialog.button(QMessageBox.StandardButton.Save).click()

    errors = when_dialog(QMessageBox, answer)
    _click(qtbot, seat.current.done_button)
    _flush_deletes()
    assert errors == [] and "latest one" in seen[0]
    assessment, _plan = _shared(sqlite_engine, person_id)
    assert assessment is not None and assessment.assessed_on == date(2026, 2, 1)
    assert assessment.area_scores["cooperation"] == 5.0

    # Nothing left to decide: the next Done locks at once.
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    _click(qtbot, seat.current.done_button)
    assert seat.currentWidget() is seat.lock_screen


def test_the_introduction_says_the_manager_sees_skill_self_ratings(
    seat, person_id: int, qtbot: QtBot, sqlite_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    with session_scope(sqlite_engine) as s:
        access.create_secret(s, person_id=person_id, secret="246810")
    _pick_and_pin(qtbot, seat, "kasz", "246810")
    sees = next(
        b
        for b in seat.current.intro.findChildren(QGroupBox)
        if b.title() == "What your manager sees"
    )
    text = " ".join(label.text() for label in sees.findChildren(QLabel))
    assert "ratings of your skills" in text and "straight away" in text
