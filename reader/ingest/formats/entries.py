"""Reading an export entry by entry: a malformed entry fails alone, named, the rest go on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from reader.ingest.formats import fields
from reader.ingest.formats.items import Failure, Item
from reader.sanitize import one_line


def read_each(labelled: Iterable[tuple[str, Any]], read: Callable[[str, Any], Item]) -> list[Item]:
    """``read(label, entry)`` for each entry; an entry that is not an object, holds a field
    of the wrong kind (``BadField``) or trips the reader fails by its label."""
    items: list[Item] = []
    for label, entry in labelled:
        if not isinstance(entry, dict):
            items.append(Failure(label, "not an entry (expected an object)"))
            continue
        try:
            items.append(read(label, entry))
        except fields.BadField as error:
            items.append(Failure(label, str(error)))
        except RecursionError:
            items.append(Failure(label, "nested too deeply to read"))
        except Exception as error:  # one bad entry never stops the export
            reason = one_line(f"{type(error).__name__}: {error}")
            items.append(Failure(label, f"could not be read ({reason})"))
    return items


def labelled(name: str, entries: Iterable[Any], title_key: str) -> Iterator[tuple[str, Any]]:
    """Each entry with its label: ``export.json: entry 3 ("Its title")``."""
    for number, entry in enumerate(entries, start=1):
        title = entry.get(title_key) if isinstance(entry, dict) else None
        yield entry_label(name, number, title), entry


def entry_label(name: str, number: int, title: object) -> str:
    """How the entry numbered ``number`` is named in messages, by its title if it has one."""
    shown = one_line(title)[:60] if isinstance(title, str) else ""
    return f'{name}: entry {number} ("{shown or "untitled"}")'
