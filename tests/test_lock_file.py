"""The frozen build installs requirements-frozen.txt: it must pin every dependency the app declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    """The distribution name of a requirement, normalised as pip does (PEP 503)."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def test_the_lock_file_pins_every_runtime_and_postgres_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for r in project["optional-dependencies"]["postgres"]}
    pinned: dict[str, str] = {}
    for line in (ROOT / "requirements-frozen.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _sep, version = line.partition("==")
            assert version, f"not pinned to one version: {line}"
            pinned[_name(name)] = version
    missing = sorted(declared - set(pinned))
    assert not missing, f"requirements-frozen.txt lacks {missing}: make it again as its header says"
