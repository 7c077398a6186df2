"""Highlights an earlier release kept in the metadata document, moved into the state.

That release stored the highlights an import brought (wallabag annotations, Instapaper
selections, Omnivore highlights) in each article's metadata document, as
``{"text", "note", "created"}``, and showed none of them. They belong in the state
document, where the app and ``reader highlights`` read them: the first time such a library
is opened for writing, each is anchored in its article's text and moved there, in one
change with the metadata that loses it; the manifest then records that this was done, so
later openings do not look again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reader.store.documents import Doc
from reader.store.highlights import Highlight

#: The key the earlier release used in a metadata document.
KEY = "highlights"
#: What the manifest lists under ``upgraded`` once the move is done.
UPGRADE = "highlights-in-state"


def held(doc: Mapping[str, Any]) -> bool:
    """Whether a metadata document still holds highlights of the earlier release."""
    return KEY in doc


def without(doc: Mapping[str, Any]) -> Doc:
    """The metadata document without them."""
    return {name: value for name, value in doc.items() if name != KEY}


def moved(doc: Mapping[str, Any], body: str, links: str, now: str) -> list[Highlight]:
    """The document's highlights as the state keeps them, anchored in the article's text
    (entries that mark no text are left out: they were never highlights)."""
    found = doc.get(KEY)
    entries = [
        mark
        for mark in (found if isinstance(found, list) else [])
        if isinstance(mark, dict)
        and isinstance(mark.get("text"), str)
        and mark["text"].strip()
        and isinstance(mark.get("note"), str | None)
        and isinstance(mark.get("created"), str | None)
    ]
    if not entries:
        return []
    from reader.passages.finding import anchored_marks, plain_of  # Markdown: only when needed

    return anchored_marks(plain_of(body, links), entries, now)
