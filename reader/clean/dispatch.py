"""Pick the cleaner for an input's format. Heavy cleaners are imported only when needed."""

from __future__ import annotations

from reader.clean.model import Cleaned

FORMATS = ("text", "markdown", "html")


def clean_document(text: str, fmt: str, url: str | None = None) -> Cleaned:
    """Clean ``text`` of format ``fmt`` (one of ``FORMATS``)."""
    if fmt == "html":
        from reader.clean.html import clean_html

        return clean_html(text, url=url)
    if fmt == "markdown":
        from reader.clean.markdown import clean_markdown

        return clean_markdown(text)
    if fmt == "text":
        from reader.clean.textdump import clean_text_dump

        return clean_text_dump(text)
    raise ValueError(f"unknown format {fmt!r}")
