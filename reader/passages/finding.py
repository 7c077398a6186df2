"""Highlights against an article's current text: which are still there, and anchoring a
passage that came without context (another service's highlight) to where it is."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from reader.passages.anchor import PlainText, context
from reader.passages.blocks import article_text, readable_blocks


def plain_of(body: str, links: str = "") -> PlainText:
    """An article's plain text as the reading pane shows it."""
    return PlainText(article_text(readable_blocks(body, links)))


def detached(plain: PlainText, marks: Iterable[Mapping[str, Any]]) -> set[str]:
    """The IDs of the highlights whose passage is no longer in the text."""
    return {
        str(mark.get("id"))
        for mark in marks
        if plain.locate(str(mark.get("quote") or ""), mark.get("prefix") or "", mark.get("suffix") or "")
        is None
    }


def anchored(plain: PlainText, quote: str) -> tuple[str, str, str]:
    """``quote`` as the text has it, with the text around it; the quote alone (no context)
    when the text does not hold it."""
    found = plain.locate(quote)
    if found is None:
        return quote, "", ""
    start, end = found
    before, after = context(plain.text, start, end)
    return plain.text[start:end], before, after
