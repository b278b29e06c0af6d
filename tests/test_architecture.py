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
