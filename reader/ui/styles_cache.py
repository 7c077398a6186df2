"""Textual's line renderer, without the memory it keeps for up to 1024 removed widgets.

Every widget draws its lines through its own ``StylesCache``, which keeps the widget's
rendered lines. ``StylesCache.get_inner_outer`` (two background styles from two colours)
is an ``lru_cache`` on a method, so its key holds the ``StylesCache`` itself: the last 1024
of them stay reachable, each with every line its widget last drew, long after the widget
(a footer key, a notification, a dialog, the help screen) is gone. In a long session that
is megabytes (Textual 8.2.8, issue Textualize/textual#6665). The styles depend only on
the colours, so here they are cached on the colours alone.
"""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style

#: Textual's own method, kept so a test can tell when upstream no longer pins instances
#: (``tests/ui/test_memory.py``): this module goes then.
TEXTUAL_GET_INNER_OUTER = StylesCache.__dict__.get("get_inner_outer")


@lru_cache(maxsize=1024)
def inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """The background inside a widget (its own over what is beneath) and outside it."""
    return Style(background=base_background + background), Style(background=base_background)


def _get_inner_outer(
    self: StylesCache, base_background: Color, background: Color
) -> tuple[Style, Style]:
    return inner_outer(base_background, background)


def stop_pinning_styles_caches() -> None:
    """Make ``StylesCache.get_inner_outer`` cache on colours only, and free what it pinned.

    Does nothing when Textual no longer caches on the instance (the issue fixed upstream).
    """
    cache_clear = getattr(TEXTUAL_GET_INNER_OUTER, "cache_clear", None)
    if cache_clear is None:
        return
    cache_clear()
    StylesCache.get_inner_outer = _get_inner_outer  # type: ignore[method-assign,assignment]
