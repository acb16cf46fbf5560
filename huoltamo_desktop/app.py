"""Composition root: settings → database → services → QApplication → window.

Kept free of Qt imports itself so that the command line never pays for Qt.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from huoltamo_desktop.i18n import LANGUAGES, setup_i18n
from huoltamo_desktop.paths import default_database
from huoltamo_desktop.settings import load_settings
from huoltamo_desktop.storage.database import display_target, to_url


def make_demo_database(people: int = 40, seed: int = 1) -> Path:
    """A fresh demo firm in a temporary folder; the user's own database is never touched."""
    from huoltamo_desktop.services.demo import build_demo
    from huoltamo_desktop.storage.database import session_scope
    from huoltamo_desktop.storage.migrate import open_database

    path = Path(tempfile.mkdtemp(prefix="huoltamo-demo-")) / "demo.sqlite3"
    engine, _info = open_database(str(path))
    try:
        with session_scope(engine) as session:
            build_demo(session, people=people, seed=seed)
    finally:
        engine.dispose()
    return path


def run_gui(*, db: str | None = None, demo: bool = False, language: str | None = None) -> int:
    """Open the window. Returns the process exit code."""
    settings = load_settings()
    if language in LANGUAGES:
        settings.language = language
    setup_i18n(settings.language)
    if demo:
        target = str(make_demo_database())
    else:
        target = db or settings.database or str(default_database())
    from huoltamo_desktop.ui.application import run

    return run(url=to_url(target), label=display_target(target), settings=settings, demo=demo)
