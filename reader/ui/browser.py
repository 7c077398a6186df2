"""Opening a checked link in the user's browser, and knowing when none could be started."""

from __future__ import annotations

import webbrowser


def open_in_browser(url: str) -> bool:
    """Hand ``url`` to the system's browser; False when no browser could be started."""
    try:
        return webbrowser.open(url)
    except (webbrowser.Error, OSError):
        return False
