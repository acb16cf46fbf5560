"""Rotations through the window: create a swap, drag it into a conflict and back, keys, outcome."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain.rotations import RotationKind, RotationStatus
from huoltamo_desktop.services import rotations as rs
from huoltamo_desktop.services import skills as skills_svc
from huoltamo_desktop.services.people import PersonInput, create_person
from huoltamo_desktop.storage.database import session_scope
from tests.ui.helpers import type_text, when_dialog

pytestmark = pytest.mark.gui


def _default_start() -> date:
    start = date.today() + timedelta(days=14)
    return start - timedelta(days=start.weekday())


@pytest.fixture
def workshop(sqlite_engine: Engine, firm: None) -> dict[str, int]:
    with session_scope(sqlite_engine) as s:

        def person(first: str, title: str) -> int:
            return create_person(s, data=PersonInput(first, "Testinen", job_title=title)).id or 0

        ids = {
            "aino": person("Aino", "Koneistaja"),
            "bertta": person("Bertta", "Koneistaja"),
            "cecilia": person("Cecilia", "Hitsaaja"),
            "daniel": person("Daniel", "Hitsaaja"),
        }
        cnc = skills_svc.add_skill(s, name="CNC-ohjelmointi").id or 0
        weld = skills_svc.add_skill(s, name="Hitsaus").id or 0
        skills_svc.save_profile(s, title="Koneistaja", lines={cnc: 3})
        skills_svc.save_profile(s, title="Hitsaaja", lines={weld: 3})
        for who, skill, level in (
            ("aino", cnc, 4),
            ("bertta", cnc, 2),
            ("cecilia", weld, 3),
            ("daniel", weld, 3),
        ):
            skills_svc.record_rating(
                s,
                person_id=ids[who],
                skill_id=skill,
                kind="agreed",
                level=level,
                on=date(2026, 5, 1),
            )
        # Cecilia already has a project starting three weeks after the swap will end.
        project_start = _default_start() + timedelta(weeks=11)
        rs.save_rotation(
            s,
            data=rs.RotationInput(
                kind=RotationKind.PROJECT,
                person_id=ids["cecilia"],
                starts_on=project_start,
                ends_on=project_start + timedelta(weeks=4),
                share_percent=40,
                destination="Robottisolun käyttöönotto",
            ),
        )
        ids.update(cnc=cnc, weld=weld)
    return ids


def _page(ctx, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.rotations.page import RotationsPage

    page = RotationsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 820)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    settle()
    return page


def settle() -> None:
    """Let the page's background reads finish and show their results."""
    from huoltamo_desktop.ui import ops

    assert ops.wait_for_ops()


def _move(view, pos: QPoint) -> None:  # type: ignore[no-untyped-def]
    """A mouse move with the left button held, as a real drag sends it."""
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        QPointF(view.viewport().mapToGlobal(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), event)


def _bar_centre(view, rotation_id: int, person_row: int = 0) -> QPoint:  # type: ignore[no-untyped-def]
    bars = [b for b in view.bars() if b.bar.rotation_id == rotation_id]
    bar = sorted(bars, key=lambda b: b.row)[person_row]
    view.ensureVisible(bar.rect(), 200, 30)
    centre: QPoint = view.mapFromScene(bar.rect().center())
    return centre


def _saved(ctx, rotation_id: int) -> rs.RotationView:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        return rs.get_rotation(s, rotation_id=rotation_id)


