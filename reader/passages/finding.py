"""Highlights against an article's current text: which are still there, and anchoring a
passage that came without context (another service's highlight) to where it is."""

from __future__ import annotations

import hashlib
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
        if plain.locate(
            str(mark.get("quote") or ""), mark.get("prefix") or "", mark.get("suffix") or ""
        )
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


def anchored_marks(
    plain: PlainText, found: Iterable[Mapping[str, Any]], now: str
) -> list[dict[str, Any]]:
    """Highlights from elsewhere (``{"text", "note", "created"}``, perhaps with ``prefix``,
    ``suffix`` and ``id``) in the shape the store keeps: each quote anchored in the text
    with the text around it, unless it already says where it was; one the text does not
    hold is kept alone (and listed as detached). ``now`` stands in for a missing time.

    The ID comes from the quote and its time, so anchoring the same highlight twice gives
    the same ID and the store does not keep it twice."""
    marks: list[dict[str, Any]] = []
    for mark in found:
        text = str(mark.get("text") or "")
        if "prefix" in mark or "suffix" in mark:
            quote, prefix, suffix = text, mark.get("prefix") or "", mark.get("suffix") or ""
        else:
            quote, prefix, suffix = anchored(plain, text)
        created = mark.get("created") or now
        ident = mark.get("id") or hashlib.sha256(f"{quote}\0{created}".encode()).hexdigest()[:8]
        marks.append(
            {
                "id": ident,
                "quote": quote,
                "prefix": prefix,
                "suffix": suffix,
                "note": mark.get("note"),
                "created": created,
            }
        )
    return marks
