"""What every subcommand shares: finding and opening the library, printing safely."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.paths import default_library, named_library
from reader.sanitize import strip_controls

if TYPE_CHECKING:
    from reader.store import Library

#: The largest count an option takes (``--limit``): more than any library holds, and well
#: inside what SQLite's integers and the system can take.
MOST = 1_000_000_000
#: The longest deadline a download may be given: an hour (the default is 30 s).
MOST_SECONDS = 3600.0
#: The most cleaning processes an import starts (each is a whole Python process).
MOST_WORKERS = 256


def whole_number(minimum: int, most: int = MOST) -> Callable[[str], int]:
    """An option's type: a whole number from ``minimum`` to ``most``. What is refused is
    said in words (argparse would name the function that refused it); the ceiling keeps a
    number too large for the index or the system from failing later, with a traceback."""

    def number(text: str) -> int:
        try:
            value: int | None = int(text)
        except ValueError:
            value = None
        if value is None or not minimum <= value <= most:
            raise argparse.ArgumentTypeError(f"must be a whole number from {minimum} to {most}")
        return value

    return number


def seconds(most: float) -> Callable[[str], float]:
    """An option's type: a time in seconds, more than 0 and at most ``most`` (a deadline of
    0 or less would fail every download, and one past the system's clocks would crash)."""

    def number(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not 0 < value <= most:  # NaN fails this too
            raise argparse.ArgumentTypeError(
                f"must be a number of seconds, more than 0 and at most {most:g}"
            )
        return value

    return number


def library_path(args: argparse.Namespace) -> Path:
    """``--library``, else ``$READER_LIBRARY``, else the XDG data folder."""
    return named_library(getattr(args, "library", None)) or default_library()


def open_library(
    args: argparse.Namespace, *, seed: bool = True, create: bool = False, say_created: bool = False
) -> Library:
    """Open the library, creating it (with the samples, when ``seed``) on first use.

    The default library is made whenever it is missing, so a first ``reader list`` shows
    the samples. A folder named with ``--library`` or ``$READER_LIBRARY`` is made only by
    commands that ``create`` (init, import): a mistyped path given to ``list`` or ``mark``
    must not look like a library that lost everything. With ``say_created``, making one is
    reported on stderr.
    """
    from reader.store import Library
    from reader.store.errors import NotALibrary

    named_path = named_library(getattr(args, "library", None))
    path = named_path or default_library()
    named = named_path is not None
    if named and not create and not path.exists():
        raise NotALibrary(f"{path}: no library here (reader init --library {path} creates one)")
    library = Library.open(path)
    if library.created and seed:
        from reader.samples import seed as seed_samples

        report = seed_samples(library)
        for failure in report.failures:  # only a broken installation fails a sample
            warn(str(failure))
    if library.created and named and say_created:
        warn(f"{path}: created a new library")
    _opened.append(library)
    report_warnings()
    return library


#: Libraries this command opened.
_opened: list[Library] = []


def report_warnings() -> None:
    """Print, once, what the opened libraries have warned about so far.

    Damage can be found after opening (a state shard read when marking): the message
    the user is owed then comes when the command ends, not never.
    """
    for library in _opened:
        for warning in library.warnings:
            warn(warning)
        library.warnings.clear()


def warn(message: str) -> None:
    """One line on stderr, made safe for a terminal."""
    print(f"reader: {strip_controls(message)}", file=sys.stderr)


def write_failed(error: OSError, target: Path) -> str:
    """The line for an output file that could not be written: the file the system names
    (a folder on the way may be the one at fault), else ``target``, and why."""
    return f"{error.filename or target}: {error.strerror or error}"


def emit(text: str) -> None:
    """Print article text; escape sequences are removed when the output is a terminal."""
    if sys.stdout.isatty():
        text = strip_controls(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
