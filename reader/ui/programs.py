"""Handing the article to another program: a command that reads it, or a pager to read it in.

The app steps aside (Textual's ``App.suspend``) so the program has the terminal, and comes
back as it was when the program ends. While it runs, Ctrl+C is the program's: it stops
the program, not reader (as ``system()`` does, reader lets the interrupt pass by). The
text handed over has no control characters: a pager told to pass escapes through
(``less -R``) must not meet an article's. Where the terminal cannot be handed over
(Textual's web server), the program is not started.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import FrameType

from textual.app import App, SuspendNotSupported

from reader.sanitize import strip_controls

NO_TERMINAL = "This terminal cannot be handed to another program."


#: Programs that take the whole screen and leave nothing on it to read when they end
#: (pagers, editors, text browsers): the app comes back at once after them. After any
#: other command (``wc -w``, ``grep -c``...) what it printed stays until Enter is pressed.
FULL_SCREEN = frozenset(
    [
        "less",
        "more",
        "most",
        "pg",
        "bat",
        "batcat",
        "vi",
        "vim",
        "nvim",
        "view",
        "nano",
        "micro",
        "emacs",
        "w3m",
        "lynx",
        "elinks",
    ]
)
#: Programs that print, unless told to page their output with one of these options.
PAGES_WHEN_TOLD = {"glow": ("-p", "--pager"), "mdcat": ("-p", "--paginate")}
RETURN_PROMPT = "\n[reader] press Enter to return"


def pipe_to(app: App[None], command: str, text: str) -> str | None:
    """Run ``command`` (a shell command line) with ``text`` on its standard input; returns
    what went wrong, in a sentence, or None. What a command prints stays on the screen
    until Enter is pressed, unless it is a full-screen program (``FULL_SCREEN``)."""
    data = strip_controls(text).encode("utf-8")
    try:
        with app.suspend(), _interrupts_pass_by():
            result = subprocess.run(command, shell=True, input=data, check=False)
            if leaves_output(command):
                _wait_for_enter()
    except SuspendNotSupported:
        return NO_TERMINAL
    except OSError as error:
        return f"Could not run {command}: {error.strerror or error}"
    if result.returncode == 127:
        return f"{command}: command not found"
    return _ended(command, result.returncode)


def leaves_output(command: str) -> bool:
    """Whether ``command``'s output would be left on the screen for the reader to read
    (it is not one of the full-screen programs, by the name of its first program)."""
    try:
        words = shlex.split(command)
    except ValueError:
        return True
    while words and "=" in words[0] and not words[0].startswith("="):
        words = words[1:]  # VAR=value before the program
    if not words:
        return True
    program = os.path.basename(words[0])
    paging = PAGES_WHEN_TOLD.get(program, ())
    return program not in FULL_SCREEN and not any(word in paging for word in words[1:])


def _wait_for_enter() -> None:
    """Keep the command's output on the screen until Enter (or end of input); nothing to
    wait for when no one types at this terminal."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        return
    try:
        sys.stdout.write(RETURN_PROMPT)
        sys.stdout.flush()
        stdin.readline()
    except (OSError, ValueError):
        return


def pager_command(environ: Mapping[str, str] = os.environ) -> list[str] | None:
    """``$PAGER``, else ``$EDITOR``, else ``less`` when installed; None when there is none."""
    for name in ("PAGER", "EDITOR"):
        words = shlex.split(environ.get(name, ""))
        if words:
            return words
    less = shutil.which("less")
    return [less] if less else None


def page(
    app: App[None], text: str, name: str, environ: Mapping[str, str] = os.environ
) -> str | None:
    """Open ``text`` read-only in the pager, from a private file ``name`` removed afterwards;
    returns what went wrong, in a sentence, or None."""
    command = pager_command(environ)
    if command is None:
        return "No pager: set $PAGER (or $EDITOR)."
    with tempfile.TemporaryDirectory(prefix="reader-") as folder:
        path = Path(folder) / name
        path.write_text(strip_controls(text), encoding="utf-8")
        path.chmod(0o400)
        try:
            with app.suspend(), _interrupts_pass_by():
                result = subprocess.run([*command, str(path)], check=False)
        except SuspendNotSupported:
            return NO_TERMINAL
        except OSError as error:
            return f"Could not run {command[0]}: {error.strerror or error}"
    return _ended(command[0], result.returncode)


def _ended(name: str, status: int) -> str | None:
    """How a program that did not end well ended, in a sentence; None when it did."""
    if status < 0:
        return f"{name} was stopped ({signal.Signals(-status).name})"
    return f"{name} ended with status {status}" if status else None


@contextlib.contextmanager
def _interrupts_pass_by() -> Iterator[None]:
    """Ctrl+C while another program has the terminal interrupts that program only.

    A handler that does nothing (not ``SIG_IGN``, which the program would inherit) keeps
    reader running; the program starts with the default, and stops.
    """
    try:
        previous = signal.signal(signal.SIGINT, _let_pass)
    except ValueError:  # not the main thread: nothing to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _let_pass(signum: int, frame: FrameType | None) -> None:
    """The interrupt was the program's."""
