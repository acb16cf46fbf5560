"""Settings of this computer's user (language, which database): a small versioned JSON file.

Firm-wide settings live in the database instead (services.firm.get_setting), so
that every seat of a shared server sees the same ones.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from huoltamo_desktop.i18n import DEFAULT_LANGUAGE, LANGUAGES
from huoltamo_desktop.paths import config_dir

SETTINGS_VERSION = 1


@dataclass
class LocalSettings:
    version: int = SETTINGS_VERSION
    language: str = DEFAULT_LANGUAGE
    database: str = ""


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> LocalSettings:
    """The saved settings; defaults when there are none or the file is unreadable.

    A file from a newer version is read for the fields this version knows and
    never written back over (see save_settings).
    """
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return LocalSettings()
    if not isinstance(raw, dict):
        return LocalSettings()
    known = {f.name for f in fields(LocalSettings)}
    values = {k: v for k, v in raw.items() if k in known}
    settings = LocalSettings(**values)
    if settings.language not in LANGUAGES:
        settings.language = DEFAULT_LANGUAGE
    return settings


def save_settings(settings: LocalSettings, path: Path | None = None) -> bool:
    """Write atomically; returns False (and writes nothing) over a newer version's file."""
    path = path or settings_path()
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(existing, dict) and int(existing.get("version", 0)) > SETTINGS_VERSION:
            return False
    except (OSError, ValueError):
        pass
    data = asdict(settings)
    data["version"] = SETTINGS_VERSION
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
