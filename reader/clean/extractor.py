"""Loading the HTML extractor (trafilatura, on lxml), or saying why it cannot load.

The extractor is imported on first use, so that cleaning plain text never pays for it.
When it cannot be imported (a pip too old to resolve the extra that brings jusText's
``lxml_html_clean``, a broken lxml build), every HTML page used to come out empty and be
refused as holding no article: a verdict on the page for a fault of the installation.
Loading fails loudly instead, with the cause, and callers report it as such.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

#: How the reason always starts, so that a command can say it once rather than per page.
UNAVAILABLE = "HTML cleaning unavailable"
#: What the user can do about it.
ADVICE = "reinstall reader with a current pip"
#: Every module the HTML cleaner uses: one that fails alone would fail on the first page.
MODULES = (
    "lxml.etree",
    "lxml.html",
    "htmldate",
    "trafilatura",
    "trafilatura.metadata",
    "trafilatura.utils",
    "trafilatura.xml",
)
#: Causes are cut to this many characters: the reason must stay one readable line.
MAX_CAUSE = 200


class ExtractorUnavailable(RuntimeError):
    """HTML cleaning cannot run in this installation; the message says why, on one line."""


def require_extractor() -> None:
    """Raise ``ExtractorUnavailable`` unless the extractor's modules import."""
    problem = extractor_problem()
    if problem is not None:
        raise ExtractorUnavailable(problem)


@cache
def extractor_problem() -> str | None:
    """Why HTML cleaning cannot run here, as one line, or None when it can.

    Tried once per process: an import that failed fails the same way again.
    """
    for name in MODULES:
        try:
            import_module(name)
        except Exception as error:  # ImportError, or whatever a broken module raises
            return f"{UNAVAILABLE}: {_cause(error)}; {ADVICE}"
    return None


def is_unavailable(reason: str) -> bool:
    """Whether a failure's reason is the extractor's, not the input's."""
    return reason.startswith(f"{UNAVAILABLE}: ")


def _cause(error: Exception) -> str:
    """The error's message on one line, without its closing full stop."""
    text = " ".join(str(error).split()).rstrip(".") or type(error).__name__
    return text if len(text) <= MAX_CAUSE else text[: MAX_CAUSE - 1] + "…"
