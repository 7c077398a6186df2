"""Which kind of file an input is: by its extension, checked against its content."""

from __future__ import annotations

import os
import re

from reader.lazy_pattern import LazyPattern

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

# A page opens with an element of its head, after a byte-order mark, an XML declaration
# and comments: some start straight away with a script or a style sheet.
_HTML_START = LazyPattern(
    rb"^(?:\xef\xbb\xbf)?\s*+(?:<\?xml\b[^<>]*+>\s*+)?(?:<!--.*?-->\s*+)*+"
    rb"<(?:!doctype\s+html|html|head|body|meta|article|title|script|style|link)\b",
    re.I | re.S,
)
_HTML_TAGS = LazyPattern(rb"</?(?:p|div|br|a|span|h[1-6]|li|article|section)\b[^<>]*+>", re.I)
_ATX_HEADING = LazyPattern(rb"^#{1,6} \S", re.M)
_FRONT_MATTER = LazyPattern(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n")


def suffix(path: os.PathLike[str] | str) -> str:
    """The file name's extension, lower-cased, as ``PurePath.suffix`` gives it (``""``: none).

    Taking plain strings lets ``reader clean`` detect formats without importing pathlib.
    """
    name = os.path.basename(os.fspath(path))
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def known_extension(path: os.PathLike[str] | str) -> bool:
    """True for files a folder import picks up."""
    return suffix(path) in EXTENSIONS


def detect_format(path: os.PathLike[str] | str, head: bytes) -> str:
    """``text``, ``markdown`` or ``html``, from the extension unless the content says otherwise.

    ``head`` is the start of the file. A ``.txt`` that is really a saved HTML page is HTML;
    a file with no known extension is judged by its content alone.
    """
    by_extension = EXTENSIONS.get(suffix(path))
    looks_html = bool(_HTML_START.regex.match(head)) or len(_HTML_TAGS.regex.findall(head)) >= 8
    if by_extension == "html":
        return "html"
    if looks_html:
        return "html"
    if by_extension:
        return by_extension
    if _FRONT_MATTER.regex.match(head) or _ATX_HEADING.regex.search(head):
        return "markdown"
    return "text"
