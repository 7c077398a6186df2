"""Which kind of file an input is: by its extension, checked against its content."""

from __future__ import annotations

import re
from pathlib import Path

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

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|article)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"</?(?:p|div|br|a|span|h[1-6]|li|article|section)\b[^>]*>", re.I)
_FRONT_MATTER = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n")


def known_extension(path: Path) -> bool:
    """True for files a folder import picks up."""
    return path.suffix.lower() in EXTENSIONS


def detect_format(path: Path, head: bytes) -> str:
    """``text``, ``markdown`` or ``html``, from the extension unless the content says otherwise.

    ``head`` is the start of the file. A ``.txt`` that is really a saved HTML page is HTML;
    a file with no known extension is judged by its content alone.
    """
    by_extension = EXTENSIONS.get(path.suffix.lower())
    looks_html = bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 8
    if by_extension == "html":
        return "html"
    if looks_html:
        return "html"
    if by_extension:
        return by_extension
    if _FRONT_MATTER.match(head) or re.search(rb"^#{1,6} \S", head, re.M):
        return "markdown"
    return "text"
