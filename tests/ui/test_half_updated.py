"""Opening a half-updated file in the window offers the copy made before the interrupted update."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from huoltamo_desktop.storage.database import to_url
from tests.storage.test_interrupted_update import _half_updated_by_an_older_app
from tests.ui.helpers import when_dialog

pytestmark = pytest.mark.gui


def _click_button(label: str) -> object:
    def act(box: QMessageBox) -> None:  # type: ignore[type-arg]
        button = next(b for b in box.buttons() if b.text().replace("&", "") == label)
        button.click()

    return act


def test_the_backup_is_offered_and_put_in_place(tmp_path: Path, qtbot: QtBot, qapp) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.application import _open_or_offer_backup

    path = tmp_path / "firm.sqlite3"
    _half_updated_by_an_older_app(path)
    errors: list[str] = []
    use = _click_button("Use the backup copy")

    def use_then_close_the_notice(box: QMessageBox) -> None:
        use(box)  # type: ignore[operator]
        # The notice that follows names where the half-updated file was kept.
        errors.extend(when_dialog(QMessageBox, lambda notice: notice.accept()))

    errors += when_dialog(QMessageBox, use_then_close_the_notice)  # type: ignore[arg-type]
    engine, _info = _open_or_offer_backup(to_url(path))
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
    assert errors == []
    try:
        with engine.connect() as conn:
            name = conn.execute(text("SELECT name FROM organisation")).scalar()
        assert name == "Koivulan Konepaja Oy"
    finally:
        engine.dispose()
    assert list(tmp_path.glob("firm.half-updated-*.sqlite3")), "the half-updated file is kept"


def test_declining_changes_nothing(tmp_path: Path, qtbot: QtBot, qapp) -> None:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.domain.errors import UserError
    from huoltamo_desktop.ui.application import _open_or_offer_backup

    path = tmp_path / "firm.sqlite3"
    _half_updated_by_an_older_app(path)
    content = path.read_bytes()
    errors = when_dialog(QMessageBox, _click_button("Close the app"))  # type: ignore[arg-type]
    with pytest.raises(UserError):
        _open_or_offer_backup(to_url(path))
    assert errors == []
    assert path.read_bytes() == content
    assert not list(tmp_path.glob("firm.half-updated-*"))
