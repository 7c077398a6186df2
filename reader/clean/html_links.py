"""The article's links: taken from the page's anchors, marked in the Markdown by their text.

Asking trafilatura for links loses text around them on some pages, so the body is
extracted without them and each anchor's text is found again in the Markdown, kept as a
reference-style ``[text]`` with its ``[text]: <url>`` definition apart: the prose still
reads as prose. Only http(s) and mailto targets are kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.clean.html_text import norm
from reader.lazy_pattern import LazyPattern

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]

#: At most this many links are restored: an article rarely has more, a link farm does.
MAX_LINKS = 200
#: At most this many distinct link texts are collected from the page (menus come first,
#: and the article's links after them).
MAX_ANCHORS = 1000


_LINK_TEXT_OK = LazyPattern(r"^[^\[\]\n]{3,120}$")


def page_anchors(tree: _Element, base: str | None) -> dict[str, list[str]]:
    """Link text → the page's targets for it, in page order, as written.

    Targets are resolved against the page's address only when their text is found in the
    body (``restore_links``): most anchors of a page are menus, and resolving them all
    cost more than a tenth of the cleaning time.
    """
    anchors: dict[str, list[str]] = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href:
            continue
        text = norm(anchor.text_content() or "")
        if not _LINK_TEXT_OK.regex.match(text):
            continue
        targets = anchors.get(text)
        if targets is None:
            if len(anchors) >= MAX_ANCHORS:
                break
            anchors[text] = targets = []
        targets.append(href)
    return anchors


def restore_links(
    markdown: str, anchors: dict[str, list[str]], base: str | None = None
) -> tuple[str, str]:
    """Mark each anchor's text (first whole-word match) as a ``[text]`` link to its first
    safe target, resolved against ``base``.

    Returns the prose and the block of definitions for the links that were found.
    """
    definitions: list[str] = []
    for text, hrefs in anchors.items():
        if len(definitions) >= MAX_LINKS:
            break
        start = _whole_word_find(markdown, text)
        if start < 0:
            continue
        target = next(filter(None, (_safe_target(href, base) for href in hrefs)), None)
        if target is None:
            continue
        end = start + len(text)
        markdown = f"{markdown[:start]}[{text}]{markdown[end:]}"
        definitions.append(f"[{text}]: <{target}>")
    return markdown, "\n".join(definitions)


def _safe_target(href: str, base: str | None) -> str | None:
    """The absolute http(s) or mailto target of ``href``, or None."""
    from urllib.parse import urljoin

    try:
        target = urljoin(base, href) if base else href
    except ValueError:  # "http://[not-an-address]/": a broken link, not a broken page
        return None
    if target.lower().startswith(_SAFE_SCHEMES) and not any(c in target for c in " <>"):
        return target
    return None


def _whole_word_find(haystack: str, needle: str) -> int:
    """Where ``needle`` first stands as whole words outside existing brackets, or -1."""
    start = haystack.find(needle)
    while start >= 0:
        before = haystack[start - 1] if start else " "
        after = haystack[start + len(needle) : start + len(needle) + 1] or " "
        if not (before.isalnum() or before in "[") and not (after.isalnum() or after in "]"):
            return start
        start = haystack.find(needle, start + 1)
    return -1


_SAFE_SCHEMES = ("http://", "https://", "mailto:")
