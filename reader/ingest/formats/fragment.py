"""HTML fragments from exports and feeds (an entry's content, a saved article body)."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from reader.clean.dispatch import clean_document
from reader.clean.model import Cleaned
from reader.lazy_pattern import LazyPattern

_TAG = LazyPattern(r"<[a-zA-Z][^<>]*+>")
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre"}


class _TextOnly(HTMLParser):
    """Collects text, one paragraph per block element; scripts and styles skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, paragraphs kept, no markup."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    paragraphs = (" ".join(block.split()) for block in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def clean_fragment(fragment: str, *, title: str | None, url: str | None) -> Cleaned:
    """Clean an article body given as HTML; short fragments the cleaner drops keep their text."""
    page = (
        f"<html><head><title>{html.escape(title or '')}</title></head>"
        f"<body><article>{fragment}</article></body></html>"
    )
    cleaned = clean_document(page, "html", url=url)
    if not cleaned.body.strip():
        cleaned.body = plain_text(fragment)
    cleaned.title = title or cleaned.title
    return cleaned


def looks_like_html(text: str) -> bool:
    """True when a feed value carries markup rather than plain text."""
    return _TAG.regex.search(text) is not None
