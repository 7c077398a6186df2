"""``reader clean FILE...``: what import would store, printed instead of stored.

Scripts clean pages in batches, so start-up counts. A saved page (text dump, Markdown,
HTML) goes through import's own document reader, without loading the readers of every
other format; anything else import accepts (``.html.gz``, archives, exports, feeds) goes
through import's whole reading code. Either way the output and the reasons given are
import's.

Cleaning is CPU work: with several files the command forks, and the two processes take
files from a shared queue until none are left. Output keeps the order of the files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from json import dumps
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, NoReturn

from reader.article_json import article_json
from reader.ingest.files import input_limit
from reader.ingest.formats.document import read_document
from reader.ingest.formats.items import Failure, Skipped
from reader.ingest.formats.sniff import sniff
from reader.sanitize import strip_controls

if TYPE_CHECKING:
    import argparse

    from reader.cli.main import Subcommands
    from reader.cli.unavailable import UnavailableTally
    from reader.store.records import NewArticle

#: Below this many files a second process costs more than it saves.
FORK_THRESHOLD = 6

#: What one input prints: (where, bytes) for each article, failure or note it gives.
#: ``where`` is ``OUT`` (stdout), ``FAILED`` (stderr; the command fails) or ``NOTE``
#: (stderr: an archive member left out on purpose, as import leaves it).
Records = list[tuple[bytes, bytes]]
OUT, FAILED, NOTE = b"O", b"E", b"N"


def register(commands: Subcommands) -> None:
    """Add the subcommand and its options."""
    parser = commands.add(
        "clean",
        description="Print the title, metadata and cleaned body that import would store.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="JSON Lines, one object per input")
    parser.set_defaults(run=run)


def quick_clean(path: str) -> NewArticle | Failure | None:
    """A saved page read by import's own document reader, without its other readers.

    The article (or the failure) is exactly what import makes of the page, through the
    same ``read_document``; None leaves the input to import's whole reading code:
    containers, compressed files, exports, feeds, and what cannot be read as a file
    within import's limits (so the reason is worded as import words it).
    """
    try:
        status = os.stat(path)
        if not S_ISREG(status.st_mode) or status.st_size > input_limit(path):
            return None  # import's reading code says why (a pipe would block here)
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None
    if not data.strip() or sniff(path, data) != "document":
        return None
    return read_document(path, data, origin=os.path.realpath(path))


def through_import(path: str) -> list[NewArticle | Failure | Skipped]:
    """What import's whole reading code makes of ``path``."""
    from reader.ingest.prepare import prepare_file

    return prepare_file(path)


def as_json(path: str, article: NewArticle) -> dict[str, Any]:
    """The JSON object printed for one article: the input's path, then the article as
    every command writes one (``reader.article_json``), without the raw input."""
    return {"path": path, **article_json(article, article, raw=False)}


def as_markdown(fields: Mapping[str, Any]) -> str:
    """The cleaned article for people: title, metadata line, body."""
    known = (fields["source"], fields["author"], fields["date"], fields["url"])
    meta = " · ".join(x for x in known if x)
    links = f"\n{fields['links']}\n" if fields["links"] else ""
    head = f"# {fields['title']}\n\n" + (f"*{meta}*\n\n" if meta else "")
    return head + f"{fields['body']}\n" + links


def renderer(as_json_lines: bool, terminal: bool) -> Callable[[str], Records]:
    """What prints for one input path, as JSON Lines or as Markdown."""

    def render(path: str) -> Records:
        found = quick_clean(path)
        records: Records = []
        for item in [found] if found is not None else through_import(path):
            if isinstance(item, Failure | Skipped):
                where = FAILED if isinstance(item, Failure) else NOTE
                records.append((where, (strip_controls(str(item)) + "\n").encode()))
            elif as_json_lines:
                # Compact UTF-8 JSON: the bytes orjson would write, without its import cost.
                fields = as_json(path, item)
                line = dumps(fields, ensure_ascii=False, separators=(",", ":")) + "\n"
                records.append((OUT, line.encode()))
            else:
                text = as_markdown(as_json(path, item))
                records.append((OUT, (strip_controls(text) if terminal else text).encode()))
        return records

    return render


