"""The user's settings as the app and its screens share them: read live, saved on change.

The app makes one ``Settings`` and hands it to each screen, so a screen reads the sort order
or the read-marking mode without reaching into the app, and a change made anywhere (the
palette, ``s``, a theme) is seen everywhere at once.
"""

from __future__ import annotations

from pathlib import Path

from reader.config import Config, save_config


class Settings:
    """The current ``Config`` and where it is saved (None: not saved, as in tests)."""

    def __init__(self, config: Config, path: Path | None = None) -> None:
        self.config = config
        self.path = path

    def change(self, **changes: object) -> str | None:
        """Change settings and save them; returns why saving failed, if it did."""
        self.config = self.config.but(**changes)
        if self.path is None:
            return None
        try:
            save_config(self.config, self.path)
        except OSError as error:
            return f"Settings not saved: {error}"
        return None
