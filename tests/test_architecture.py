"""Dependencies point one way: only ui/ (and i18n/qt.py) may import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "huoltamo_desktop"
QT_ALLOWED = {"i18n/qt.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _allowed(rel: str) -> bool:
    return rel.startswith("ui/") or rel in QT_ALLOWED


def test_no_qt_outside_the_ui() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if _allowed(rel):
            continue
        if any(name.split(".")[0] == "PySide6" for name in _imports(path)):
            offenders.append(rel)
    assert not offenders, f"PySide6 imported outside ui/: {offenders}"


def test_core_layers_do_not_import_the_ui() -> None:
    offenders = []
    for layer in ("domain", "services", "storage", "security", "reports"):
        for path in (PACKAGE / layer).rglob("*.py"):
            if any(name.startswith("huoltamo_desktop.ui") for name in _imports(path)):
                offenders.append(path.relative_to(PACKAGE).as_posix())
    assert not offenders, f"core imports the ui: {offenders}"


def test_domain_does_not_open_sessions() -> None:
    offenders = []
    for path in (PACKAGE / "domain").rglob("*.py"):
        names = _imports(path)
        if any(
            n.startswith(("huoltamo_desktop.services", "huoltamo_desktop.storage")) for n in names
        ):
            offenders.append(path.relative_to(PACKAGE).as_posix())
    assert not offenders
