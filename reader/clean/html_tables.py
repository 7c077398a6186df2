"""Tables a page used for its layout, set as the paragraphs they hold.

Old sites lay their pages out in tables: a row of a spacer cell, the article in one cell
and another spacer, or a column of cells one under the other. Rendered as a Markdown
table, the article becomes one long row between empty pipes ("|  | Beate und Norbert
... |  |"). A table of data (scores, prices, dates) has several short cells in most
rows; a table of layout has at most one cell with text in most rows, or a cell holding
a whole paragraph. The cells of a layout table become paragraphs; data tables stay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.textstats import count_words

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]

#: A cell holding more words than this is a paragraph, not a datum.
_PARAGRAPH_WORDS = 40


#: Share of rows with at most one cell of text that makes a table a single column.
_SINGLE_COLUMN_SHARE = 0.7


#: What may stand in a body as a block of its own (trafilatura's element names).
_BLOCKS = frozenset({"p", "head", "list", "quote", "table", "code", "graphic"})


def unwrap_layout_tables(body: _Element) -> None:
    """Replace each layout table in ``body`` (or run of rows trafilatura kept without
    their table) by its cells' text, as blocks; data tables stay as they are."""
    from reader.clean.html_tree import etree

    lxml = etree()
    groups: dict[_Element, list[_Element]] = {}
    for row in body.iter("row"):
        parent = row.getparent()
        if parent is not None:
            groups.setdefault(parent, []).append(row)
    for holder, rows in groups.items():
        if not _is_layout(rows):
            continue
        for row in rows:
            blocks = [block for cell, _ in _texts(row) for block in _as_blocks(cell, lxml.Element)]
            _replace(row, blocks)
        parent = holder.getparent()
        if holder.tag == "table" and parent is not None:
            _replace(holder, list(holder))


def _replace(element: _Element, blocks: list[_Element]) -> None:
    """Put ``blocks`` where ``element`` stands, and take it out (its tail stays)."""
    parent = element.getparent()
    if parent is None:
        return
    position = parent.index(element)
    for offset, block in enumerate(blocks):
        parent.insert(position + offset, block)
    tail = element.tail
    parent.remove(element)
    if tail and tail.strip():
        if blocks:
            blocks[-1].tail = (blocks[-1].tail or "") + tail
        elif position:
            before = parent[position - 1]
            before.tail = (before.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _texts(row: _Element) -> list[tuple[_Element, int]]:
    """The row's cells that hold text, with their word counts."""
    found = []
    for cell in row.iterchildren("cell"):
        words = count_words(" ".join(cell.itertext()))
        if words:
            found.append((cell, words))
    return found


def _is_layout(rows: list[_Element]) -> bool:
    """Whether these rows lay a page out rather than set out data."""
    filled = [_texts(row) for row in rows]
    if any(words > _PARAGRAPH_WORDS for cells in filled for _, words in cells):
        return True
    with_text = [cells for cells in filled if cells]
    if not with_text:
        return True  # spacer rows only
    single = sum(1 for cells in with_text if len(cells) <= 1)
    return single >= _SINGLE_COLUMN_SHARE * len(with_text)


def _as_blocks(cell: _Element, element: Callable[[str], _Element]) -> list[_Element]:
    """The cell's content as blocks: its block children as they are, the text around
    them gathered into paragraphs (made with ``element``)."""
    blocks: list[_Element] = []
    loose: _Element | None = None

    def paragraph() -> _Element:
        nonlocal loose
        if loose is None:
            loose = element("p")
            blocks.append(loose)
        return loose

    if cell.text and cell.text.strip():
        paragraph().text = cell.text
    for child in list(cell):
        tail = child.tail
        child.tail = None
        if child.tag in _BLOCKS:
            blocks.append(child)
            loose = None
        else:
            paragraph().append(child)
        if tail and tail.strip():
            holder = paragraph()
            if len(holder):
                holder[-1].tail = (holder[-1].tail or "") + tail
            else:
                holder.text = (holder.text or "") + tail
    return blocks
