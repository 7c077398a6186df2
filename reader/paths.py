"""Where things live: the library folder and the config file (XDG locations by default)."""

from __future__ import annotations

import os
from pathlib import Path

LIBRARY_ENV = "READER_LIBRARY"
CONFIG_ENV = "READER_CONFIG"


def named_library(option: str | None) -> Path | None:
    """The library the user named: ``--library``, else ``$READER_LIBRARY``; None for neither.

    Both are the user's words for one folder and are treated alike: a named folder that
    does not exist is a typo to report, never a library to make unasked.
    """
    given = option or os.environ.get(LIBRARY_ENV)
    return Path(given).expanduser() if given else None


def default_library() -> Path:
    """The library nobody named: the XDG data folder (``~/.local/share/reader``)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("reader", appauthor=False))


def config_file() -> Path:
    """``$READER_CONFIG``, else ``config.toml`` in the XDG config folder."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("reader", appauthor=False)) / "config.toml"
