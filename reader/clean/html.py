"""HTML page cleaner: trafilatura finds the article, a few generic filters finish the job.

trafilatura measured best on the dev corpus (token 4-gram F1 0.960, 0.964 with
``favor_precision``), so this module does not extract anything itself. It asks
trafilatura for the body as an XML tree and then, on top of it:

- drops the blocks trafilatura still lets through, with a reason for each
  (``html_blocks``);
- renders Markdown with trafilatura's renderer, plus quotes as ``>``, text after
  headings as paragraphs, no raw ``<u>`` tags (``html_markdown``), and marks the
  article's links by their text (``html_links``);
- reads the page's metadata (``html_meta``) and lists what was left out, in page
  order: the dropped blocks and the page text outside the article (``html_left_out``).

Dev corpus, token 4-gram F1: 0.974 (181 pages, none empty).

Speed matters (``reader clean`` must do 40 pages/s on two cores), which shapes these
choices, each measured on the dev corpus:

- trafilatura runs in ``fast`` mode first (half the time of full mode) and tries again
  only when the result is short (see ``_ATTEMPTS``);
- metadata comes from trafilatura's field extractors called one by one, without its
  category, tag and licence searches, its 15 ms author search and htmldate's
  extensive search;
- scripts, styles, SVG and comments are cut from the source before parsing (cheaper
  than parsing them), and the page is parsed once for every step.

lxml and trafilatura are imported inside the functions (``html_tree``) so that cleaning
plain text never pays for them.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from reader.clean.extractor import require_extractor
from reader.clean.html_blocks import filter_blocks
from reader.clean.html_budget import bounded, few_elements
from reader.clean.html_controls import without_control_references
from reader.clean.html_left_out import removed_in_page_order
from reader.clean.html_links import page_anchors, restore_links
from reader.clean.html_markdown import to_markdown
from reader.clean.html_meta import page_metadata
from reader.clean.html_source import NOT_CONTENT, cut_elements
from reader.clean.html_text import first_text, norm
from reader.clean.html_tree import etree
from reader.clean.model import Cleaned, Removed
from reader.lazy_pattern import LazyPattern

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]

#: Pages above this many characters are cut: the article is nearly always near the
#: top. Above the importer's 8 MiB page limit, so that pictures inlined in a saved page
#: do not push its article out; what parsing costs is bounded after scripts and styles
#: are cut (``reader.clean.html_budget``).
MAX_CHARS = 10_000_000

# trafilatura and its helpers log every page they give up on at WARNING/ERROR; with
# no logging set up, Python would print those to stderr. The app's handlers, if any,
# still receive them.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

#: Lone surrogates (from ``surrogateescape`` decoding): libxml2 stopped at the first.
_SURROGATE = LazyPattern(r"[\ud800-\udfff]")
# Regexes over raw pages never scan past the next "<" ([^<]*), so that they stay linear
# on garbage such as a page of unclosed tags.
_TITLE_TAG = LazyPattern(r"<title\b[^<>]*>([^<]*)</title", re.IGNORECASE)


def clean_html(
    html: str, url: str | None = None, *, links: bool = True, outside: bool = False
) -> Cleaned:
    """Return the article in ``html`` as metadata plus a Markdown body.

    With ``links`` (the default) the article's links are kept as reference-style
    Markdown: ``[text]`` in the prose and the ``[text]: url`` definitions in
    ``Cleaned.links``, so the body still reads as prose. Link targets are taken from the
    page's anchors and matched to the extracted text, because asking trafilatura for
    links loses text around them on some pages.

    ``removed`` lists the blocks the filters dropped, with their reasons. With
    ``outside=True`` it also lists the page's text outside the article (menus, teasers,
    footers: often hundreds of short entries), reason "outside article", for a view of
    everything that was left out; that costs about 10% more time.

    Never raises because of what the page contains: empty, non-HTML or broken input
    gives ``body == ""`` (the caller reports it). Raises ``ExtractorUnavailable`` when
    trafilatura or lxml cannot load: a fault of the installation, not of the page.
    """
    html = _sanitize(html)
    if not html or html.isspace():
        return Cleaned(title=None, body="", url=url)
    require_extractor()
    try:
        return _clean(html, url, links, outside)
    except Exception:
        return Cleaned(title=_fallback_title(html), body="", url=url)


def _sanitize(html: object) -> str:
    """Cut huge pages and replace lone surrogates, which libxml2 stops at.

    (libxml2 drops raw control characters; references to them go before parsing.)
    """
    if not isinstance(html, str):
        return ""
    if len(html) > MAX_CHARS:
        html = html[:MAX_CHARS]
    if not html.isascii():
        try:
            html.encode("utf-8")
        except UnicodeEncodeError:
            html = _SURROGATE.regex.sub("\ufffd", html)
    return html


def _clean(html: str, url: str | None, links: bool, outside: bool) -> Cleaned:
    tree = _parse(bounded(cut_elements(html, NOT_CONTENT, keep_json_ld=True)))
    if tree is None:
        return Cleaned(title=_fallback_title(html), body="", url=url)
    meta = page_metadata(tree, url)
    _strip_invisible(tree)
    anchors = page_anchors(tree, meta.url) if links else {}
    cleaned = Cleaned(
        title=meta.title,
        body="",
        byline=meta.byline,
        date=meta.date,
        source=meta.source,
        url=meta.url,
        language=meta.language,
    )
    found = _extract(tree, meta.url, meta.title, False)
    if found is None:
        return cleaned
    body, dropped = found
    cleaned.removed = (
        removed_in_page_order(html, body, dropped, meta.title) if outside else dropped
    )
    cleaned.body, cleaned.links = restore_links(to_markdown(body), anchors)
    return cleaned


def _parse(html: str) -> _Element | None:
    """Parse with trafilatura's loader, which copes with broken and odd markup."""
    from trafilatura.utils import load_html

    tree: _Element | None = load_html(without_control_references(html))
    return tree


