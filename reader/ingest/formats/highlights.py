"""Passages marked in another reader (wallabag annotations, Instapaper selections, Omnivore
highlights), made safe and brought to one shape: ``{"text", "note", "created"}``.

reader's own export also carries where each passage was (``prefix`` and ``suffix``, the
text around it) and its ``id``: kept, so the import finds it exactly where it was."""

from __future__ import annotations

from collections.abc import Iterable

from reader.ingest.formats.items import Highlight
from reader.sanitize import one_line, strip_controls

#: A highlight longer than this is cut: it is a passage, not the article.
MAX_CHARS = 20_000


#: The most characters of context or of an ID kept.
MAX_CONTEXT = 200


def highlight(
    text: object,
    note: object = None,
    created: str | None = None,
    *,
    prefix: object = None,
    suffix: object = None,
    ident: object = None,
) -> Highlight | None:
    """One highlight from untrusted fields; None when it marks no text."""
    quoted = _block(text)
    if not quoted:
        return None
    mark: Highlight = {"text": quoted, "note": _block(note) or None, "created": created}
    if isinstance(prefix, str) or isinstance(suffix, str):
        mark["prefix"] = _context(prefix)
        mark["suffix"] = _context(suffix)
    if isinstance(ident, str) and one_line(ident):
        mark["id"] = one_line(ident)[:MAX_CONTEXT]
    return mark


def _context(value: object) -> str:
    """Text around a passage: one line, its edges kept (they meet the passage)."""
    if not isinstance(value, str):
        return ""
    return "".join(" " if char.isspace() else char for char in strip_controls(value[:MAX_CONTEXT]))


def kept(found: Iterable[Highlight | None]) -> tuple[Highlight, ...]:
    """The highlights that mark some text, repeats left out, in their order (the same words
    at two places, as reader's own export tells them apart, are two highlights)."""
    seen: set[tuple[str | None, ...]] = set()
    out: list[Highlight] = []
    for item in found:
        if item is None:
            continue
        key = (item["text"], item["note"], item.get("prefix"), item.get("suffix"))
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return tuple(out)


def _block(value: object) -> str:
    """Text kept with its paragraphs: controls removed, each line's spaces tidied."""
    if not isinstance(value, str):
        return ""
    lines = (one_line(line) for line in strip_controls(value[:MAX_CHARS]).split("\n"))
    return "\n".join(lines).strip()
