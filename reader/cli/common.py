"""What every subcommand shares: finding and opening the library, printing safely."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.paths import default_library
from reader.sanitize import strip_controls

if TYPE_CHECKING:
    from reader.store import Library


def library_path(args: argparse.Namespace) -> Path:
    """``--library``, else ``$READER_LIBRARY``, else the XDG data folder."""
    given = getattr(args, "library", None)
    return Path(given).expanduser() if given else default_library()


def open_library(args: argparse.Namespace, *, seed: bool = True) -> Library:
    """Open the library, creating it (with the samples, when ``seed``) on first use."""
    from reader.store import Library

    library = Library.open(library_path(args))
    if library.created and seed:
        from reader.samples import seed as seed_samples

        seed_samples(library)
    for warning in library.warnings:
        warn(warning)
    return library


def warn(message: str) -> None:
    """One line on stderr, made safe for a terminal."""
    print(f"reader: {strip_controls(message)}", file=sys.stderr)


def emit(text: str) -> None:
    """Print article text; escape sequences are removed when the output is a terminal."""
    if sys.stdout.isatty():
        text = strip_controls(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
