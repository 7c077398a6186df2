"""CSV lists of saved links: Instapaper's export, Pocket's newer one, and any with a ``url``
column. Each row is read alone: a broken row fails by its line number, the rest go on."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from reader.ingest.decode import decode
from reader.ingest.formats.instapaper import instapaper_row, is_instapaper
from reader.ingest.formats.items import Failure, Item
from reader.ingest.formats.pocket import pocket_row

#: One row to its item: (list name, row label, row by lower-cased column name).
RowReader = Callable[[str, str, dict[str, str]], Item]


def read_csv_list(name: str, data: bytes) -> list[Item]:
    """Every saved link of a CSV list, read by the row reader its header calls for."""
    # newline="": the csv module splits rows itself, so CR, LF and CRLF inside quoted
    # titles stay in the title instead of ending the row.
    rows = csv.DictReader(io.StringIO(decode(data), newline=""))
    try:
        header = rows.fieldnames or []
    except csv.Error as error:
        return [Failure(name, f"not a readable CSV file ({error})")]
    columns = {column.strip().lower(): column for column in header}
    if "url" not in columns:
        return [Failure(name, "CSV file has no 'url' column; not a list of saved links")]
    read_row: RowReader = instapaper_row if is_instapaper(columns) else pocket_row
    items: list[Item] = []
    for number, row in _rows(name, rows, items):
        label = f"{name}: line {number}"
        fields = {key: row.get(column) or "" for key, column in columns.items()}
        items.append(read_row(name, label, fields))
    return items or [Failure(name, "CSV file lists no links")]


def _rows(
    name: str, rows: csv.DictReader[str], failures: list[Item]
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for each row; a broken row fails alone, named by its line."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:  # e.g. a field past the csv module's size limit
            where = f"{name}: line {rows.line_num + 1}"  # the row starts after the last one read
            failures.append(Failure(where, f"unreadable row ({error})"))
            continue
        yield rows.line_num, row
