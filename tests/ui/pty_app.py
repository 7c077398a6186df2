"""The real ``reader`` app in a pseudo-terminal: keys in, drawn bytes out, ``kill -9`` at will.

Used to check what a user sees against what is on disk at the moment the process dies:
``tests/ui/test_marks_survive_kill.py`` (a few trials) and
``tests/bench/reliability_marks.py`` (many). ``slow_writes_app.py`` runs the app with every
read or bookmark write delayed, so a screen that runs ahead of the disk is caught every time.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SLOW_WRITES_APP = HERE / "slow_writes_app.py"


class PtyApp:
    """``reader --library LIBRARY`` on a pty of ``size`` (columns, lines)."""

    def __init__(
        self,
        library: Path,
        home: Path,
        *,
        write_delay: float = 0.0,
        size: tuple[int, int] = (120, 30),
    ) -> None:
        master, slave = pty.openpty()
        columns, lines = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(columns),
            "LINES": str(lines),
            "TEXTUAL_ANIMATIONS": "none",
            "PYTHONPATH": str(ROOT),
            "READER_CONFIG": str(home / "config.toml"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_STATE_HOME": str(home / "state"),
        }
        env.pop("READER_EXIT_AFTER_FIRST_ROWS", None)
        command = [sys.executable, str(SLOW_WRITES_APP), str(library), str(write_delay)]
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        #: Everything the app drew so far, decoded.
        self.screen = ""

    def read(self, timeout: float) -> str:
        """What the app draws within ``timeout`` seconds (returns early once it pauses)."""
        drawn = b""
        ready, _, _ = select.select([self.master], [], [], timeout)
        while ready:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the app is gone
                break
            if not chunk:
                break
            drawn += chunk
            ready, _, _ = select.select([self.master], [], [], 0)
        text = drawn.decode("utf-8", "replace")
        self.screen += text
        return text

    def wait_for(self, text: str, timeout: float = 30.0) -> bool:
        """Read until ``text`` is drawn (True) or ``timeout`` passes (False)."""
        deadline = time.monotonic() + timeout
        seen = ""
        while time.monotonic() < deadline:
            seen += self.read(min(0.05, max(0.0, deadline - time.monotonic())))
            if text in seen:
                return True
            if self.process.poll() is not None:
                return False
        return False

    def press(self, key: str) -> None:
        """Type ``key`` (one character)."""
        os.write(self.master, key.encode())

    def kill(self) -> None:
        """``kill -9``, and wait for the process to be gone."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        os.close(self.master)
