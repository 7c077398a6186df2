"""``reader clean FILE...``: what import would store, printed instead of stored.

Cleaning is CPU work, so with many files the command forks once after its imports and the
two processes clean half the files each; output keeps the order the files were given in.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from reader.sanitize import strip_controls

if TYPE_CHECKING:
    from reader.ingest.formats.items import Failure
    from reader.store.records import NewArticle

#: Below this many files a second process costs more than it saves.
FORK_THRESHOLD = 8


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    """Add the subcommand and its options."""
    parser = commands.add_parser(
        "clean",
        parents=[parent],
        help="clean files without storing them",
        description="Print the title, metadata and cleaned body that import would store.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="JSON Lines, one object per input")
    parser.set_defaults(run=run)


def clean_path(path: str) -> NewArticle | Failure:
    """Read and clean one document file, as import would."""
    from reader.ingest.decode import NotText
    from reader.ingest.files import read_bytes, unreadable_reason
    from reader.ingest.formats.document import read_document
    from reader.ingest.formats.items import Failure
    from reader.store.records import NewArticle

    try:
        data = read_bytes(Path(path))
    except NotText as error:
        return Failure(path, str(error))
    except OSError as error:
        return Failure(path, unreadable_reason(error))
    item = read_document(path, data, origin=str(Path(path).resolve()))
    return item if isinstance(item, NewArticle | Failure) else Failure(path, "not a document")


def as_json(path: str, article: NewArticle) -> dict[str, Any]:
    """The JSON object for one input: what the cleaning benchmark reads."""
    return {
        "path": path,
        "title": article.title,
        "body": article.body,
        "byline": article.author,
        "date": article.date,
        "source": article.source,
        "url": article.url,
        "language": article.language,
        "format": article.raw_format,
        "words": article.words,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
    }


def as_markdown(article: NewArticle) -> str:
    """The cleaned article for people: title, metadata line, body."""
    meta = " · ".join(x for x in (article.source, article.author, article.date, article.url) if x)
    return f"# {article.title}\n\n" + (f"*{meta}*\n\n" if meta else "") + article.body + "\n"


def _render(paths: list[str], as_json_lines: bool) -> Iterator[tuple[bool, bytes]]:
    """(is_failure, bytes to print) for each file, in order."""
    from reader.ingest.formats.items import Failure

    for path in paths:
        item = clean_path(path)
        if isinstance(item, Failure):
            yield True, (strip_controls(str(item)) + "\n").encode()
        elif as_json_lines:
            yield False, orjson.dumps(as_json(path, item)) + b"\n"
        else:
            text = as_markdown(item)
            yield False, (strip_controls(text) if sys.stdout.isatty() else text).encode()


def _in_child(paths: list[str], as_json_lines: bool) -> tuple[int, int]:
    """Fork a process that renders ``paths`` into a pipe; returns (pid, read end)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send, leave without running the parent's cleanup
        status = 0
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                for failed, data in _render(paths, as_json_lines):
                    pipe.write((b"E" if failed else b"O") + len(data).to_bytes(4, "big") + data)
        except BaseException:
            status = 1
        os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(read_end: int, into: list[tuple[bool, bytes]]) -> None:
    """Read the child's records until it closes the pipe."""
    with os.fdopen(read_end, "rb") as pipe:
        while header := pipe.read(5):
            size = int.from_bytes(header[1:], "big")
            into.append((header[:1] == b"E", pipe.read(size)))


def run(args: argparse.Namespace) -> int:
    """Clean each file; failures are one line each on stderr, and exit 1."""
    files: list[str] = args.files
    results: list[tuple[bool, bytes]] = []
    child: tuple[int, threading.Thread] | None = None
    mine = files
    if len(files) >= FORK_THRESHOLD and (os.cpu_count() or 1) > 1:
        middle = len(files) // 2
        mine, theirs = files[:middle], files[middle:]
        pid, read_end = _in_child(theirs, args.json)
        reader = threading.Thread(target=_collect, args=(read_end, results), daemon=True)
        reader.start()
        child = (pid, reader)
    failed = _write(_render(mine, args.json))
    if child is not None:
        pid, reader = child
        reader.join()
        _, status = os.waitpid(pid, 0)
        failed = _write(iter(results)) or failed or status != 0
    return 1 if failed else 0


def _write(records: Iterator[tuple[bool, bytes]]) -> bool:
    """Print records to stdout or stderr; True if any was a failure."""
    failed = False
    for is_failure, data in records:
        if is_failure:
            failed = True
            sys.stdout.buffer.flush()
            sys.stderr.buffer.write(data)
            sys.stderr.flush()
        else:
            sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return failed
