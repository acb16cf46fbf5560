"""Settings of this computer's user (language, which database): a small versioned JSON file.

Firm-wide settings live in the database instead (services.firm.get_setting), so
that every seat of a shared server sees the same ones.

A file this version cannot use is never lost: one written by a newer version is
left exactly as it is (and never written over), a damaged one is kept aside
under another name. Either way the app starts with its defaults and says why
(``LocalSettings.problem``).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from huoltamo_desktop.i18n import DEFAULT_LANGUAGE, LANGUAGES, _
from huoltamo_desktop.paths import config_dir

SETTINGS_VERSION = 1


class ProblemKind(StrEnum):
    NEWER = "newer"
    DAMAGED = "damaged"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class SettingsProblem:
    """Why the settings file on disk was not used; worded when shown, in the language then."""

    kind: ProblemKind
    path: Path
    version: int = 0  # the newer file's version
    aside: Path | None = None  # where a damaged file was kept
    error: str = ""

    def message(self) -> str:
        if self.kind is ProblemKind.NEWER:
            return _(
                "Your settings were saved by a newer version of Työurahuoltamo (settings "
                "version {theirs}; this version reads version {ours}). The file is left as it "
                "is, and this time the app starts with its default settings. Update the app "
                "to use your settings again."
            ).format(theirs=self.version, ours=SETTINGS_VERSION)
        if self.kind is ProblemKind.DAMAGED:
            return _(
                "The settings file was damaged and could not be read. It was kept aside as "
                "{path}, and the app starts with its default settings."
            ).format(path=self.aside or self.path)
        return _(
            "The settings file {path} could not be read ({error}); the app starts with its "
            "default settings."
        ).format(path=self.path, error=self.error)


@dataclass
class LocalSettings:
    version: int = SETTINGS_VERSION
    language: str = DEFAULT_LANGUAGE
    database: str = ""
    # Not saved: why the file on disk was not used, for the window to say once.
    problem: SettingsProblem | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, object]:
        return {"version": SETTINGS_VERSION, "language": self.language, "database": self.database}


def settings_path() -> Path:
    return config_dir() / "settings.json"


def _keep_aside(path: Path) -> Path | None:
    """Rename a damaged settings file out of the way, never over an earlier copy."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    try:
        path.rename(aside)
    except OSError:
        return None
    return aside


def load_settings(path: Path | None = None) -> LocalSettings:
    """The saved settings; defaults (with ``problem`` set) when the file cannot be used.

    A newer version's file is refused and left untouched; a damaged one is kept
    aside as ``settings.damaged-<time>.json``. No settings file at all is simply
    the first start.
    """
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LocalSettings()
    except UnicodeDecodeError:
        text = ""
    except OSError as exc:
        problem = SettingsProblem(ProblemKind.UNREADABLE, path, error=exc.strerror or str(exc))
        return LocalSettings(problem=problem)
    try:
        raw = json.loads(text)
    except ValueError:
        raw = None
    version = raw.get("version") if isinstance(raw, dict) else None
    if not isinstance(raw, dict) or not isinstance(version, int) or isinstance(version, bool):
        damaged = SettingsProblem(ProblemKind.DAMAGED, path, aside=_keep_aside(path))
        return LocalSettings(problem=damaged)
    if version > SETTINGS_VERSION:
        return LocalSettings(problem=SettingsProblem(ProblemKind.NEWER, path, version=version))
    settings = LocalSettings()
    language = raw.get("language")
    if isinstance(language, str) and language in LANGUAGES:
        settings.language = language
    database = raw.get("database")
    if isinstance(database, str):
        settings.database = database
    return settings


def save_settings(settings: LocalSettings, path: Path | None = None) -> bool:
    """Write atomically; returns False (and writes nothing) over a newer version's file."""
    path = path or settings_path()
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
        version = existing.get("version", 0) if isinstance(existing, dict) else 0
        if isinstance(version, int) and version > SETTINGS_VERSION:
            return False
    except (OSError, ValueError):
        pass  # no settings file yet, or an unreadable one: the new settings replace it
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(settings.to_json(), fh, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
