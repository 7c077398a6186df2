"""trafilatura's body tree as Markdown: its own renderer, plus quotes, plain underlines
and collapsed whitespace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.clean.html_text import SPACE
from reader.clean.html_tree import etree
from reader.lazy_pattern import LazyPattern

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]

#: ``hi`` renditions with no Markdown form; rendered as plain text rather than raw HTML.
_PLAIN_RENDS = {"#u", "#sub", "#sup", "#pre"}


_BLANKS = LazyPattern(r"\n{3,}")


#: trafilatura escapes every ``_``; inside a word CommonMark never reads it as emphasis.
_INTRAWORD_UNDERSCORE = LazyPattern(r"(?<=[^\W_])\\_(?=[^\W_])")


def to_markdown(body: _Element) -> str:
    """Render trafilatura's body tree as Markdown; the tree is consumed.

    trafilatura's own renderer does the work; on top of it, quotes get their ``>``
    (it renders them as plain paragraphs), underline/sub/sup become plain text (it
    writes raw ``<u>`` tags), and whitespace inside paragraphs is collapsed.
    """
    lxml = etree()
    for hi in body.iter("hi"):
        if hi.get("rend") in _PLAIN_RENDS:
            hi.tag = "span"
    lxml.strip_tags(body, "span")
    _collapse_whitespace(body)
    parts: list[str] = []
    run = lxml.Element("body")
    for child in list(body):
        if child.tag != "quote":
            run.append(child)
            continue
        parts.append(_render(run))
        run = lxml.Element("body")
        quote = lxml.Element("body")
        quote.append(child)
        parts.append(_as_quote(_render(quote)))
    parts.append(_render(run))
    markdown = "\n\n".join(part for part in parts if part)
    return _tidy(markdown)


def _render(body: _Element) -> str:
    from trafilatura.xml import xmltotxt

    if not len(body):
        return ""
    text: str = xmltotxt(body, True)
    return _INTRAWORD_UNDERSCORE.regex.sub("_", text).strip()


def _as_quote(markdown: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in markdown.splitlines())


def _collapse_whitespace(body: _Element) -> None:
    """Runs of spaces and newlines inside text become one space, except in code."""
    for element in body.iter():
        if element.tag == "code":
            continue
        if element.text and not _is_code(element):
            element.text = SPACE.regex.sub(" ", element.text)
        if element.tail:
            element.tail = SPACE.regex.sub(" ", element.tail)


def _is_code(element: _Element) -> bool:
    return any(True for _ in element.iterancestors("code"))


def _tidy(markdown: str) -> str:
    """Trim trailing spaces and collapse runs of blank lines."""
    lines = [line.rstrip() for line in markdown.splitlines()]
    return _BLANKS.regex.sub("\n\n", "\n".join(lines)).strip()
