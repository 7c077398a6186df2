"""Where things live: the library folder and the config file (XDG locations by default)."""

from __future__ import annotations

import os
from pathlib import Path

LIBRARY_ENV = "READER_LIBRARY"
CONFIG_ENV = "READER_CONFIG"


def default_library() -> Path:
    """``$READER_LIBRARY``, else the XDG data folder (``~/.local/share/reader``)."""
    if os.environ.get(LIBRARY_ENV):
        return Path(os.environ[LIBRARY_ENV]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("reader", appauthor=False))


def config_file() -> Path:
    """``$READER_CONFIG``, else ``config.toml`` in the XDG config folder."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("reader", appauthor=False)) / "config.toml"
