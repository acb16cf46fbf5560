"""Where bundled files live, from a source checkout and from the frozen bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from huoltamo_desktop import APP_ID


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


ROOT = _root()
RESOURCES = ROOT / "resources"
TRANSLATIONS = ROOT / "translations"
MIGRATIONS = Path(__file__).resolve().parent / "storage" / "migrations"
if getattr(sys, "_MEIPASS", None):
    MIGRATIONS = ROOT / "huoltamo_desktop" / "storage" / "migrations"


def data_dir() -> Path:
    """The user's data folder (database, backups); HUOLTAMO_DATA_DIR overrides it."""
    override = os.environ.get("HUOLTAMO_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """The user's settings folder; HUOLTAMO_CONFIG_DIR overrides it."""
    override = os.environ.get("HUOLTAMO_CONFIG_DIR")
    path = (
        Path(override) if override else Path(platformdirs.user_config_dir(APP_ID, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    return data_dir() / "huoltamo.sqlite3"
