"""Highlights as an article's state document keeps them: a list under ``highlights``.

Each is ``{"id", "quote", "prefix", "suffix", "note", "created"}``: the passage's text with a
little of the text before and after it (so it can be found again in the body however the
article is laid out or cleaned), the reader's note (or None) and when it was made. They live
in the state document, beside read and bookmark, because they are the reader's own marks:
written by the same small atomic change, and never touched when an article is re-imported.

An entry that is not a highlight (damage, or an edit by hand) is left out when read, never
passed on to the app; the rest of the document stays usable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from reader.store.documents import Doc

#: The key of the list in a state document.
HIGHLIGHTS = "highlights"
Highlight = dict[str, Any]
TEXT_FIELDS = ("id", "quote", "prefix", "suffix", "created")


def is_highlight(mark: object) -> bool:
    """A highlight of the stored shape: text fields are text, the quote is not empty."""
    if not isinstance(mark, dict):
        return False
    if not all(isinstance(mark.get(name), str) for name in TEXT_FIELDS):
        return False
    return bool(mark["quote"]) and isinstance(mark.get("note"), str | None)


def stored(value: object) -> tuple[Highlight, ...]:
    """The highlights a state document's ``highlights`` value holds (others left out)."""
    if not isinstance(value, list):
        return ()
    return tuple(mark for mark in value if is_highlight(mark))


def add(state: Doc, mark: Mapping[str, Any]) -> None:
    """Add ``mark`` (replacing one with the same ID) to a state document."""
    if not is_highlight(dict(mark)):
        raise ValueError("not a highlight: it needs an id, a quote, prefix, suffix and created")
    kept = [old for old in stored(state.get(HIGHLIGHTS)) if old["id"] != mark["id"]]
    state[HIGHLIGHTS] = [*kept, {name: mark.get(name) for name in (*TEXT_FIELDS, "note")}]


def merge(state: Doc, marks: Iterable[Mapping[str, Any]]) -> None:
    """Add the highlights a state document lacks: an import brings only new ones (the same
    ID, or the same passage with the same note, is there already)."""
    have = list(stored(state.get(HIGHLIGHTS)))
    seen = {mark["id"] for mark in have} | {_passage(mark) for mark in have}
    for mark in marks:
        entry = {name: mark.get(name) for name in (*TEXT_FIELDS, "note")}
        if is_highlight(entry) and entry["id"] not in seen and _passage(entry) not in seen:
            have.append(entry)
            seen |= {entry["id"], _passage(entry)}
    if have:
        state[HIGHLIGHTS] = have


def set_note(state: Doc, highlight_id: str, note: str | None) -> bool:
    """Give a highlight a note (None or empty: no note); False when it is not there."""
    marks = [dict(mark) for mark in stored(state.get(HIGHLIGHTS))]
    for mark in marks:
        if mark["id"] == highlight_id:
            mark["note"] = note or None
            state[HIGHLIGHTS] = marks
            return True
    return False


def remove(state: Doc, highlight_id: str) -> bool:
    """Remove a highlight; False when it is not there."""
    marks = list(stored(state.get(HIGHLIGHTS)))
    kept = [mark for mark in marks if mark["id"] != highlight_id]
    if len(kept) == len(marks):
        return False
    if kept:
        state[HIGHLIGHTS] = kept
    else:
        state.pop(HIGHLIGHTS, None)
    return True


def _passage(mark: Mapping[str, Any]) -> str:
    """What makes two highlights the same: the passage, where it is, and the note."""
    return "\x00".join(str(mark.get(name) or "") for name in ("quote", "prefix", "suffix", "note"))
