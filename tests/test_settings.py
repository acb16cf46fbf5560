"""This computer's settings file: saved and read back, a newer version's file refused, a damaged one kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huoltamo_desktop.i18n import LANGUAGES, setup_i18n
from huoltamo_desktop.settings import (
    SETTINGS_VERSION,
    LocalSettings,
    ProblemKind,
    load_settings,
    save_settings,
    settings_path,
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_setting_survives_a_save_and_a_new_start(language: str, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    database = str(tmp_path / "Yhtiö Öberg" / "huoltamo.sqlite3")
    assert save_settings(LocalSettings(language=language, database=database), path)
    again = load_settings(path)
    assert (again.language, again.database, again.problem) == (language, database, None)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == SETTINGS_VERSION


def test_the_first_start_has_defaults_and_no_complaint() -> None:
    assert not settings_path().exists()
    settings = load_settings()
    assert (settings.language, settings.database, settings.problem) == ("fi", "", None)


def test_a_newer_versions_file_is_refused_and_left_exactly_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    newer = {"version": SETTINGS_VERSION + 1, "language": "sv", "database": "/srv/x", "theme": 2}
    path.write_text(json.dumps(newer), encoding="utf-8")
    before = path.read_bytes()

    settings = load_settings(path)
    # Nothing of it is used: this version cannot know what the newer fields mean.
    assert (settings.language, settings.database) == ("fi", "")
    assert settings.problem is not None and settings.problem.kind is ProblemKind.NEWER
    # Choosing a language in this version does not write over the newer file either.
    settings.language = "en"
    assert save_settings(settings, path) is False
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", ["uudempi versio", f"versio {SETTINGS_VERSION + 1}"]),
        ("sv", ["nyare version", f"version {SETTINGS_VERSION + 1}"]),
        ("en", ["newer version", f"version {SETTINGS_VERSION + 1}"]),
    ],
)
def test_the_refusal_is_said_in_the_users_language(
    language: str, words: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": SETTINGS_VERSION + 1}), encoding="utf-8")
    problem = load_settings(path).problem
    assert problem is not None
    setup_i18n(language)
    message = problem.message()
    setup_i18n("en")
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    "content",
    [
        b'{"version": 1, "language": "sv"',  # cut off mid-write
        b"\xff\xfe\x00garbage",  # not text at all
        b'["fi"]',  # JSON, but not settings
        b'{"language": "sv"}',  # no version
        b'{"version": "1", "language": "sv"}',  # a version that is not a number
    ],
)
def test_a_damaged_file_is_kept_aside_and_the_app_starts_with_defaults(
    content: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    settings = load_settings(path)
    assert (settings.language, settings.database) == ("fi", "")
    problem = settings.problem
    assert problem is not None and problem.kind is ProblemKind.DAMAGED
    assert problem.aside is not None and problem.aside.read_bytes() == content
    assert problem.aside.parent == tmp_path and problem.aside.name.startswith("settings.damaged-")
    assert str(problem.aside) in problem.message()
    # The damaged copy is out of the way: the next start is clean and saving works again.
    assert not path.exists()
    assert load_settings(path).problem is None
    assert save_settings(LocalSettings(language="sv"), path)
    assert load_settings(path).language == "sv"


def test_a_second_damaged_file_does_not_replace_the_first_kept_copy(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"{first")
    first = load_settings(path).problem
    path.write_bytes(b"{second")
    second = load_settings(path).problem
    assert first is not None and second is not None
    assert first.aside is not None and second.aside is not None
    assert first.aside != second.aside
    assert first.aside.read_bytes() == b"{first" and second.aside.read_bytes() == b"{second"


def test_values_of_the_wrong_kind_fall_back_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "language": "de", "database": 5}), encoding="utf-8")
    settings = load_settings(path)
    assert (settings.language, settings.database, settings.problem) == ("fi", "", None)
