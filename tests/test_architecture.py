"""Dependencies point one way: only ui/ (and i18n/qt.py) may import Qt."""

from __future__ import annotations

import ast
import re
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


# Which part of the package may import which. "(root)" is huoltamo_desktop/__init__.py
# (the app's name); "i18n.qt" is the one Qt file of i18n. Anything else is a wrong turn.
ALLOWED: dict[str, set[str]] = {
    "paths": {"(root)"},
    "i18n": {"paths"},
    "settings": {"i18n", "paths"},
    "domain": {"i18n", "paths"},
    "security": {"domain", "i18n", "paths"},
    # Backups are sealed with the manager's key as they are written.
    "storage": {"domain", "i18n", "paths", "security"},
    "reports": {"domain", "i18n", "paths"},
    "services": {"(root)", "domain", "i18n", "paths", "reports", "security", "storage"},
    "commands": {"domain", "i18n", "paths", "services", "storage", "settings"},
    # A report is plain data in, a drawing out: the home page draws its charts with the same code
    # as the printed figures.
    "ui": {
        "(root)",
        "domain",
        "i18n",
        "i18n.qt",
        "paths",
        "reports",
        "services",
        "settings",
        "storage",
    },
    "app": {"i18n", "paths", "services", "settings", "storage", "ui"},
    "cli": {"(root)", "app", "commands", "domain", "i18n", "settings", "storage"},
    "__main__": {"cli"},
}


def _part(module: str) -> str:
    if module.startswith("huoltamo_desktop.i18n.qt"):
        return "i18n.qt"
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "(root)"


def _module_name(path: Path) -> str:
    rel = path.with_suffix("").relative_to(PACKAGE.parent).as_posix().replace("/", ".")
    return rel.removesuffix(".__init__")


def _own_imports(path: Path, modules: set[str]) -> set[str]:
    """The package's own modules that ``path`` imports, also inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if not node.module.startswith("huoltamo_desktop"):
                continue
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("huoltamo_desktop"))
    return found & modules


def test_each_part_imports_only_the_parts_below_it() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        part = "i18n.qt" if rel == "i18n/qt.py" else rel.split("/")[0].removesuffix(".py")
        for module in _imports(path):
            if not module.startswith("huoltamo_desktop"):
                continue
            target = _part(module)
            if target != part and target not in ALLOWED.get(part, set()):
                wrong.append(f"{rel} imports {module}")
    assert not wrong, "imports against the layers:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles() -> None:
    """Every module can be read knowing only the ones it imports: no two lean on each other."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph = {m: _own_imports(p, modules) - {m} for m, p in paths.items()}
    # A package imports its submodules to re-export them; that edge is not a cycle.
    for m in graph:
        graph[m] = {d for d in graph[m] if not d.startswith(m + ".")}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the path, 2 = done

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                cycles.append([*path[path.index(d) :], d])
            elif d not in state:
                visit(d, [*path, d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_own_modules_are_imported_plainly() -> None:
    """No ``try: import … except ImportError`` around the app's own modules: they are always there."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            guards = {
                getattr(h.type, "id", None) for h in node.handlers if isinstance(h.type, ast.Name)
            }
            if not guards & {"ImportError", "ModuleNotFoundError"}:
                continue
            for inner in ast.walk(ast.Module(body=node.body, type_ignores=[])):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith(
                    "huoltamo_desktop"
                ):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders, f"own modules imported under a guard: {offenders}"


def test_the_ui_asks_services_and_never_queries_tables() -> None:
    """Pages call services; a query written in a widget is a query no test without Qt covers."""
    offenders = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("sqlmodel", "sqlalchemy"):
                names = {a.name for a in node.names}
                if names & {"select", "update", "delete", "insert", "func", "text", "col"}:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {sorted(names)}")
            elif (
                isinstance(node, ast.Attribute)
                and node.attr in ("exec", "execute", "get", "add", "delete")
                and isinstance(node.value, ast.Name)
                and node.value.id in ("session", "s")
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} session.{node.attr}")
    assert not offenders, "the UI queries tables itself:\n" + "\n".join(offenders)


# Public service functions that take the session and then positional data, each with why.
# Keep this short: a new entry needs a reason a reviewer would accept.
POSITIONAL_AFTER_SESSION: dict[str, str] = {}


def _takes_a_session(arg: ast.arg) -> bool:
    return arg.annotation is not None and "Session" in ast.unparse(arg.annotation)


def test_service_functions_take_the_session_then_keywords_only() -> None:
    """``def add_person(session: Session, *, scope: Scope, name: str)``: a call names every value.

    A positional ``update_person(session, 12, data)`` reads the same when two ids
    swap places; a keyword call cannot. Registries call their entries the same
    way (``step(session, ctx=ctx)``, ``provider.due(session, today=…, until=…)``),
    so the private functions they register follow the rule as well.
    """
    offenders = []
    for path in sorted((PACKAGE / "services").rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            positional = [*node.args.posonlyargs, *node.args.args]
            if node.name.startswith("_") or not positional:
                continue  # private helpers are not the services' API
            if not _takes_a_session(positional[0]):
                continue
            extra = [a.arg for a in positional[1:]]
            name = f"{rel}:{node.name}"
            if (extra or node.args.vararg) and name not in POSITIONAL_AFTER_SESSION:
                offenders.append(f"{name}({', '.join(['session', *extra])})")
    assert not offenders, (
        "service functions with positional parameters after the session (add `*,`):\n"
        + "\n".join(offenders)
    )


def test_the_keyword_rule_has_no_stale_exceptions() -> None:
    for name in POSITIONAL_AFTER_SESSION:
        rel, func = name.split(":")
        tree = ast.parse((PACKAGE / rel).read_text(encoding="utf-8"))
        assert any(isinstance(n, ast.FunctionDef) and n.name == func for n in tree.body), (
            f"{name} is listed as an exception but no longer exists"
        )


_CATCH_ALL = re.compile(
    r"^\s*except\s*(\(?[^:#]*\bException\b[^:#]*\)?(\s+as\s+\w+)?)?\s*:|suppress\([^)#]*\bException\b"
)


def _unjustified_catch_alls(text: str) -> list[int]:
    """Lines that catch every exception with no comment saying why, on that line or the one above."""
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines, 1):
        if not _CATCH_ALL.search(line):
            continue
        above = lines[number - 2].strip() if number > 1 else ""
        if "#" not in line and not above.startswith("#"):
            found.append(number)
    return found


def test_the_catch_all_check_finds_what_it_should() -> None:
    sample = (
        "try:\n    x()\nexcept Exception:\n    pass\n"  # 3: flagged
        "try:\n    x()\nexcept (ValueError, Exception) as exc:\n    log(exc)\n"  # 7: flagged
        "try:\n    x()\nexcept:\n    pass\n"  # 11: flagged
        "with contextlib.suppress(Exception):\n    x()\n"  # 13: flagged
        "try:\n    x()\nexcept Exception:  # a timer job must not end the app\n    log()\n"
        "# the locking must happen even when the save fails\nwith suppress(Exception):\n    x()\n"
        "try:\n    x()\nexcept BaseException:\n    raise\n"
        "try:\n    x()\nexcept OSError:\n    pass\n"
    )
    assert _unjustified_catch_alls(sample) == [3, 7, 11, 13]


def test_every_catch_all_says_why() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE).as_posix()}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line in _unjustified_catch_alls(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "catch the exceptions you expect, or say why all of them: " + ", ".join(
        offenders
    )
