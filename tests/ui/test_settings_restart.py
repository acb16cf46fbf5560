"""The Settings page across a restart, and a settings file this version cannot use, at start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.domain.people import Sector
from huoltamo_desktop.i18n import current_language, setup_i18n
from huoltamo_desktop.settings import SETTINGS_VERSION, load_settings, settings_path
from huoltamo_desktop.storage.database import make_engine
from huoltamo_desktop.ui.settings.page import SettingsPage
from tests.ui.helpers import settle, type_text

pytestmark = pytest.mark.gui


def _page(engine: Engine, qtbot: QtBot) -> SettingsPage:
    """What a new start of the app shows on the Settings page: settings read from disk."""
    from huoltamo_desktop.ui.context import AppContext

    settings = load_settings()
    setup_i18n(settings.language)
    page = SettingsPage(AppContext(engine, settings, "huoltamo.sqlite3"))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def _choose(qtbot: QtBot, combo: QComboBox, data: object) -> None:
    """Pick an entry of a combo with the arrow keys, as a keyboard user does."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    for _step in range(combo.count()):
        if combo.currentIndex() == target:
            break
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target, f"{combo.objectName()} did not follow the keys"


def _retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(widget, text)


def test_every_setting_on_the_page_survives_a_restart(
    firm: None,
    sqlite_engine: Engine,
    qtbot: QtBot,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    page = _page(sqlite_engine, qtbot)
    _retype(qtbot, page.firm_name, "Åströmin Hitsaamo Oy")
    _retype(qtbot, page.business_id, "0112038-9")
    _choose(qtbot, page.sector, Sector.CONSTRUCTION.value)
    _retype(qtbot, page.staff_size, "37")
    _choose(qtbot, page.default_language, "sv")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle()  # the firm's details are saved off the UI thread
    assert not page.error.isVisible()
    _retype(qtbot, page.idle, "12")
    qtbot.mouseClick(page.idle_save, Qt.MouseButton.LeftButton)
    settle()
    _choose(qtbot, page.language, "sv")  # the last: the page is rebuilt in the new language
    assert current_language() == "sv"

    # Quit and start again: a new engine on the same file, settings read from disk.
    url = sqlite_engine.url
    page.close()
    sqlite_engine.dispose()
    setup_i18n("en")
    engine = make_engine(str(url))
    try:
        again = _page(engine, qtbot)
        assert current_language() == "sv"
        assert again.language.currentData() == "sv"
        assert again.firm_name.text() == "Åströmin Hitsaamo Oy"
        assert again.business_id.text() == "0112038-9"
        assert again.sector.currentData() == Sector.CONSTRUCTION.value
        assert again.staff_size.value() == 37
        assert again.default_language.currentData() == "sv"
        assert again.idle.value() == 12
    finally:
        engine.dispose()
        setup_i18n("en")


def _start(engine: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Start the app as run() does and return the warnings it shows."""
    from huoltamo_desktop.ui.application import start_window
    from huoltamo_desktop.ui.context import AppContext

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(str(a[2])))
    settings = load_settings()
    setup_i18n(settings.language)
    shell = start_window(AppContext(engine, settings, "huoltamo.sqlite3"))
    assert shell.window is not None
    qtbot.addWidget(shell.window)
    qtbot.waitUntil(lambda: bool(warnings), timeout=3000)
    return warnings


def test_a_newer_versions_settings_file_is_refused_at_start_and_left_untouched(
    firm: None,
    sqlite_engine: Engine,
    qtbot: QtBot,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = settings_path()
    path.write_text(
        json.dumps({"version": SETTINGS_VERSION + 4, "language": "en", "window": [1, 2]}),
        encoding="utf-8",
    )
    before = path.read_bytes()
    warnings = _start(sqlite_engine, qtbot, monkeypatch)
    # The app speaks its default language, Finnish, and says why.
    assert current_language() == "fi"
    assert len(warnings) == 1 and "uudempi versio" in warnings[0]
    assert path.read_bytes() == before
    setup_i18n("en")


def test_a_damaged_settings_file_does_not_stop_the_app_and_is_kept_aside(
    firm: None,
    sqlite_engine: Engine,
    qtbot: QtBot,
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = settings_path()
    path.write_bytes(b'{"version": 1, "langu')
    warnings = _start(sqlite_engine, qtbot, monkeypatch)
    kept = [p for p in Path(path.parent).iterdir() if p.name.startswith("settings.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == b'{"version": 1, "langu'
    assert len(warnings) == 1 and str(kept[0]) in warnings[0]
    setup_i18n("en")
