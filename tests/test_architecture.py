"""The packages import each other only in the directions docs/ARCHITECTURE.md draws.

Every ``import`` in ``explorer/`` -- at the top of a module or inside a
function -- is read with :mod:`ast`; an import from a package that its owner
may not use fails with the module and line, so a shortcut across layers is
caught the day it is written, not when it has grown into a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXPLORER = REPO / "explorer"

#: Which explorer packages each package may import (besides itself and
#: the standard library and third-party packages). Longest prefix wins.
ALLOWED: dict[str, set[str]] = {
    "explorer.core.events": {"explorer.core.errors", "explorer.i18n"},
    "explorer.core.timeline": {"explorer.core.errors", "explorer.core.events", "explorer.i18n"},
    "explorer.core.library": {
        "explorer", "explorer.core.errors", "explorer.core.events", "explorer.i18n",
        "explorer.paths",
    },
    "explorer.core.library.formats": {
        "explorer", "explorer.core.errors", "explorer.core.events", "explorer.core.library",
        "explorer.i18n", "explorer.paths",
    },
    "explorer.core.geo": {"explorer", "explorer.core.errors", "explorer.paths"},
    "explorer.core.article": {"explorer.core.errors", "explorer.core.events", "explorer.i18n"},
    "explorer.core.errors": set(),
    "explorer.ingest": {
        "explorer.core.errors", "explorer.core.events", "explorer.i18n", "explorer.paths",
    },
    "explorer.i18n": {"explorer.paths"},
    "explorer.paths": set(),
}  # fmt: skip
QT = ("PySide6", "shiboken6")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = (
        module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                # "from explorer.core.library import backup" imports a module
                yield (
                    node.lineno,
                    f"{base}.{alias.name}"
                    if (
                        (EXPLORER.parent / f"{base}.{alias.name}".replace(".", "/"))
                        .with_suffix(".py")
                        .exists()
                    )
                    else base,
                )


def rule_for(module: str) -> tuple[str, set[str]] | None:
    owners = [p for p in ALLOWED if module == p or module.startswith(p + ".")]
    if not owners:
        return None
    owner = max(owners, key=len)
    return owner, ALLOWED[owner]


def inside(target: str, packages: set[str]) -> bool:
    return any(target == p or target.startswith(p + ".") for p in packages)


def test_every_package_imports_only_what_it_may() -> None:
    wrong = []
    for path in sorted(EXPLORER.rglob("*.py")):
        module = module_name(path)
        rule = rule_for(module)
        if rule is None:
            continue  # ui, cli, app: the top layers may use everything below them
        owner, allowed = rule
        for line, target in imports(path):
            if target.startswith(QT):
                wrong.append(f"{path.relative_to(REPO)}:{line} imports Qt ({target})")
            elif target == "explorer" and "explorer" in allowed:
                continue
            elif target.startswith("explorer") and not inside(target, allowed | {owner}):
                wrong.append(f"{path.relative_to(REPO)}:{line} ({owner}) imports {target}")
    assert not wrong, "Imports against the architecture:\n" + "\n".join(wrong)


def test_the_user_interface_never_imports_the_build_pipeline() -> None:
    wrong = [
        f"{path.relative_to(REPO)}:{line} imports {target}"
        for path in sorted((EXPLORER / "ui").rglob("*.py"))
        for line, target in imports(path)
        if target.startswith("explorer.ingest")
    ]
    assert not wrong, "\n".join(wrong)


def module_graph() -> dict[str, set[str]]:
    """Each explorer module and the explorer modules it imports (anywhere in it)."""
    modules = {module_name(path): path for path in EXPLORER.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for _line, target in imports(path):
            # "from explorer.core.events.search import SearchEngine" names the module.
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target.startswith("explorer") and target != module:
                targets.add(target)
        graph[module] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_through_others() -> None:
    # Imports inside functions and under TYPE_CHECKING count too: a cycle there is
    # still two modules that cannot be understood (or typed) one without the other.
    assert cycles(module_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


#: Small modules, one main class each (STYLE.md): a module past this is two.
MAX_LINES = 500


def test_no_module_is_longer_than_500_lines() -> None:
    long = {
        str(path.relative_to(REPO)): n
        for path in sorted(EXPLORER.rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


#: What the core may not call from explorer.i18n: the language the user interface chose.
GLOBAL_LANGUAGE = {"language", "babel_locale", "set_language", "on_language_changed"}


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    return (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def test_the_core_never_reads_the_active_language() -> None:
    """Core output depends on its arguments: text in a language takes ``lang``."""
    wrong = []
    for path in sorted((EXPLORER / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(REPO)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "explorer.i18n":
                wrong += [f"{where}:{node.lineno} imports {a.name}" for a in node.names
                          if a.name in GLOBAL_LANGUAGE]  # fmt: skip
            if isinstance(node, ast.Attribute) and node.attr in GLOBAL_LANGUAGE:
                wrong.append(f"{where}:{node.lineno} uses i18n.{node.attr}")
        for call in _calls(tree):
            name = getattr(call.func, "id", getattr(call.func, "attr", ""))
            if name == "format_number" and len(call.args) + len(call.keywords) < 2:
                wrong.append(f"{where}:{call.lineno} formats a number in the active language")
    assert not wrong, "\n".join(wrong)


def _in_error(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether *node* is part of a raised error or of an error being built."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith("Error"):
            return True
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return False
    return False


def test_events_and_timeline_translate_only_error_messages_with_the_active_language() -> None:
    """Facet titles, dates and axis labels use ``translator(lang)``; ``_()`` is for errors,
    which speak to the person in front of the screen in the language they chose."""
    wrong = []
    for package in ("events", "timeline", "article"):
        for path in sorted((EXPLORER / "core" / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            parents = {c: p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
            wrong += [
                f"{path.relative_to(REPO)}:{call.lineno} {ast.unparse(call)[:60]}"
                for call in _calls(tree)
                if getattr(call.func, "id", "") in ("_", "ngettext")
                and not _in_error(call, parents)
            ]
    assert not wrong, "\n".join(wrong)


#: Inside the user interface: which other ui packages each may use (Qt is fine here).
#: ``ui.plain`` (user and file text shown as plain text) and ``ui.paper`` (SVG and
#: PDF targets) are the bottom: every package may use them, and they use no other
#: part of the window. ``ui.flow`` (a wrapping layout for chips and button rows)
#: is beside them.
UI_ALLOWED: dict[str, set[str]] = {
    "explorer.ui.plain": set(),
    "explorer.ui.paper": set(),
    "explorer.ui.docks": set(),
    "explorer.ui.flow": set(),
    "explorer.ui.timeline": {"explorer.ui.plain", "explorer.ui.paper", "explorer.ui.flow"},
    "explorer.ui.search": {"explorer.ui.timeline", "explorer.ui.plain", "explorer.ui.flow"},
    "explorer.ui.library": {"explorer.ui.search", "explorer.ui.plain", "explorer.ui.flow"},
    "explorer.ui.map": {
        "explorer.ui.search", "explorer.ui.plain", "explorer.ui.paper", "explorer.ui.docks",
    },
    # The reading pane stands alone (the window wires it); it shares the timeline's colours.
    "explorer.ui.reading": {
        "explorer.ui.timeline.colors", "explorer.ui.plain", "explorer.ui.docks",
    },
    # ... and its controller wires it, as the map's does: to the session, the library
    # (notes) and the detail view (glosses).
    "explorer.ui.reading.controller": {
        "explorer.ui.reading", "explorer.ui.search", "explorer.ui.library", "explorer.ui.detail",
        "explorer.ui.plain",
    },
}  # fmt: skip


def test_the_window_s_packages_import_downwards_only() -> None:
    wrong = []
    for package, allowed in UI_ALLOWED.items():
        folder = EXPLORER.joinpath(*package.split(".")[1:])
        files = sorted(folder.rglob("*.py")) if folder.is_dir() else [folder.with_suffix(".py")]
        for path in files:
            if max((p for p in UI_ALLOWED if inside(module_name(path), {p})), key=len) != package:
                continue  # a module with a rule of its own
            for line, target in imports(path):
                if (
                    target.startswith("explorer.ui")
                    and not inside(target, {package})
                    and not inside(target, allowed)
                ):
                    wrong.append(f"{path.relative_to(REPO)}:{line} ({package}) imports {target}")
    assert not wrong, "\n".join(wrong)


def test_every_package_of_the_code_goes_into_the_wheel() -> None:
    # pyproject.toml lists the packages by name; a new folder left out of that
    # list works from the checkout and fails only once installed (the reading
    # pane's did: "No module named 'explorer.ui.reading'").
    import tomllib

    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(REPO).parts) for init in EXPLORER.rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
