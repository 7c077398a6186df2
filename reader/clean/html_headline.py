"""The article's headline: the page's visible heading that its own title names.

A page's ``<title>`` (and its ``og:title``) usually carries more than the headline: the
site's name, a section, a kicker ("Headline | Site", "Section - Headline"), and
sometimes an editorial variant of it. The headline a reader sees is a heading on the
page, so the headline is the heading (``h1`` to ``h4``) that the title names — the
whole title, one of its parts, or the title with a kicker in front — preferring the one
nearest above the article, then an ``h1``; a page with a single ``h1`` and no such match
has its headline there. Only when no heading fits is the title itself used, without the
site's name. A kicker that opens a heading in an element of its own ("<span
class="kicker">") is no part of the headline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.clean.html_text import norm
from reader.clean.prose import visible
from reader.lazy_pattern import LazyPattern

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]

#: Headings longer than this (words) are paragraphs set large, not headlines.
MAX_HEADLINE_WORDS = 40
#: A title part shorter than this (words) is not matched inside a longer heading.
KICKER_MATCH_WORDS = 3
#: A heading contained in the title needs at least this many words.
PART_MATCH_WORDS = 3
#: A heading further than this many page blocks above the article is not "near" it.
NEAR_BLOCKS = 30

#: What separates a title's parts: " | ", " - ", " – ", " » ", " / ", " · ", " :: ".
_PART_SEPARATOR = LazyPattern(r"\s+(?:[|–—»/·•]|-{1,2}|::)\s+|\s*[|»•]\s*")
_WORD = LazyPattern(r"\w+")


class Heading:
    """One heading of the page: its level, its text as shown, its words as a key, and the
    headline it gives: its text less a kicker set in an element of its own."""

    __slots__ = ("headline", "key", "level", "text")

    def __init__(self, level: int, text: str, headline: str | None = None) -> None:
        self.level = level
        self.text = text
        self.headline = headline or text
        self.key = words_key(text)


def words_key(text: str) -> str:
    """Lower-case words, space-separated and padded: ``" a b "`` is found in ``" x a b "``."""
    return f" {' '.join(_WORD.regex.findall(text.lower()))} "


def page_headings(tree: _Element) -> list[Heading]:
    """The page's ``h1`` to ``h4`` in page order, text normalised, labels left out."""
    from reader.clean.boilerplate import boilerplate_reason

    headings = []
    for element in tree.iter("h1", "h2", "h3", "h4"):
        text = norm(visible(_shown_text(element)))
        words = len(text.split())
        if not text or words > MAX_HEADLINE_WORDS or boilerplate_reason(text):
            continue
        headings.append(Heading(int(element.tag[1]), text, _after_kicker(element)))
    return headings


#: Classes of text set for screen readers only: "<span class="element-invisible"> |
#: Site</span>" ends a heading with the site's name no reader sees.
_HIDDEN_CLASSES = frozenset(
    {"element-invisible", "visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text"}
)


def _shown_text(element: _Element) -> str:
    """The element's text as shown: without what it sets for screen readers only."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and _HIDDEN_CLASSES.isdisjoint(
            (child.get("class") or "").lower().split()
        ):
            parts.append(_shown_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


#: Elements a heading sets its kicker in ("<span class="kicker">Climate</span>"); not
#: emphasis, which may open a headline ("<i>Dune</i> review: ...").
_KICKER_TAGS = frozenset({"span", "div", "small", "strong", "p"})
#: A kicker is a label of a few words; the headline after it has a few words or more.
KICKER_WORDS = 6
HEADLINE_AFTER_KICKER_WORDS = 3


def _after_kicker(heading: _Element) -> str | None:
    """The heading's text after a kicker that opens it in an element of its own with a
    class ("<h1><span class="kicker">Climate</span>: <span>Drilling until it gets
    hot</span></h1>"), or None when it has none: the headline a reader knows the article
    by, which the page's title names without the kicker as often as with it."""
    if (heading.text or "").strip():
        return None  # text comes first: no kicker opens it
    first = next((child for child in heading if isinstance(child.tag, str)), None)
    if first is None or first.tag not in _KICKER_TAGS or not first.get("class"):
        return None
    kicker = norm(visible(_shown_text(first)))
    if not kicker or len(kicker.split()) > KICKER_WORDS:
        return None
    parts = [first.tail or ""]
    for sibling in first.itersiblings():
        parts.append(_shown_text(sibling) if isinstance(sibling.tag, str) else "")
        parts.append(sibling.tail or "")
    rest = norm(visible(" ".join(parts))).lstrip(":|–—- ").strip()
    if rest[:1].islower() or len(rest.split()) < HEADLINE_AFTER_KICKER_WORDS:
        return None  # "<span>Row</span> over the plans": the headline's own opening words
    return rest


def headline(
    headings: list[Heading],
    titles: list[str],
    source: str | None,
    block_keys: list[str] | None = None,
    body_start: int | None = None,
) -> str | None:
    """The headline among ``headings`` that the page's ``titles`` name, or None.

    ``block_keys`` (``words_key`` of the page's blocks) and ``body_start`` (the index of
    the article's first block among them), when given, rank headings by how near above
    the article they stand.
    """
    site = words_key(source) if source else None
    candidates = [h for h in headings if h.key != site and h.key.strip()]
    if not candidates or not titles:
        return _single_h1(candidates)
    whole = [words_key(title) for title in titles]
    parts = [words_key(part) for title in titles for part in _parts(title)]
    ranked = _ranked(candidates, block_keys, body_start)
    for heading in ranked:
        if heading.key in whole:
            return heading.headline
    for heading in ranked:
        if heading.key in parts and heading.key.count(" ") > 2:
            return heading.headline
    longest = [words_key(max(_parts(title), key=len, default=title)) for title in titles]
    for heading in ranked:
        for named in (*whole, *longest):
            if named.count(" ") > KICKER_MATCH_WORDS and heading.key.endswith(named):
                if heading.headline != heading.text:
                    return heading.headline
                return _without_kicker(heading.text, named.count(" ") - 1)
    for heading in ranked:
        if heading.key.count(" ") > PART_MATCH_WORDS and any(heading.key in t for t in whole):
            return heading.headline
    return _single_h1(candidates)


def _parts(title: str) -> list[str]:
    return [part for part in _PART_SEPARATOR.regex.split(title) if part and part.strip()]


def _ranked(
    headings: list[Heading], block_keys: list[str] | None, body_start: int | None
) -> list[Heading]:
    """Headings nearest above the article first (those further than ``NEAR_BLOCKS`` or
    below it all alike), then by level (``h1`` first), page order kept among equals."""
    if block_keys is None or body_start is None:
        return sorted(headings, key=lambda h: h.level)
    above = block_keys[: body_start + 1]

    def distance(heading: Heading) -> int:
        for index in range(len(above) - 1, -1, -1):
            if above[index] == heading.key:
                return min(body_start - index, NEAR_BLOCKS + 1)
        return NEAR_BLOCKS + 1

    return sorted(headings, key=lambda h: (distance(h), h.level))


def _without_kicker(text: str, words: int) -> str:
    """The last ``words`` words of a heading, as written: its text without a kicker."""
    matches = list(_WORD.regex.finditer(text))
    return text[matches[len(matches) - words].start() :].strip()


def _single_h1(headings: list[Heading]) -> str | None:
    """The page's only ``h1``, if it has exactly one."""
    first = [h for h in headings if h.level == 1]
    return first[0].headline if len(first) == 1 else None
