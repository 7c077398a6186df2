"""lxml, imported on first use, and the few things the HTML cleaner does to its trees.

Importing lxml (with trafilatura) costs a quarter of a second: cleaning plain text never
pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]


def etree() -> Any:
    """``lxml.etree``, imported on first use (lxml ships no type stubs)."""
    from lxml import etree  # type: ignore[import-untyped]

    return etree


def drop(element: _Element) -> None:
    """Take ``element`` (and its text) out of its tree."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)
