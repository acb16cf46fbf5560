"""The Training page driven with real clicks and keys: search → plan → passed → feedback,
importing a catalogue file (a bad one and a good one), and funding that has ended."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from huoltamo_desktop.domain.skills import PersonCard, SkillRating
from huoltamo_desktop.domain.training import TrainingOffering, TrainingPlanItem
from huoltamo_desktop.services import skills as skills_service
from huoltamo_desktop.services import training_exchange as exchange
from huoltamo_desktop.services.people import PersonInput, create_person
from huoltamo_desktop.storage.database import session_scope
from huoltamo_desktop.ui.ops import wait_for_ops
from huoltamo_desktop.ui.training.dialogs import OutcomeDialog, PlanDialog
from huoltamo_desktop.ui.training.import_dialog import CatalogueImportDialog
from tests.training_runs import HOT_WORK_RUNS, add_runs
from tests.ui.helpers import when_dialog

pytestmark = pytest.mark.gui


@pytest.fixture
def page(ctx, firm, sqlite_engine: Engine, qtbot: QtBot):  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.training.page import TrainingPage

    with session_scope(sqlite_engine) as s:
        skills_service.pick_starter_skills(s, keys=["safety_quality.fire_safety"])
        skills_service.pick_starter_cards(s, keys=["hot_work_card"])
        create_person(s, data=PersonInput("Aino", "Hitsaaja", job_title="Hitsaaja"))
        exchange.ensure_starter_catalogue(s)
        add_runs(s, "alertum_hot_work_card", HOT_WORK_RUNS)
    widget = TrainingPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def _row_of(view, text: str) -> int:  # type: ignore[no-untyped-def]
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == text:
            return row
    return -1


def _click_row(qtbot: QtBot, view, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_search_plan_pass_and_give_feedback(page, qtbot: QtBot, sqlite_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    catalogue = page.catalogue
    qtbot.keyClicks(catalogue.search, "tulity")
    qtbot.waitUntil(lambda: catalogue.view.model().rowCount() < 5, timeout=3000)
    assert _row_of(catalogue.view, "Hot work card course") >= 0
    assert _row_of(catalogue.view, "Occupational Safety Card") == -1
    _click_row(qtbot, catalogue.view, _row_of(catalogue.view, "Hot work card course"))
    assert "Fire safety, up to level 2" in catalogue.detail.toPlainText()
    assert "Last reviewed" in catalogue.detail.toPlainText()

    def fill_plan(dialog: PlanDialog) -> None:
        people = dialog.people
        first = people.model().index(0, 0)
        rect = people.visualRect(first)
        qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.keyClick(people, Qt.Key.Key_Space)
        assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        assert dialog.run.count() == 3  # no fixed run + the two coming runs
        dialog.run.setCurrentIndex(1)
        assert dialog.cost.value() == pytest.approx(169)
        qtbot.mouseClick(dialog.findChild(QAbstractButton, "dialog_ok"), Qt.MouseButton.LeftButton)

    errors = when_dialog(PlanDialog, fill_plan)
    qtbot.mouseClick(catalogue.plan_button, Qt.MouseButton.LeftButton)
    assert errors == []
    plan = page.plan
    assert page.tabs.currentWidget() is plan
    plan.year.setValue(2027)
    row = _row_of(plan.view, "10/02/2027")
    assert row >= 0
    _click_row(qtbot, plan.view, row)

    def confirm(dialog: OutcomeDialog) -> None:
        assert dialog.card is not None and "valid until" in dialog.card.text()
        qtbot.mouseClick(dialog.findChild(QAbstractButton, "dialog_ok"), Qt.MouseButton.LeftButton)

    errors = when_dialog(OutcomeDialog, confirm)
    qtbot.mouseClick(plan.passed_button, Qt.MouseButton.LeftButton)
    assert errors == []
    _click_row(qtbot, plan.view, _row_of(plan.view, "10/02/2027"))

    def feedback(dialog: QDialog) -> None:
        qtbot.mouseClick(dialog.findChild(QAbstractButton, "rating_4"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(
            dialog.findChild(QAbstractButton, "applied_yes"), Qt.MouseButton.LeftButton
        )
        qtbot.mouseClick(dialog.findChild(QAbstractButton, "dialog_ok"), Qt.MouseButton.LeftButton)

    errors = when_dialog(QDialog, feedback)
    qtbot.mouseClick(plan.feedback_button, Qt.MouseButton.LeftButton)
    assert errors == []
    with session_scope(sqlite_engine) as s:
        item = s.exec(select(TrainingPlanItem)).one()
        assert (item.status, item.rating, item.applied) == ("passed", 4, "yes")
        assert item.planned_on == date(2027, 2, 10) and item.cost_cents == 16900
        rating = s.exec(select(SkillRating)).one()
        assert (rating.level, rating.rated_on) == (2, item.completed_on)
        card = s.exec(select(PersonCard)).one()
        assert card.expires_on is not None and card.obtained_on == item.completed_on
    assert "4/5 · Yes" in [
        plan.view.model().index(r, 8).data() for r in range(plan.view.model().rowCount())
    ]


def test_an_ended_funding_rule_is_named_but_never_offered(page, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    catalogue = page.catalogue
    qtbot.keyClicks(catalogue.search, "oppisopimus")
    qtbot.waitUntil(
        lambda: _row_of(catalogue.view, "Apprenticeship (oppisopimus)") >= 0, timeout=3000
    )
    _click_row(qtbot, catalogue.view, _row_of(catalogue.view, "Apprenticeship (oppisopimus)"))
    assert "Ended on 31/12/2025: no longer available" in catalogue.detail.toPlainText()
    seen: dict[str, object] = {}

    def look(dialog: PlanDialog) -> None:
        seen["funding"] = [dialog.funding.itemText(i) for i in range(dialog.funding.count())]
        seen["hint"] = dialog.funding_hint.text()
        dialog.reject()

    errors = when_dialog(PlanDialog, look)
    qtbot.mouseClick(catalogue.plan_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert seen["funding"] == ["No public funding"]
    assert "Training compensation for the employer" in str(seen["hint"])


def test_importing_a_bad_file_changes_nothing_and_a_good_one_applies(  # type: ignore[no-untyped-def]
    page, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_engine: Engine
) -> None:
    from PySide6.QtWidgets import QFileDialog

    bad = tmp_path / "bad.csv"
    bad.write_bytes("key;kind\nx;course\n".encode("cp1252") + "Työ".encode("cp1252"))
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            {
                "format": "huoltamo-training-catalogue",
                "format_version": 1,
                "offerings": [
                    {
                        "key": "alertum_hot_work_card",
                        "provider": "alertum",
                        "kind": "certificate_card",
                        "title": {
                            "fi": "Tulityökortti (uusi hinta)",
                            "sv": "Heta arbeten",
                            "en": "Hot work (new price)",
                        },
                        "cost_eur": 179,
                        "reviewed_on": "2026-12-01",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    chosen = [bad]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen[0]), ""))

    def run(dialog: CatalogueImportDialog) -> None:
        qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
        wait_for_ops()
        assert "not UTF-8" in dialog.summary.text()
        assert not dialog.apply_button.isEnabled()
        chosen[0] = good
        qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
        wait_for_ops()
        assert "1 updated" in dialog.summary.text()
        assert dialog.view.model().index(0, 3).data() == "Will be updated"
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        wait_for_ops()

    errors = when_dialog(CatalogueImportDialog, run)
    qtbot.mouseClick(page.catalogue.import_button, Qt.MouseButton.LeftButton)
    assert errors == []
    with session_scope(sqlite_engine) as s:
        offering = s.exec(
            select(TrainingOffering).where(TrainingOffering.key == "alertum_hot_work_card")
        ).one()
        assert offering.cost_cents == 17900
    qtbot.keyClicks(page.catalogue.search, "new price")
    qtbot.waitUntil(lambda: page.catalogue.view.model().rowCount() == 1, timeout=3000)
    assert _row_of(page.catalogue.view, "Hot work (new price)") == 0


def test_the_bundled_catalogue_puts_back_what_the_firm_changed(  # type: ignore[no-untyped-def]
    page, qtbot: QtBot, sqlite_engine: Engine
) -> None:
    from huoltamo_desktop.domain.training_content import STARTER_CATALOGUE
    from huoltamo_desktop.ui.training.import_dialog import CatalogueImportDialog

    bundled = next(o for o in STARTER_CATALOGUE.load().offerings if o.key == "spr_first_aid_ea1")
    with session_scope(sqlite_engine) as s:
        offering = s.exec(select(TrainingOffering).where(TrainingOffering.key == bundled.key)).one()
        offering.title_en = "First aid (our own notes)"
        s.add(offering)

    def run(dialog: CatalogueImportDialog) -> None:
        qtbot.mouseClick(dialog.bundled, Qt.MouseButton.LeftButton)
        wait_for_ops()
        assert dialog.path.text() == "The bundled starter catalogue"
        assert dialog.summary.text().startswith("0 new, 1 updated, 0 retired")
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        wait_for_ops()

    errors = when_dialog(CatalogueImportDialog, run)  # type: ignore[arg-type]
    qtbot.mouseClick(page.catalogue.import_button, Qt.MouseButton.LeftButton)
    assert errors == []
    with session_scope(sqlite_engine) as s:
        offering = s.exec(select(TrainingOffering).where(TrainingOffering.key == bundled.key)).one()
        assert offering.title_en == bundled.title["en"]


def test_the_training_plan_is_previewed_saved_and_printed(  # type: ignore[no-untyped-def]
    page, qtbot: QtBot, sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    from huoltamo_desktop.domain.people import Person
    from huoltamo_desktop.services import training_plan
    from tests.ui.helpers import print_to_file, save_to

    with session_scope(sqlite_engine) as s:
        offering = s.exec(
            select(TrainingOffering).where(TrainingOffering.key == "alertum_hot_work_card")
        ).one()
        aino = s.exec(select(Person).where(Person.last_name == "Hitsaaja")).one()
        training_plan.plan_training(
            s,
            person_ids=[aino.id or 0],
            offering_id=offering.id or 0,
            planned_on=date(2027, 3, 9),
            cost_cents=16900,
        )
    plan = page.plan
    page.tabs.setCurrentWidget(plan)
    plan.year.setValue(2027)
    wait_for_ops()
    qtbot.mouseClick(plan.pdf_button, Qt.MouseButton.LeftButton)
    wait_for_ops()
    dialog = plan.pdf_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.output.view.page_count() >= 1

    save_to(monkeypatch, tmp_path / "koulutus")
    qtbot.mouseClick(dialog.output.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "koulutus.pdf"
    text = "".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "Aino Hitsaaja" in text and "Hot work card course" in text and "169" in text

    printed = tmp_path / "printed.pdf"
    print_to_file(monkeypatch, printed)
    qtbot.mouseClick(dialog.output.print_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(printed).pages) == len(PdfReader(saved).pages)
    dialog.close()


def test_the_catalogue_exports_as_json_or_as_a_spreadsheet(  # type: ignore[no-untyped-def]
    page, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    chosen: list[tuple[str, str]] = [(str(tmp_path / "luettelo"), "")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: chosen[0])
    page.export_catalogue()
    wait_for_ops()
    data = json.loads((tmp_path / "luettelo.json").read_text(encoding="utf-8"))
    assert data  # the whole catalogue, readable again

    chosen[0] = (str(tmp_path / "luettelo.json"), "Trainings for a spreadsheet (*.csv)")
    page.export_catalogue()
    wait_for_ops()
    lines = (tmp_path / "luettelo.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) > len(data) and not lines[0].startswith(("{", "["))  # rows, not JSON
