"""A feed entry's HTML to Markdown: its text, structure and web links, nothing else.

An entry's content is already the article (the feed's author chose it), so it needs no
boilerplate extraction, only conversion: paragraphs, headings, lists, quotes, code,
emphasis and links. Nothing from the HTML passes through as HTML: scripts, styles, forms,
frames and images are dropped, only http(s) and mailto links are kept, relative ones
resolved against the entry's address. Links come out reference-style, as the cleaner
writes them: ``[text]`` in the prose, the ``[text]: url`` definitions apart.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from reader.ingest.formats.fragment import looks_like_html
from reader.net.address import is_web_address

_SKIP = frozenset(
    [
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "form",
        "button",
        "input",
        "select",
        "textarea",
        "noscript",
        "svg",
        "math",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "img",
        "picture",
        "video",
        "audio",
        "source",
        "canvas",
        "map",
        "nav",
    ]
)
_HEADINGS = {"h1": "#", "h2": "##", "h3": "###", "h4": "####", "h5": "#####", "h6": "######"}
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "address",
        "figure",
        "figcaption",
        "blockquote",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "hr",
        "center",
        "details",
        "summary",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "body",
        "html",
    ]
)
_SPACES = re.compile(r"\s+")
#: Characters that would start Markdown syntax in text, escaped with a backslash (the
#: backslash first, so the others' backslashes are not doubled).
_ESCAPED = ("\\", "`", "*", "[", "]")
_LINE_START = re.compile(r"^(#{1,6}\s|>|[-+]\s|\d+[.)]\s)")
#: A fragment that is a whole document (as lxml.html tells them apart): not wrapped.
_FULL_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.I)


class _Writer:
    """Collects blocks of Markdown and the link definitions they refer to."""

    def __init__(self, base: str | None) -> None:
        self.base = base
        self.labels: dict[str, str] = {}
        self.definitions: list[str] = []

    def link(self, text: str, href: str | None) -> str:
        """``[text]`` with its definition recorded, or just ``text`` if the link is not safe."""
        if not href or not text.strip():
            return text
        href = href.strip()
        try:
            absolute = href.startswith(("https://", "http://"))
            url = urljoin(self.base, href) if self.base and not absolute else href
        except ValueError:
            return text
        if not (is_web_address(url) or _is_mail(url)):
            return text
        url = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        label = _SPACES.sub(" ", text).strip()
        key = label.lower()
        known = self.labels.get(key)
        if known is None:
            self.labels[key] = url
            self.definitions.append(f"[{label}]: <{url}>")
            return f"[{label}]"
        if known == url:
            return f"[{label}]"
        number = str(len(self.definitions) + 1)
        self.labels[number] = url
        self.definitions.append(f"[{number}]: <{url}>")
        return f"[{label}][{number}]"

    def blocks(self, element: Any) -> list[str]:
        """The Markdown blocks inside ``element``."""
        out: list[str] = []
        inline: list[str] = []

        def flush() -> None:
            text = " ".join("".join(inline).split())
            inline.clear()
            if text:
                out.append("\\" + text if _LINE_START.match(text) else text)

        if element.text:
            inline.append(_escape(element.text))
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            tag = tag.lower()
            if tag in _SKIP:
                pass
            elif tag in _BLOCKS:
                flush()
                out.extend(self.block(child, tag))
            elif tag == "br":
                inline.append("\n")
                flush()
            else:
                inline.append(self.inline(child, tag))
            if child.tail:
                inline.append(_escape(child.tail))
        flush()
        return out

    def block(self, element: Any, tag: str) -> list[str]:
        """One block element as Markdown blocks."""
        if tag in _HEADINGS:
            text = _SPACES.sub(" ", self.inline_content(element)).strip()
            return [f"{_HEADINGS[tag]} {text}"] if text else []
        if tag in ("ul", "ol"):
            return self.list_items(element, ordered=tag == "ol")
        if tag == "blockquote":
            inner = self.blocks(element)
            return ["\n".join(f"> {line}".rstrip() for line in "\n\n".join(inner).splitlines())]
        if tag == "pre":
            code = "".join(element.itertext()).strip("\n")
            fence = "````" if "```" in code else "```"
            return [f"{fence}\n{code}\n{fence}"] if code.strip() else []
        if tag == "hr":
            return ["---"]
        if tag == "tr":
            cells = [_SPACES.sub(" ", self.inline_content(cell)).strip() for cell in element]
            row = " | ".join(cell for cell in cells if cell)
            return [row] if row else []
        return self.blocks(element)

    def list_items(self, element: Any, *, ordered: bool) -> list[str]:
        lines: list[str] = []
        number = 0
        for child in element:
            if not isinstance(child.tag, str) or child.tag.lower() in _SKIP:
                continue
            number += 1
            marker = f"{number}." if ordered else "-"
            inner = self.blocks(child)
            if not inner:
                continue
            first, *rest = "\n\n".join(inner).splitlines() or [""]
            lines.append(f"{marker} {first}")
            lines.extend(f"   {line}" if line else "" for line in rest)
        return ["\n".join(lines)] if lines else []

    def inline_content(self, element: Any) -> str:
        parts = [_escape(element.text or "")]
        for child in element:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag == "br":
                parts.append(" ")
            elif tag not in _SKIP:
                parts.append(self.inline(child, tag))
            parts.append(_escape(child.tail or ""))
        return "".join(parts)

    def inline(self, element: Any, tag: str) -> str:
        """An inline element (and anything nested in it) as Markdown text."""
        if tag in _BLOCKS:
            return " " + self.inline_content(element) + " "
        text = self.inline_content(element)
        if tag == "a":
            return self.link(text, element.get("href"))
        if not text.strip():
            return text
        if tag in ("strong", "b"):
            return _wrap(text, "**")
        if tag in ("em", "i", "cite"):
            return _wrap(text, "*")
        if tag == "code":
            plain = "".join(element.itertext())
            return f"`{plain}`" if "`" not in plain else f"`` {plain} ``"
        return text


def _wrap(text: str, mark: str) -> str:
    """``text`` emphasised, the marks inside the spaces around it (CommonMark needs that)."""
    stripped = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _escape(text: str) -> str:
    # A scan per character beats str.translate, which copies character by character.
    for char in _ESCAPED:
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def _guard_line_start(text: str) -> str:
    """Text that would read as a heading, quote or list item is escaped."""
    return "\n".join("\\" + line if _LINE_START.match(line) else line for line in text.split("\n"))


def _is_mail(url: str) -> bool:
    return url.lower().startswith("mailto:") and "@" in url and " " not in url


def entry_markdown(fragment: str, base: str | None) -> tuple[str, str]:
    """(prose, link definitions) for an entry's HTML (or plain text) fragment."""
    if not fragment.strip():
        return "", ""
    if not looks_like_html(fragment):
        import html

        paragraphs = re.split(r"\n\s*\n", html.unescape(fragment))
        text = "\n\n".join(
            _guard_line_start(_escape(_SPACES.sub(" ", p).strip())) for p in paragraphs if p.strip()
        )
        return text, ""
    body = _parsed(fragment)
    if body is None:
        return "", ""
    writer = _Writer(base)
    prose = "\n\n".join(block for block in writer.blocks(body) if block.strip())
    return prose, "\n".join(writer.definitions)


_parser: list[Any] = []


def _parsed(fragment: str) -> Any | None:
    """The ``body`` element of the fragment read as HTML, or None.

    lxml's own HTML parser, not ``lxml.html``'s: its elements skip a Python-level class
    lookup each, a fifth of the time of a whole conversion. Comments and processing
    instructions are dropped as it reads (they are no text).
    """
    from lxml import etree  # type: ignore[import-untyped]

    if not _parser:
        _parser.append(etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True))
    if not _FULL_DOCUMENT.match(fragment):
        fragment = f"<html><body>{fragment}</body></html>"
    try:
        root = etree.fromstring(fragment, _parser[0])
    except (etree.ParserError, ValueError):
        return None
    return root.find("body") if root is not None else None
