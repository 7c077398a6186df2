"""HTML page cleaner: trafilatura finds the article, generic checks and filters finish it.

trafilatura measured best of the extractors tried (scrapinghub token 4-gram F1 0.960,
0.964 with ``favor_precision``), so this module does not extract anything itself. It
asks trafilatura for the body as an XML tree and then, on top of it:

- drops the blocks trafilatura still lets through, with a reason for each
  (``html_blocks``);
- checks the body against the page's own prose (``html_page_text``): a body covering
  little of it is extracted again for recall, and the lead paragraph trafilatura left
  out comes back (``html_recall``);
- renders Markdown with trafilatura's renderer, plus quotes as ``>``, text after
  headings as paragraphs, no raw ``<u>`` tags (``html_markdown``), and marks the
  article's links by their text (``html_links``);
- reads the page's metadata (``html_meta``) and lists everything that did not reach
  the body, in page order: the dropped blocks and the text the extractor left out
  (``html_left_out``).

Every rule on top of trafilatura was kept only where it helped on one development
corpus and cost the other nothing; ``tests/bench/bench_clean.py`` prints the figures
beside trafilatura's own.

Speed matters (``reader import`` must do 50 pages/s on two cores), which shapes these
choices:

- trafilatura runs in ``fast`` mode first (half the time of full mode) and tries again
  only when the result is short (see ``_ATTEMPTS``) or covers little of the page;
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
from reader.clean.html_blocks import drop_repeated_title, filter_blocks
from reader.clean.html_budget import bounded, few_elements
from reader.clean.html_controls import without_control_references
from reader.clean.html_headline import headline, page_headings
from reader.clean.html_left_out import removed_in_page_order
from reader.clean.html_links import page_anchors, restore_links
from reader.clean.html_markdown import to_markdown
from reader.clean.html_meta import PageMeta, page_metadata
from reader.clean.html_page_text import PageText
from reader.clean.html_recall import body_start, lead_paragraph, recall_is_better, wants_recall
from reader.clean.html_source import NOT_CONTENT, cut_elements
from reader.clean.html_tables import unwrap_layout_tables
from reader.clean.html_text import first_text, norm
from reader.clean.html_tree import etree
from reader.clean.model import Cleaned, Removed
from reader.clean.prose import text_key
from reader.clean.title_text import tidy_title
from reader.lazy_pattern import LazyPattern
from reader.textstats import count_words

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


def clean_html(html: str, url: str | None = None, *, links: bool = True) -> Cleaned:
    """Return the article in ``html`` as metadata plus a Markdown body.

    With ``links`` (the default) the article's links are kept as reference-style
    Markdown: ``[text]`` in the prose and the ``[text]: url`` definitions in
    ``Cleaned.links``, so the body still reads as prose. Link targets are taken from the
    page's anchors and matched to the extracted text, because asking trafilatura for
    links loses text around them on some pages.

    ``removed`` lists, in page order, everything of the page that did not reach the body:
    the blocks the filters dropped, with their reasons, and the text the extractor left
    out (menus, teasers, footers, prose it passed over), "left out by the extractor".

    Never raises because of what the page contains: empty, non-HTML or broken input
    gives ``body == ""`` (the caller reports it). Raises ``ExtractorUnavailable`` when
    trafilatura or lxml cannot load: a fault of the installation, not of the page.
    """
    html = _sanitize(html)
    if not html or html.isspace():
        return Cleaned(title=None, body="", url=url)
    require_extractor()
    try:
        return _clean(html, url, links)
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


def _clean(html: str, url: str | None, links: bool) -> Cleaned:
    tree = _parse(bounded(cut_elements(html, NOT_CONTENT, keep_json_ld=True)))
    if tree is None:
        return Cleaned(title=_fallback_title(html), body="", url=url)
    meta = page_metadata(tree, url)
    _strip_invisible(tree)
    anchors = page_anchors(tree, meta.url) if links else {}
    cleaned = Cleaned(
        title=tidy_title(meta.title) if meta.title else None,
        body="",
        byline=meta.byline,
        date=meta.date,
        source=meta.source,
        url=meta.url,
        language=meta.language,
    )
    page = PageText(html)
    found = _with_recall(tree, meta, page, _extract(tree, meta.url, meta.title))
    if found is None:
        return cleaned
    body, dropped = found
    body_key = _body_key(body)
    lead = lead_paragraph(page, body_key, meta.description, meta.title)
    if lead:
        body.insert(0, _paragraph(lead))
    title = _headline(tree, meta, page, body_key)
    if title and title != meta.title:
        cleaned.title = tidy_title(title)
        dropped.extend(drop_repeated_title(body, title))
    cleaned.removed = removed_in_page_order(page, body, dropped, cleaned.title)
    cleaned.body, cleaned.links = restore_links(to_markdown(body), anchors, meta.url)
    return cleaned


def _with_recall(
    tree: _Element, meta: PageMeta, page: PageText, found: Extracted | None
) -> Extracted | None:
    """The body, or a recall extraction when the body covers little of the page's prose;
    never a body without text while the page has some (``_last_resort``)."""
    share = page.prose_share(_body_key(found[0])) if found is not None else 0.0
    if wants_recall(share):
        recall = _extract_once(tree, meta.url, meta.title, fast=False, precision=False)
        if recall is not None and recall_is_better(share, page.prose_share(_body_key(recall[0]))):
            found = recall
    if found is not None and _has_text(found[0]):
        return found
    return _last_resort(page, found)


#: When the filters drop every block, the ones of at least this many words come back.
RESTORED_WORDS = 4


def _last_resort(page: PageText, found: Extracted | None) -> Extracted | None:
    """A body for a page whose extraction kept no text: the blocks the filters dropped,
    else the page's prose; None when the page has neither (it holds no article)."""
    dropped = found[1] if found is not None else []
    restored = [item for item in dropped if count_words(item.text) >= RESTORED_WORDS]
    texts = [item.text for item in restored] or page.prose_blocks()
    if not texts:
        return found
    body = etree().Element("body")
    body.extend(_paragraph(text) for text in texts)
    return body, [item for item in dropped if item not in restored]