def test_create_a_swap_drag_it_into_a_conflict_and_back(ctx, workshop, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.rotations.dialogs import RotationDialog

    page = _page(ctx, qtbot)

    def fill(dialog: RotationDialog) -> None:
        qtbot.keyClicks(dialog.kind, "Swap")
        qtbot.keyClicks(dialog.person, "Cecilia")
        qtbot.keyClicks(dialog.partner, "Bertta")
        qtbot.keyClicks(dialog.host, "Aino")
        qtbot.keyClicks(dialog.cover, "Daniel")
        type_text(dialog.destination, "Vaihto koneistukseen")
        qtbot.mouseClick(dialog.add_goal, Qt.MouseButton.LeftButton)
        assert "no conflicts" in dialog.checks.text()
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    errors = when_dialog(RotationDialog, fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    settle()
    assert errors == []
    with ctx.session() as s:
        swap = next(v for v in rs.list_rotations(s) if v.kind == RotationKind.SWAP)
    assert (swap.person_name, swap.partner_name, swap.host_name, swap.cover_name) == (
        "Cecilia Testinen",
        "Bertta Testinen",
        "Aino Testinen",
        "Daniel Testinen",
    )
    assert swap.starts_on == _default_start()
    assert [(g.skill_name, g.target_level) for g in swap.goals] == [("CNC-ohjelmointi", 3)]
    view = page.timeline
    assert len([b for b in view.bars() if b.bar.rotation_id == swap.id]) == 2  # both rows

    # Drag it four weeks later: it now overlaps Cecilia's project, and the check says so live.
    ppd = 7.0
    start = _bar_centre(view, swap.id)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 5):
        _move(view, start + QPoint(int(step * 7 * ppd), 0))
    bar = view.bar_for(swap.id)
    assert bar is not None and bar.warning
    assert "already has another rotation" in page.live_check.text()

    # Dropping it there asks first; going back leaves the saved dates as they were.
    def go_back(box: QMessageBox) -> None:
        assert "already has another rotation" in box.informativeText()
        back = next(b for b in box.findChildren(QPushButton) if "Go back" in b.text())
        qtbot.mouseClick(back, Qt.MouseButton.LeftButton)

    errors = when_dialog(QMessageBox, go_back)
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(int(28 * ppd), 0)
    )
    assert errors == []
    assert _saved(ctx, swap.id).starts_on == swap.starts_on
    bar = view.bar_for(swap.id)
    assert bar is not None and not bar.warning

    # Into the conflict and back out to one week later: the warning comes and goes, and the
    # drop saves without a question.
    start = _bar_centre(view, swap.id)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    _move(view, start + QPoint(int(28 * ppd), 0))
    assert view.bar_for(swap.id).warning  # type: ignore[union-attr]
    _move(view, start + QPoint(int(7 * ppd), 0))
    assert not view.bar_for(swap.id).warning  # type: ignore[union-attr]
    assert "no conflicts" in page.live_check.text()
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(int(7 * ppd), 0)
    )
    settle()
    moved = _saved(ctx, swap.id)
    assert (moved.starts_on, moved.ends_on) == (
        swap.starts_on + timedelta(days=7),
        swap.ends_on + timedelta(days=7),
    )

    # From the keyboard: Shift+Right moves it a week, Alt+Left shortens it a day, Enter saves.
    view.setFocus()
    view.select_rotation(swap.id)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    settle()
    keyed = _saved(ctx, swap.id)
    assert (keyed.starts_on, keyed.ends_on) == (
        moved.starts_on + timedelta(days=7),
        moved.ends_on + timedelta(days=6),
    )
    # Escape puts an unsaved keyboard move back.
    view.select_rotation(swap.id)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert _saved(ctx, swap.id).starts_on == keyed.starts_on
    assert view.bar_for(swap.id).pending is None  # type: ignore[union-attr]


