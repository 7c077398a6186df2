"""Every package reader imports is one it declares, not one it gets by chance.

A package that only arrives because another one needs it can leave with that package's
next release, or, as ``lxml_html_clean`` did, with an older pip that resolves the other's
requirements differently.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from project_paths import REPO


def imported_modules() -> set[str]:
    """The top-level names of the modules that reader's code imports."""
    names: set[str] = set()
    for path in (REPO / "reader").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def canonical(name: str) -> str:
    """A distribution name as packaging compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    """The distributions ``pyproject.toml`` names as run-time dependencies."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return {
        canonical(re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0])
        for spec in project["dependencies"]
    }


def test_every_third_party_import_is_declared() -> None:
    distributions = packages_distributions()
    third_party = imported_modules() - set(sys.stdlib_module_names) - {"reader", "__future__"}
    assert {"textual", "lxml", "trafilatura"} <= third_party  # the scan sees the imports
    undeclared = {
        module: distributions.get(module)
        for module in third_party
        if not {canonical(d) for d in distributions.get(module, [])} & declared()
    }
    assert undeclared == {}