def _headline(tree: _Element, meta: PageMeta, page: PageText, body_key: str) -> str | None:
    """The visible heading the page's title names (``html_headline``), nearest above the
    article."""
    block_keys = [key.lower() for key in page.keys]
    start = body_start(page.keys, body_key)
    return headline(page_headings(tree), list(meta.titles), meta.source, block_keys, start)


def _body_key(body: _Element) -> str:
    return text_key(" ".join(body.itertext()))


def _has_text(body: _Element) -> bool:
    return any(text.strip() for text in body.itertext())


def _paragraph(text: str) -> _Element:
    paragraph = etree().Element("p")
    paragraph.text = text
    return paragraph


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


#: A body tree (``p``, ``head``, ``list``, ``quote``, ``table``...) and what the filters
#: dropped from it.
Extracted = tuple["_Element", list[Removed]]


def _extract(tree: _Element, url: str | None, title: str | None) -> Extracted | None:
    """trafilatura's article body, filtered, and the blocks the filters dropped.

    See ``_ATTEMPTS`` for the order of the settings tried. The longest result wins.
    """
    best: Extracted | None = None
    best_len = -1
    for fast, precision, enough in _ATTEMPTS if few_elements(tree) else _ATTEMPTS[:1]:
        found = _extract_once(tree, url, title, fast=fast, precision=precision)
        if found is None:
            continue
        length = len(norm(" ".join(found[0].itertext())))
        if length > best_len:
            best, best_len = found, length
        if length >= enough:
            break
    return best


def _extract_once(
    tree: _Element, url: str | None, title: str | None, *, fast: bool, precision: bool
) -> Extracted | None:
    """One trafilatura pass with these settings, filtered; None when it finds nothing."""
    from trafilatura import bare_extraction

    doc: Any = bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_formatting=True,
        include_links=False,
        include_tables=True,
        output_format="txt",  # "python" would also render a text we do not use
        fast=fast,
        favor_precision=precision,
    )
    body: _Element | None = getattr(doc, "body", None)
    if body is None:
        return None
    unwrap_layout_tables(body)  # its cells' paragraphs are blocks for the filters too
    return body, filter_blocks(body, title, url)


def _fallback_title(html: str) -> str | None:
    """The ``<title>`` text found by a regex, for pages lxml or trafilatura gave up on."""
    match = _TITLE_TAG.regex.search(html[:200_000])
    return first_text(match.group(1)) if match else None
