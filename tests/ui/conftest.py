"""Fixtures for driving the real windows with pytest-qt."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from huoltamo_desktop.services.firm import FirmInput
from huoltamo_desktop.services.people import set_up_firm
from huoltamo_desktop.settings import LocalSettings
from huoltamo_desktop.storage.database import session_scope


@pytest.fixture(autouse=True)
def _ops_finished() -> Iterator[None]:
    """A call started in one test is delivered before the next test (and its database) starts."""
    yield
    from huoltamo_desktop.ui import ops

    assert ops.wait_for_ops(), "a background call did not finish"


@pytest.fixture
def ctx(sqlite_engine: Engine, qapp):  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.context import AppContext

    return AppContext(sqlite_engine, LocalSettings(language="en"), "test.sqlite3")


@pytest.fixture
def firm(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as s:
        set_up_firm(
            s,
            firm=FirmInput(
                name="Koivulan Konepaja Oy", business_id="1572860-0", default_language="fi"
            ),
            manager_first_name="Kaisa",
            manager_last_name="Koivula",
        )


@pytest.fixture
def main_window(ctx, firm, qtbot: QtBot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from huoltamo_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
