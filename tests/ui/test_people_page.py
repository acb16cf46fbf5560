"""The People page driven with real clicks and keys."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot
from sqlmodel import select

from huoltamo_desktop.domain.people import Person, PersonStatus, Team
from huoltamo_desktop.ui.people.dialogs import EraseDialog, LeaveDialog, PersonDialog
from huoltamo_desktop.ui.people.import_dialog import ImportDialog
from tests.ui.helpers import settle, type_text, when_dialog

pytestmark = pytest.mark.gui


def _people(ctx) -> dict[str, Person]:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        return {p.full_name: p for p in s.exec(select(Person))}


def _select(page, name: str, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page.search.clear()
    type_text(page.search, name)
    rect = page.table.visualRect(page.proxy.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected_id() is not None


def test_add_edit_and_archive_a_person(ctx, main_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = main_window.go_to("people")

    def fill(dialog: PersonDialog) -> None:
        type_text(dialog.first_name, "Väinö")
        type_text(dialog.last_name, "Ääpälä")
        qtbot.keyClicks(dialog.job_title, "Hitsaaja")
        dialog.birth_year.setFocus()
        dialog.birth_year.selectAll()
        qtbot.keyClicks(dialog.birth_year, "1966")
        qtbot.mouseClick(dialog.suggest, Qt.MouseButton.LeftButton)
        assert dialog.stage.currentData() == "late_career"
        qtbot.keyClick(dialog.email, Qt.Key.Key_Return)

    errors = when_dialog(PersonDialog, fill)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert errors == []
    people = _people(ctx)
    assert people["Väinö Ääpälä"].career_stage == "late_career"
    assert page.model.rowCount() == 2

    def edit(dialog: PersonDialog) -> None:
        assert dialog.first_name.text() == "Väinö"
        dialog.job_title.selectAll()
        type_text(dialog.job_title, "Työnjohtaja")
        qtbot.keyClicks(dialog.job_title_sv, "Arbetsledare")
        qtbot.keyClick(dialog.job_title, Qt.Key.Key_Return)

    _select(page, "Ääp", qtbot)
    errors = when_dialog(PersonDialog, edit)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert errors == []
    edited = _people(ctx)["Väinö Ääpälä"]
    assert edited.job_title == "Työnjohtaja" and edited.job_title_sv == "Arbetsledare"
    assert (
        edited.job_title_in("sv") == "Arbetsledare" and edited.job_title_in("en") == "Työnjohtaja"
    )

    def leave(dialog: LeaveDialog) -> None:
        dialog.reason.setCurrentIndex(dialog.reason.findData("retired"))
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    errors = when_dialog(LeaveDialog, leave)
    qtbot.mouseClick(page.leave_button, Qt.MouseButton.LeftButton)
    assert errors == []
    gone = _people(ctx)["Väinö Ääpälä"]
    assert gone.status == PersonStatus.LEFT and gone.leave_reason == "retired"
    assert page.proxy.rowCount() == 0  # hidden from the active list (search still "ääp")
    qtbot.mouseClick(page.show_left, Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() == 1
    assert "Left" in page.proxy.index(0, 7).data()


def test_a_person_without_a_last_name_is_not_saved(ctx, main_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = main_window.go_to("people")
    seen: list[str] = []

    def fill(dialog: PersonDialog) -> None:
        qtbot.keyClicks(dialog.first_name, "Matti")
        qtbot.keyClick(dialog.first_name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(dialog.error.text()))  # checked by the save, off the UI thread
        seen.append(dialog.error.text())
        assert dialog.isVisible() and dialog.focusWidget() is dialog.last_name
        dialog.reject()

    errors = when_dialog(PersonDialog, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert errors == [] and "last name" in seen[0]
    assert "Matti" not in " ".join(_people(ctx))


def test_erase_needs_the_name_typed(ctx, main_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = main_window.go_to("people")
    _select(page, "Kaisa", qtbot)

    def erase(dialog: EraseDialog) -> None:
        qtbot.keyClicks(dialog.confirm, "Kaisa")
        assert not dialog.erase_button.isEnabled()
        qtbot.keyClicks(dialog.confirm, " Koivula")
        assert dialog.erase_button.isEnabled()
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)

    errors = when_dialog(EraseDialog, erase)
    qtbot.mouseClick(page.erase_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert _people(ctx) == {}
    assert page.stack.currentWidget() is page.empty
    assert "No people yet" in page.empty_text.text()


def test_teams_are_managed_from_the_people_page(
    ctx, main_window, qtbot: QtBot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.people.dialogs import TeamsDialog

    page = main_window.go_to("people")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Tuotanto", True))

    def manage(dialog: TeamsDialog) -> None:
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert [c.text for c in dialog.list.choices()] == ["Tuotanto"]
        assert dialog.rename_button.isEnabled()  # the new team is the chosen one
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Östra lager", True))
        rect = dialog.list.visualRect(dialog.list.index_of("Tuotanto"))
        qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: [c.text for c in dialog.list.choices()] == ["Östra lager"])
        dialog.accept()

    errors = when_dialog(TeamsDialog, manage)
    qtbot.mouseClick(page.teams_button, Qt.MouseButton.LeftButton)
    assert errors == []
    with ctx.session() as s:
        assert [t.name for t in s.exec(select(Team))] == ["Östra lager"]
    assert page.team_filter.findText("Östra lager") >= 0


def test_import_preview_shows_errors_and_saves_only_on_confirm(
    ctx, main_window, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    staff = tmp_path / "henkilöstö.csv"
    staff.write_text(
        "Nimi;Tehtävä;Tiimi;Aloituspäivä\n"
        "Aino Virtanen;Hitsaaja;Tuotanto;1.2.2020\n"
        "Björn Åkerlund;Asentaja;Asennus;kesällä\n"
        "Łukasz Nowak;Kuljettaja;Varasto;3.4.2021\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(staff), ""))
    from PySide6.QtWidgets import QMessageBox

    reported: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: reported.append(text))
    page = main_window.go_to("people")
    seen: dict[str, object] = {}

    def run_import(dialog: ImportDialog) -> None:
        qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
        settle()
        seen["rows"] = dialog.model.rowCount()
        seen["summary"] = dialog.summary.text()
        seen["bad"] = dialog.model.index(1, 6).data()
        seen["saved_before"] = len(_people(ctx))
        assert dialog.combos["full_name"].currentText() == "Nimi"
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        settle()

    errors = when_dialog(ImportDialog, run_import)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert seen["rows"] == 3 and seen["saved_before"] == 1
    assert "2 people will be imported" in str(seen["summary"]) and "1 row has a problem" in str(
        seen["summary"]
    )
    assert "kesällä" in str(seen["bad"])
    assert set(_people(ctx)) == {"Kaisa Koivula", "Aino Virtanen", "Łukasz Nowak"}
    assert page.model.rowCount() == 3
    assert reported == ["2 people added. New teams: Tuotanto, Varasto."]


def test_import_of_a_broken_file_says_so_and_saves_nothing(
    ctx, main_window, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    broken = tmp_path / "staff.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))

    def run_import(dialog: ImportDialog) -> None:
        qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
        settle()
        assert not dialog.import_button.isEnabled()
        dialog.reject()

    errors = when_dialog(ImportDialog, run_import)
    qtbot.mouseClick(main_window.go_to("people").import_button, Qt.MouseButton.LeftButton)
    assert errors == [] and "Excel" in warnings[0]
    assert set(_people(ctx)) == {"Kaisa Koivula"}


def test_a_full_disk_keeps_the_dialog_open_with_the_typed_text(
    ctx, main_window, qtbot: QtBot, sqlite_engine
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event, text

    with sqlite_engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar_one()

    @event.listens_for(sqlite_engine, "connect")
    def _tiny(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    sqlite_engine.dispose()
    from huoltamo_desktop.services.people import PersonInput, create_person
    from huoltamo_desktop.storage.database import StorageError, session_scope

    # Fill the "disk" to the last page: big rows first, then small ones into what is left.
    for size, prefix in ((120, "Row"), (0, "R")):
        with pytest.raises(StorageError):
            for i in range(2000):
                with session_scope(sqlite_engine) as s:
                    create_person(
                        s,
                        data=PersonInput(
                            first_name="F", last_name=f"{prefix}{i}", job_title="y" * size
                        ),
                    )
    page = main_window.go_to("people")
    seen: dict[str, object] = {}

    def fill(dialog: PersonDialog) -> None:
        qtbot.keyClicks(dialog.first_name, "Matti")
        qtbot.keyClicks(dialog.last_name, "Meikalainen")
        qtbot.keyClick(dialog.first_name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(dialog.error.text()))
        seen["visible"] = dialog.isVisible()
        seen["error"] = dialog.error.text()
        seen["kept"] = dialog.first_name.text()
        dialog.reject()

    errors = when_dialog(PersonDialog, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert seen == {"visible": True, "error": seen["error"], "kept": "Matti"}
    assert "disk is full" in str(seen["error"])


def test_import_preview_names_the_existing_person_it_changes(
    ctx, main_window, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.services.people import PersonInput, create_person

    with ctx.session() as s:
        create_person(s, data=PersonInput("Pertti", "Mäkinen", job_title="Työnjohtaja"))
    staff = tmp_path / "staff.csv"
    # Excel's "Unicode text": UTF-16 with tabs.
    staff.write_bytes(
        "Nimi\tTehtävä\tEsihenkilö\r\nAino Virtanen\tHitsaaja\tPertti Mäkinen\r\n".encode("utf-16")
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(staff), ""))
    from PySide6.QtWidgets import QMessageBox

    reported: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: reported.append(text))
    seen: dict[str, str] = {}

    def run_import(dialog: ImportDialog) -> None:
        qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
        settle()
        seen["summary"] = dialog.summary.text()
        seen["check"] = str(dialog.model.index(0, 6).data())
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        settle()

    errors = when_dialog(ImportDialog, run_import)
    qtbot.mouseClick(main_window.go_to("people").import_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert "changes people already in the register" in seen["summary"]
    assert (
        "Pertti Mäkinen, already in the register, will be marked as a supervisor" in seen["check"]
    )
    with ctx.session() as s:
        pertti = next(p for p in s.exec(select(Person)) if p.first_name == "Pertti")
        assert pertti.is_manager
    assert reported == ["1 person added. Updated: Pertti Mäkinen is now marked as a supervisor."]


def test_import_from_a_pasted_path_with_finnish_headers_then_a_summary(
    ctx, main_window, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    staff = tmp_path / "henkilöstö 2026.csv"
    staff.write_text(
        "Etunimi;Sukunimi;Työsuhde alkanut;Osasto;Puhelin\n"
        "Aino;Virtanen;1.2.2020;Tuotanto;040 123\n",
        encoding="utf-8",
    )
    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: infos.append(text))
    page = main_window.go_to("people")
    seen: dict[str, str] = {}

    def run_import(dialog: ImportDialog) -> None:
        qtbot.mouseClick(dialog.path, Qt.MouseButton.LeftButton)
        type_text(dialog.path, f"'{staff}'")  # as a file manager copies it, quotes and all
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
        settle()
        seen["start"] = dialog.combos["employment_start"].currentText()
        seen["email"] = dialog.combos["email"].currentText()
        seen["unused"] = dialog.unused.text()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        settle()

    errors = when_dialog(ImportDialog, run_import)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert seen["start"] == "Työsuhde alkanut"
    assert seen["email"] == "(not imported)"  # never "not in the file" for a file that has columns
    assert "Puhelin" in seen["unused"]
    assert infos == ["1 person added. New team: Tuotanto."]
    assert _people(ctx)["Aino Virtanen"].employment_start.isoformat() == "2020-02-01"  # type: ignore[union-attr]


def test_columns_keep_their_width_across_refreshes_and_counts_follow_the_search(
    ctx, main_window, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.services.people import PersonInput, archive_person, create_person

    with ctx.session() as s:
        create_person(s, data=PersonInput("Aino", "Virtanen", job_title="Hitsaaja"))
        leaver = create_person(s, data=PersonInput("Väinö", "Ääpälä", job_title="Koneistaja"))
        archive_person(s, person_id=leaver.id or 0, left_on=date(2026, 5, 31), reason="retired")
    page = main_window.go_to("people")
    main_window.resize(1180, 760)
    qtbot.mouseClick(page.show_left, Qt.MouseButton.LeftButton)
    table = page.table
    status_column = page.model.columnCount() - 1
    widths = [table.columnWidth(c) for c in range(page.model.columnCount())]
    for _ in range(3):
        page.refresh()
        page._reload()
    assert [table.columnWidth(c) for c in range(page.model.columnCount())] == widths
    # The leaver's status is shown whole.
    row = next(
        r for r in range(page.proxy.rowCount()) if "Ääpälä" in str(page.proxy.index(r, 0).data())
    )
    index = page.proxy.index(row, status_column)
    assert table.columnWidth(status_column) >= table.sizeHintForIndex(index).width()
    assert page.status.text().startswith("2 active people")
    qtbot.keyClicks(page.search, "Virt")
    assert page.status.text() == "1 shown of 2 active people"
    page.search.clear()
    assert page.status.text().startswith("2 active people")
