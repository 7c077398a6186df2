"""Passages marked in another reader (wallabag annotations, Instapaper selections, Omnivore
highlights), made safe and brought to one shape: ``{"text", "note", "created"}``."""

from __future__ import annotations

from collections.abc import Iterable

from reader.ingest.formats.items import Highlight
from reader.sanitize import one_line, strip_controls

#: A highlight longer than this is cut: it is a passage, not the article.
MAX_CHARS = 20_000


def highlight(text: object, note: object = None, created: str | None = None) -> Highlight | None:
    """One highlight from untrusted fields; None when it marks no text."""
    quoted = _block(text)
    if not quoted:
        return None
    return {"text": quoted, "note": _block(note) or None, "created": created}


def kept(found: Iterable[Highlight | None]) -> tuple[Highlight, ...]:
    """The highlights that mark some text, repeats left out, in their order."""
    seen: set[tuple[str | None, str | None]] = set()
    out: list[Highlight] = []
    for item in found:
        if item is None or (item["text"], item["note"]) in seen:
            continue
        seen.add((item["text"], item["note"]))
        out.append(item)
    return tuple(out)


def _block(value: object) -> str:
    """Text kept with its paragraphs: controls removed, each line's spaces tidied."""
    if not isinstance(value, str):
        return ""
    lines = (one_line(line) for line in strip_controls(value[:MAX_CHARS]).split("\n"))
    return "\n".join(lines).strip()