#: trafilatura settings tried in turn while the filtered body is shorter than the
#: third value (characters): ``(fast, favor_precision, enough)``.
#: Fast mode first. Full mode (readability, sometimes jusText, as second opinions)
#: when that found under 500 characters: on the dev corpus fast and full mode differed
#: on 6 pages of 181, 5 of them nearly empty in fast mode. Without ``favor_precision``
#: only when nothing was found (a page whose only block was a reprint notice); fast
#: again there, as full mode would build jusText's 100-language stop list (1.2 s).
_ATTEMPTS = (
    (True, True, 500),
    (False, True, 250),
    (True, False, 0),
)


#: A ``<noscript>`` holding more text than this (characters) is the page itself, as
#: shown without JavaScript, not a note asking for it: it stays.
NOSCRIPT_PAGE_CHARS = 500


def _strip_invisible(tree: _Element) -> None:
    """Drop scripts, styles, SVG and comments once metadata (JSON-LD) has been read.

    trafilatura copies and scans the whole tree several times; without these it does
    about 10% less work. ``<noscript>`` goes too, unless it holds the page's text.
    """
    lxml = etree()
    for element in list(tree.iter("noscript")):
        if sum(map(len, element.itertext())) <= NOSCRIPT_PAGE_CHARS:
            element.tag = "script"  # stripped with the scripts below, its tail kept
    lxml.strip_elements(tree, "script", "style", "svg", "template", lxml.Comment, with_tail=False)


def _extract(
    tree: _Element, url: str | None, title: str | None, links: bool
) -> tuple[_Element, list[Removed]] | None:
    """trafilatura's article body, filtered, and the blocks the filters dropped.

    The body is an XML tree of ``p``, ``head``, ``list``, ``quote``, ``table``...;
    see ``_ATTEMPTS`` for the order of the settings tried. The longest result wins.
    """
    from trafilatura import bare_extraction

    best: tuple[_Element, list[Removed]] | None = None
    best_len = -1
    for fast, precision, enough in _ATTEMPTS if few_elements(tree) else _ATTEMPTS[:1]:
        doc: Any = bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_formatting=True,
            include_links=links,
            include_tables=True,
            output_format="txt",  # "python" would also render a text we do not use
            fast=fast,
            favor_precision=precision,
        )
        body: _Element | None = getattr(doc, "body", None)
        if body is None:
            continue
        dropped = filter_blocks(body, title, url)
        length = len(norm(" ".join(body.itertext())))
        if length > best_len:
            best, best_len = (body, dropped), length
        if length >= enough:
            break
    return best


def _fallback_title(html: str) -> str | None:
    """The ``<title>`` text found by a regex, for pages lxml or trafilatura gave up on."""
    match = _TITLE_TAG.regex.search(html[:200_000])
    return first_text(match.group(1)) if match else None


