"""First-run set-up, navigation, language switch and remembered geometry, driven by keys and clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot
from sqlmodel import select

from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.i18n import current_language, setup_i18n
from huoltamo_desktop.services.firm import get_organisation
from huoltamo_desktop.settings import load_settings
from tests.ui.helpers import settle

pytestmark = pytest.mark.gui


def _ok(dialog) -> object:  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_first_run_sets_up_the_firm_and_manager(ctx, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.shell.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.firm_name
    qtbot.keyClicks(dialog.firm_name, "Koivulan Konepaja Oy")
    qtbot.keyClick(dialog.firm_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.business_id, "1572860-1")  # wrong check digit
    qtbot.keyClicks(dialog.first_name, "Kaisa")
    qtbot.keyClicks(dialog.last_name, "Koivula")
    qtbot.keyClicks(dialog.title, "Toimitusjohtaja")
    qtbot.keyClicks(dialog.passphrase_box.passphrase, "koivu kuusi manty")
    qtbot.keyClicks(dialog.passphrase_box.repeat, "koivu kuusi manty")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    settle()
    assert dialog.isVisible()
    assert "1572860-1" in dialog.error.text()
    assert dialog.focusWidget() is dialog.business_id
    dialog.business_id.selectAll()
    qtbot.keyClicks(dialog.business_id, "1572860-0")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.business_id, Qt.Key.Key_Return)
    with ctx.session() as s:
        org = get_organisation(s)
        manager = s.exec(select(Person)).one()
    assert org is not None and org.name == "Koivulan Konepaja Oy" and org.business_id == "1572860-0"
    assert (manager.full_name, manager.job_title, manager.is_manager) == (
        "Kaisa Koivula",
        "Toimitusjohtaja",
        True,
    )


def test_first_run_language_choice_translates_the_dialog_and_is_remembered(
    ctx, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.shell.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    english_title = dialog.firm_box.title()
    dialog.language.setFocus()
    qtbot.keyClick(dialog.language, Qt.Key.Key_Home)  # suomi
    assert current_language() == "fi"
    assert dialog.firm_box.title() != english_title
    qtbot.keyClicks(dialog.firm_name, "Oy Testi Ab")
    qtbot.keyClicks(dialog.first_name, "Anna")
    qtbot.keyClicks(dialog.last_name, "Laine")
    qtbot.mouseClick(dialog.passphrase_box.not_shared, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    settle()
    assert load_settings().language == "fi"
    with ctx.session() as s:
        assert get_organisation(s).default_language == "fi"  # type: ignore[union-attr]
    setup_i18n("en")


def test_navigation_by_keyboard_and_no_placeholder_pages(main_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    keys = [s.key for s in main_window.specs]
    assert keys[0] == "people" and "settings" in keys
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page() is main_window.pages[keys[1]]
    for page in main_window.pages.values():
        texts = " ".join(w.text() for w in page.findChildren(QLabel)).lower()
        assert "coming soon" not in texts and "placeholder" not in texts


def test_language_switch_in_settings_rebuilds_the_window(main_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = main_window.go_to("settings")
    assert main_window.nav.item(0).text() == "People"
    index = page.language.findData("sv")
    page.language.setCurrentIndex(index)
    assert current_language() == "sv"
    assert load_settings().language == "sv"
    assert main_window.nav.item(0).text() == "Personal"
    setup_i18n("en")


def test_firm_details_are_edited_in_settings(main_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = main_window.go_to("settings")
    assert page.firm_name.text() == "Koivulan Konepaja Oy"
    page.business_id.selectAll()
    qtbot.keyClicks(page.business_id, "123")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.error.isVisible() and "123" in page.error.text()


def test_window_geometry_is_remembered(ctx, firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.shell.main_window import MainWindow

    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(first.width(), first.minimumSizeHint().height() + 37)
    first.move(40, 30)
    QApplication.processEvents()
    chosen = first.height()
    assert chosen != 760  # not the default size
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert second.height() == chosen
