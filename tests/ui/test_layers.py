"""The layers point one way: the command line starts the app; the app asks the store.

Checked on the source of every module, so an import that breaks a rule fails here before
anyone has to notice it in a review.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "reader"


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (at the top or inside a function)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def modules(where: Path) -> dict[str, set[str]]:
    return {str(path.relative_to(PACKAGE)): imports(path) for path in where.rglob("*.py")}


def offending(found: dict[str, set[str]], *prefixes: str) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for module, names in found.items()
        for name in names
        if any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)
    )


def test_the_app_touches_neither_the_store_files_nor_the_command_line() -> None:
    assert offending(modules(PACKAGE / "ui"), "tinydb", "sqlite3", "reader.cli") == []


def test_only_the_app_imports_textual() -> None:
    outside = {
        module: names for module, names in modules(PACKAGE).items() if not module.startswith("ui/")
    }
    assert offending(outside, "textual") == []
