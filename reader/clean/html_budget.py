"""Bounds on what an HTML page may cost to clean, applied to its source before parsing.

Cleaning time grows with the page's elements and text (trafilatura visits every element,
up to three times when the first pass finds little), and some shapes cost far more than
their size: libxml2, jusText and htmldate compare each attribute of an element with the
others, so one element with 100,000 attributes took 95 s. Real pages are far inside these
bounds (the dev corpus: at most 1,709 elements, 1.4 MB); a page past them is simplified
rather than refused, as its article is nearly always near the top:

- attribute values over ``MAX_ATTRIBUTE_CHARS`` (pictures and fonts inlined as ``data:``
  URIs, a page saved "complete") are emptied, so they neither cost time nor push the
  article past the cut below;
- an element with more than ``MAX_ATTRIBUTES`` attributes keeps none;
- the page is cut after ``MAX_TAGS`` tags or ``MAX_PAGE_CHARS`` characters;
- a page of more than ``RETRY_ELEMENTS`` elements gets one extraction pass, not three.

Every step is one linear scan of the source.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from reader.lazy_pattern import LazyPattern

#: Attribute values longer than this are emptied (no URL or class list is this long).
MAX_ATTRIBUTE_CHARS = 4096
#: Elements with more attributes than this keep none (real elements have a handful).
MAX_ATTRIBUTES = 100
#: Tags kept: about 1 s of cleaning at trafilatura's ~0.08 ms per element.
MAX_TAGS = 12_000
#: Characters kept once scripts and styles are gone: cleaning costs up to 0.8 s per MB.
MAX_PAGE_CHARS = 1_000_000
#: Pages of more elements get only the first extraction pass. The others (a second
#: opinion when the first finds little) triple the time on a page of links and menus.
RETRY_ELEMENTS = 3_000

# A quoted value too long to be anything but inlined data; [^<>] keeps the match inside
# one tag, so article text is never touched.
_LONG_VALUE = LazyPattern(
    rf"""=\s*(?:"[^"<>]{{{MAX_ATTRIBUTE_CHARS},}}"|'[^'<>]{{{MAX_ATTRIBUTE_CHARS},}}')"""
)
# A tag long enough to hold MAX_ATTRIBUTES attributes (each at least ``a=b``).
_LONG_TAG = LazyPattern(rf"<([a-zA-Z][\w:-]*+)[^<>]{{{4 * MAX_ATTRIBUTES},}}>")


def bounded(html: str) -> str:
    """``html`` simplified to fit the bounds above (unchanged when it already does)."""
    if len(html) > MAX_ATTRIBUTE_CHARS:
        html = _LONG_VALUE.regex.sub('=""', html)
    html = _LONG_TAG.regex.sub(_fewer_attributes, html)
    return _cut(html)


def _fewer_attributes(match: re.Match[str]) -> str:
    tag = match.group(0)
    return f"<{match.group(1)}>" if tag.count("=") > MAX_ATTRIBUTES else tag


def _cut(html: str) -> str:
    """The page up to its ``MAX_TAGS``-th tag and at most ``MAX_PAGE_CHARS`` characters."""
    end = min(len(html), MAX_PAGE_CHARS)
    if html.count("<", 0, end) > MAX_TAGS:
        position = -1
        for _ in range(MAX_TAGS + 1):
            position = html.find("<", position + 1)
        end = position
    return html if end == len(html) else html[:end]


def few_elements(tree: Any) -> bool:
    """Whether a parsed page (an lxml tree) is small enough for every extraction pass."""
    return sum(1 for _ in islice(tree.iter(), RETRY_ELEMENTS + 1)) <= RETRY_ELEMENTS