def test_ctrl_n_opens_a_new_rotation(ctx, workshop, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.rotations.dialogs import RotationDialog

    page = _page(ctx, qtbot)
    seen: list[str] = []

    def look(dialog: RotationDialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    errors = when_dialog(RotationDialog, look)
    page.timeline.setFocus()
    qtbot.keyClick(page.timeline, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen) or bool(errors))
    assert errors == [] and seen == ["New rotation"]


def test_zoom_and_team_view(ctx, workshop, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    bar = page.timeline.bars()[0]
    month_width = bar.rect().width()
    qtbot.keyClicks(page.zoom, "Quarter")
    assert page.timeline.zoom() == "quarter"
    assert page.timeline.bars()[0].rect().width() < month_width / 2
    qtbot.keyClicks(page.grouping, "By team")
    assert page.timeline._rows[0].bold  # a team heading comes first


def test_a_red_cell_lists_who_could_cover(ctx, workshop, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        rs.add_absence(
            s,
            person_id=workshop["aino"],
            starts_on=date.today(),
            ends_on=date.today() + timedelta(days=30),
        )
    page = _page(ctx, qtbot)
    page.tabs.setCurrentIndex(1)
    model = page.coverage_model
    row = next(r for r in range(model.rowCount()) if model.skill_at(r)[1] == "CNC-ohjelmointi")
    assert model.is_short(row, 1)
    rect = page.coverage_view.visualRect(model.index(row, 1))
    qtbot.mouseClick(page.coverage_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "Who could cover CNC-ohjelmointi" in page.candidates_title.text()
    assert page.candidates_model.rows()[0].name == "Bertta Testinen"
    assert "one level short" in page.candidates_model.rows()[0].why


def test_outcome_through_the_dialog_becomes_a_rating(ctx, workshop, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.rotations.dialogs import OutcomeDialog

    with ctx.session() as s:
        rotation = rs.save_rotation(
            s,
            data=rs.RotationInput(
                kind=RotationKind.SHADOWING,
                person_id=workshop["bertta"],
                starts_on=date.today() - timedelta(days=60),
                ends_on=date.today() - timedelta(days=4),
                share_percent=40,
                host_id=workshop["aino"],
                goals=((workshop["cnc"], 3),),
                status=RotationStatus.RUNNING,
            ),
        )
        rid = rotation.id or 0
    page = _page(ctx, qtbot)
    page.timeline.select_rotation(rid)
    assert page.outcome_button.isEnabled()

    def record(dialog: OutcomeDialog) -> None:
        type_text(dialog.person_text, "Teen nyt itse ohjelmat uusille kappaleille.")
        type_text(dialog.host_text, "Itsenäinen, kysyy oikeista asioista.")
        confirm = next(
            b for b in dialog.findChildren(QPushButton) if b.objectName() == "outcome_confirm"
        )
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)

    errors = when_dialog(OutcomeDialog, record)
    qtbot.mouseClick(page.outcome_button, Qt.MouseButton.LeftButton)
    settle()
    assert errors == []
    with ctx.session() as s:
        levels = skills_svc.current_levels(s, person_ids=[workshop["bertta"]])
        view = rs.get_rotation(s, rotation_id=rid)
    assert levels[(workshop["bertta"], workshop["cnc"])] == 3
    assert view.status == RotationStatus.DONE and view.outcome_person.startswith("Teen nyt")
    assert "1 skill rating" in page.live_check.text()


def test_a_rotation_follows_up_an_agreed_action_and_shows_in_prepare(  # type: ignore[no-untyped-def]
    ctx, workshop, qtbot: QtBot
) -> None:
    from huoltamo_desktop.services import conversations as cs
    from huoltamo_desktop.ui.conversations.conversation_view.prepare import PrepareStep
    from huoltamo_desktop.ui.rotations.dialogs import RotationDialog

    with ctx.session() as s:
        talk = cs.create_conversation(
            s,
            kind="career",
            held_on=date.today() - timedelta(days=10),
            person_id=workshop["bertta"],
        )
        cs.add_action(
            s,
            conversation_id=talk.id or 0,
            data=cs.ActionInput(what="Opettele CNC-ohjelmointia Ainon rinnalla"),
        )
        talk_id = talk.id or 0
    page = _page(ctx, qtbot)

    def fill(dialog: RotationDialog) -> None:
        qtbot.keyClicks(dialog.kind, "Job")
        qtbot.keyClicks(dialog.person, "Bertta")
        qtbot.keyClicks(dialog.host, "Aino")
        qtbot.keyClicks(dialog.follows, "Opettele")
        qtbot.mouseClick(dialog.add_goal, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )

    errors = when_dialog(RotationDialog, fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    settle()
    assert errors == []
    with ctx.session() as s:
        [view] = rs.list_rotations(s, person_id=workshop["bertta"])
        detail = cs.get_conversation(s, conversation_id=talk_id)
    assert view.follows_action == "Opettele CNC-ohjelmointia Ainon rinnalla"
    step = PrepareStep(ctx, page)
    step.load(detail)
    text = step.browser.toPlainText()
    assert "Rotations" in text and "Job shadowing" in text and "Aino Testinen" in text
    assert "follows up: Opettele CNC-ohjelmointia Ainon rinnalla" in text


def test_tie_a_skill_to_a_card_and_the_coverage_follows(ctx, workshop, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.rotations.cards_dialog import SkillCardsDialog

    with ctx.session() as s:
        card = skills_svc.add_card_type(s, name="Tulityökortti", validity_years=5)
        # Only Daniel holds a valid card; Cecilia's ran out last year.
        skills_svc.add_person_card(
            s, person_id=workshop["daniel"], card_type_id=card.id or 0, obtained_on=date.today()
        )
        skills_svc.add_person_card(
            s,
            person_id=workshop["cecilia"],
            card_type_id=card.id or 0,
            obtained_on=date.today() - timedelta(days=6 * 365),
        )
    page = _page(ctx, qtbot)
    model = page.coverage_model
    row = next(r for r in range(model.rowCount()) if model.skill_at(r)[1] == "Hitsaus")
    assert model.cell(row, 0)[0] == 2

    def tie(dialog: SkillCardsDialog) -> None:
        qtbot.keyClicks(dialog.skill, "Hitsaus")
        qtbot.keyClicks(dialog.card, "Tulity")
        qtbot.mouseClick(dialog.tie, Qt.MouseButton.LeftButton)
        assert [(r.skill_name, r.card_name) for r in dialog.model.rows()] == [
            ("Hitsaus", "Tulityökortti")
        ]
        dialog.reject()

    errors = when_dialog(SkillCardsDialog, tie)
    qtbot.mouseClick(page.cards_button, Qt.MouseButton.LeftButton)
    settle()
    assert errors == []
    row = next(r for r in range(model.rowCount()) if model.skill_at(r)[1] == "Hitsaus")
    assert model.cell(row, 0)[0] == 1  # only Daniel's card is valid


def test_the_rotation_plan_is_previewed_saved_and_printed(  # type: ignore[no-untyped-def]
    ctx, workshop, qtbot: QtBot, tmp_path, monkeypatch
) -> None:
    from pypdf import PdfReader

    from tests.ui.helpers import print_to_file, save_to

    page = _page(ctx, qtbot)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    settle()
    dialog = page.pdf_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.output.view.page_count() >= 1

    save_to(monkeypatch, tmp_path / "kierto")
    qtbot.mouseClick(dialog.output.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "kierto.pdf"
    text = "".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "The firm's rotation plan" in text and "Cecilia Testinen" in text
    assert str(saved) in page.live_check.text()

    printed = tmp_path / "printed.pdf"
    print_to_file(monkeypatch, printed)
    qtbot.mouseClick(dialog.output.print_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(printed).pages) == len(PdfReader(saved).pages)
    dialog.close()


def test_a_rotation_plan_that_cannot_be_saved_says_so(  # type: ignore[no-untyped-def]
    ctx, workshop, qtbot: QtBot, tmp_path, monkeypatch
) -> None:
    from tests.ui.helpers import save_to

    page = _page(ctx, qtbot)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    settle()
    assert page.pdf_dialog is not None
    save_to(monkeypatch, tmp_path / "no-such-folder" / "kierto.pdf")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    qtbot.mouseClick(page.pdf_dialog.output.save_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and "kierto.pdf" in shown[0]
    assert "kierto.pdf" not in page.live_check.text()
    page.pdf_dialog.close()


def test_a_drop_on_a_rotation_another_seat_moved_meanwhile_shows_theirs(
    ctx, workshop, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    with ctx.session() as s:
        project = next(v for v in rs.list_rotations(s) if v.kind == RotationKind.PROJECT)
        # Another seat moves it two weeks later after this timeline was read.
        rs.move_rotation(
            s,
            rotation_id=project.id,
            starts_on=project.starts_on + timedelta(weeks=2),
            ends_on=project.ends_on + timedelta(weeks=2),
        )
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    view = page.timeline
    start = _bar_centre(view, project.id)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    _move(view, start + QPoint(49, 0))  # one week at the default zoom
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(49, 0))
    settle()
    assert len(told) == 1 and "Someone else changed this rotation" in told[0]
    assert _saved(ctx, project.id).starts_on == project.starts_on + timedelta(weeks=2)
    bar = view.bar_for(project.id)
    assert bar is not None and bar.bar.starts_on == project.starts_on + timedelta(weeks=2)
