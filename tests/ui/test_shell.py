"""First-run set-up, navigation, language switch and remembered geometry, driven by keys and clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlmodel import select

from huoltamo_desktop.domain.people import Person
from huoltamo_desktop.i18n import current_language, setup_i18n
from huoltamo_desktop.services.firm import get_organisation
from huoltamo_desktop.settings import load_settings
from tests.ui.helpers import settle

pytestmark = pytest.mark.gui


def _ok(dialog) -> object:  # type: ignore[no-untyped-def]
    return dialog.start_button


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
    assert keys[0] == "home" and "people" in keys and "settings" in keys
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page() is main_window.pages[keys[1]]
    for page in main_window.pages.values():
        texts = " ".join(w.text() for w in page.findChildren(QLabel)).lower()
        assert "coming soon" not in texts and "placeholder" not in texts


def test_language_switch_in_settings_rebuilds_the_window(main_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = main_window.go_to("settings")
    assert main_window.nav.item(1).text() == "People"
    index = page.language.findData("sv")
    page.language.setCurrentIndex(index)
    assert current_language() == "sv"
    assert load_settings().language == "sv"
    assert main_window.nav.item(1).text() == "Personal"
    setup_i18n("en")


def test_firm_details_are_edited_in_settings(main_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    page = main_window.go_to("settings")
    assert page.firm_name.text() == "Koivulan Konepaja Oy"
    page.business_id.selectAll()
    qtbot.keyClicks(page.business_id, "123")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle()  # saved off the UI thread
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


def test_first_run_keeps_its_layout_and_button_label_through_a_language_switch_and_an_error(
    ctx, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.shell.first_run import FirstRunDialog

    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for language, label, down in (
        ("fi", "&Ota sovellus käyttöön", 0),
        ("sv", "&Ta appen i bruk", 1),
    ):
        dialog.language.setFocus()
        qtbot.keyClick(dialog.language, Qt.Key.Key_Home)  # suomi, svenska, English
        for _ in range(down):
            qtbot.keyClick(dialog.language, Qt.Key.Key_Down)
        assert current_language() == language
        QApplication.processEvents()  # Qt's own LanguageChange events are delivered here
        assert dialog.start_button.text() == label
        # An error line must not take its room from the fields.
        dialog.passphrase_box.passphrase.clear()
        qtbot.keyClicks(dialog.passphrase_box.passphrase, "lyhyt")
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        QApplication.processEvents()
        assert dialog.error.isVisible()
        for field in (dialog.passphrase_box.passphrase, dialog.passphrase_box.repeat):
            assert field.height() >= field.sizeHint().height()
        for widget in dialog.findChildren(QLabel):
            if widget.isVisible() and not widget.wordWrap():
                assert widget.width() >= widget.minimumSizeHint().width(), widget.text()
    setup_i18n("en")


def test_window_titles_leave_the_app_name_to_qt(ctx, firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop import APP_NAME
    from huoltamo_desktop.ui.application import make_application
    from huoltamo_desktop.ui.employee.seat import Seat
    from huoltamo_desktop.ui.shell.first_run import FirstRunDialog
    from huoltamo_desktop.ui.shell.main_window import MainWindow

    app = make_application()
    assert app.applicationDisplayName() == APP_NAME  # Qt appends it to every window title
    setup_i18n("fi")
    try:
        seat = Seat(ctx, lambda: MainWindow(ctx))
        qtbot.addWidget(seat)
        dialog = FirstRunDialog(ctx)
        qtbot.addWidget(dialog)
        assert APP_NAME not in seat.windowTitle()
        assert APP_NAME not in dialog.windowTitle()
        seat.open_manager()
        assert seat.windowTitle() == "Koivulan Konepaja Oy"
        seat.idle.stop()
    finally:
        setup_i18n("en")


def test_the_lock_screen_switches_the_apps_language(ctx, firm, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent

    from huoltamo_desktop.ui.employee.seat import Seat
    from huoltamo_desktop.ui.shell.main_window import MainWindow

    seat = Seat(ctx, lambda: MainWindow(ctx))
    qtbot.addWidget(seat)
    seat.show()
    try:
        lock = seat.lock_screen
        assert lock is not None
        assert lock.language.currentData() == "en"
        lock.language.setFocus()
        qtbot.keyClick(lock.language, Qt.Key.Key_Home)  # suomi
        qtbot.waitUntil(lambda: seat.lock_screen is not lock)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert current_language() == "fi" and load_settings().language == "fi"
        relocked = seat.lock_screen
        assert relocked is not None
        texts = " ".join(label.text() for label in relocked.findChildren(QLabel))
        assert "Kuka on koneella?" in texts and "Who is at the computer?" not in texts
        assert relocked.language.currentData() == "fi"
    finally:
        seat.idle.stop()
        setup_i18n("en")


def test_qt_file_dialogs_speak_the_apps_language(qapp, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget

    from huoltamo_desktop.i18n.qt import install_qt_translations
    from huoltamo_desktop.ui.widgets.files import save_file_name
    from tests.ui.helpers import when_dialog

    setup_i18n("fi")
    install_qt_translations("fi")
    seen: list[str] = []
    try:

        def look(dialog: QFileDialog) -> None:
            box = dialog.findChild(QDialogButtonBox)
            assert box is not None
            seen.extend(b.text() for b in box.buttons())
            dialog.reject()

        parent = QWidget()
        qtbot.addWidget(parent)
        errors = when_dialog(QFileDialog, look)
        assert save_file_name(parent, caption="x", start="", filter="PDF (*.pdf)") == ""
        assert errors == []
        # Qt's own dialog, in Finnish (with or without its keyboard mnemonic).
        assert "Tallenna" in [t.replace("&", "") for t in seen]
        assert "Save" not in [t.replace("&", "") for t in seen]
    finally:
        setup_i18n("en")
        install_qt_translations("en")