def run(args: argparse.Namespace) -> int:
    """Clean each file; failures are one line each on stderr, and exit 1.

    When HTML cleaning cannot load, the HTML files' failures are said once, at the end.
    """
    from reader.cli.unavailable import UnavailableTally

    files: list[str] = args.files
    render = renderer(args.json, sys.stdout.isatty())
    if len(files) >= FORK_THRESHOLD and _cores() > 1:
        results: Iterator[Records] = in_two_processes(len(files), lambda i: render(files[i]))
    else:
        results = map(render, files)
    failed = False
    unavailable = UnavailableTally()
    for records in results:
        failed = _write(records, unavailable) or failed
    sys.stdout.buffer.flush()
    unavailable.say("not cleaned")
    return 1 if failed else 0


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _write(records: Records, unavailable: UnavailableTally) -> bool:
    """Print records to stdout or stderr (or hold them in ``unavailable``); True on failure."""
    failed = False
    for where, data in records:
        if where != OUT:
            if where == FAILED:
                failed = True
                if unavailable.hold_line(data.decode(errors="replace")):
                    continue
            sys.stdout.buffer.flush()
            sys.stderr.buffer.write(data)
            sys.stderr.flush()
        else:
            sys.stdout.buffer.write(data)
    return failed


# ----- two processes sharing a queue -------------------------------------------------

#: Indices per round: 4 bytes each, PIPE_BUF in all, which fits in any new pipe at once.
ROUND = 1024


def in_two_processes(count: int, work: Callable[[int], Records]) -> Iterator[Records]:
    """``work(i)`` for each i below ``count``, in order, shared with a forked process.

    Item 0 is done first, here: the child then inherits what it loaded (the cleaner, its
    compiled patterns) instead of loading it again. The other indices go into a pipe;
    this process and the child each read four bytes to claim the next one, so the faster
    takes more. The child sends its results back through a second pipe. Past ``ROUND``
    items the work goes in rounds, one child each, so the queue is always written whole
    before anyone reads it.
    """
    yield work(0)
    for start in range(1, count, ROUND):
        yield from _round(range(start, min(count, start + ROUND)), work)


def _round(indices: range, work: Callable[[int], Records]) -> Iterator[Records]:
    tasks, task_feed = os.pipe()
    os.write(task_feed, b"".join(index.to_bytes(4, "big") for index in indices))
    os.close(task_feed)
    results, result_feed = os.pipe()
    _widen(result_feed)
    pid = os.fork()
    if pid == 0:
        os.close(results)
        _serve(tasks, result_feed, work)
    os.close(result_feed)
    os.set_blocking(results, False)
    inbox = _Inbox(results)
    ready = indices.start
    while (index := _claim(tasks)) is not None:
        inbox.done[index] = work(index)
        inbox.receive()
        while ready in inbox.done:
            yield inbox.done.pop(ready)
            ready += 1
    os.close(tasks)
    os.set_blocking(results, True)
    inbox.receive()
    os.close(results)
    os.waitpid(pid, 0)
    # Anything the child claimed but never sent back (it died) is done here.
    for index in range(ready, indices.stop):
        yield inbox.done.pop(index) if index in inbox.done else work(index)


def _widen(fd: int) -> None:
    """Give a pipe room for a batch's output (Linux), so the child seldom waits on it."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def _claim(tasks: int) -> int | None:
    """The next index from the queue, or None when it is empty (it is never refilled)."""
    claimed = os.read(tasks, 4)
    return int.from_bytes(claimed, "big") if claimed else None


def _serve(tasks: int, result_feed: int, work: Callable[[int], Records]) -> NoReturn:
    """The child: do claimed items, send each back, leave without the parent's cleanup."""
    status = 0
    try:
        with os.fdopen(result_feed, "wb") as pipe:
            while (index := _claim(tasks)) is not None:
                for where, data in work(index):
                    pipe.write(index.to_bytes(4, "big") + where + len(data).to_bytes(4, "big"))
                    pipe.write(data)
                pipe.write(index.to_bytes(4, "big") + b"D")  # the item is complete
                pipe.flush()
    except BaseException:
        status = 1
    os._exit(status)


class _Inbox:
    """The child's results as they arrive: whole items by index."""

    def __init__(self, results: int) -> None:
        self.results = results
        self.done: dict[int, Records] = {}
        self.partial: dict[int, Records] = {}
        self.buffer = bytearray()

    def receive(self) -> None:
        """Read what the pipe holds (all of it, to the end, when it is blocking)."""
        while True:
            try:
                chunk = os.read(self.results, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                break
            self.buffer += chunk
        self._parse()

    def _parse(self) -> None:
        buffer, at = self.buffer, 0
        while len(buffer) - at >= 5:
            index, kind = int.from_bytes(buffer[at : at + 4], "big"), buffer[at + 4 : at + 5]
            if kind == b"D":
                self.done[index] = self.partial.pop(index, [])
                at += 5
                continue
            if len(buffer) - at < 9:
                break
            size = int.from_bytes(buffer[at + 5 : at + 9], "big")
            if len(buffer) - at - 9 < size:
                break
            data = bytes(buffer[at + 9 : at + 9 + size])
            self.partial.setdefault(index, []).append((bytes(kind), data))
            at += 9 + size
        del buffer[:at]
