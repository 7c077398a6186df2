"""HTML page cleaner: trafilatura finds the article, a few generic filters finish the job.

trafilatura measured best on the dev corpus (token 4-gram F1 0.960, 0.964 with
``favor_precision``), so this module does not extract anything itself. It asks
trafilatura for the body as an XML tree and then, on top of it:

- drops the blocks trafilatura still lets through, with a reason for each: donation
  appeals, newsletter boxes, "Read more", share labels, captions and credits, date
  lines, reprint notices (cues shared with the text cleaner, in
  ``reader.clean.boilerplate``), the headline repeated as first block, the page's own
  address, and headings with nothing under them;
- renders Markdown with trafilatura's renderer, plus quotes as ``>``, text after
  headings as paragraphs, no raw ``<u>`` tags;
- lists what was left out, in page order: the dropped blocks and the page text outside
  the article.

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

lxml and trafilatura are imported inside the functions so that cleaning plain text
never pays for them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.clean.html_budget import bounded, few_elements
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

_SPACE = LazyPattern(r"\s+")
#: Lone surrogates (from ``surrogateescape`` decoding): libxml2 stopped at the first.
_SURROGATE = LazyPattern(r"[\ud800-\udfff]")
_WORD = LazyPattern(r"\w+")
# Regexes over raw pages never scan past the next "<" ([^<]*), so that they stay linear
# on garbage such as a page of unclosed tags.
_TITLE_TAG = LazyPattern(r"<title\b[^<>]*>([^<]*)</title", re.IGNORECASE)
#: Elements whose content is never visible text.
_INVISIBLE_TAGS = ("head", "script", "style", "noscript", "svg", "template", "iframe", "select")


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
    gives ``body == ""`` (the caller reports it).
    """
    html = _sanitize(html)
    if not html or html.isspace():
        return Cleaned(title=None, body="", url=url)
    try:
        return _clean(html, url, links, outside)
    except Exception:
        return Cleaned(title=_fallback_title(html), body="", url=url)


def _sanitize(html: object) -> str:
    """Cut huge pages and replace lone surrogates, which libxml2 stops at.

    (trafilatura removes the control characters lxml rejects.)
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
    tree = _parse(bounded(cut_elements(html, _NOT_CONTENT, keep_json_ld=True)))
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
        _removed_in_page_order(html, body, dropped, meta.title) if outside else dropped
    )
    cleaned.body, cleaned.links = restore_links(to_markdown(body), anchors)
    return cleaned


#: At most this many links are restored: an article rarely has more, a link farm does.
MAX_LINKS = 200
_LINK_TEXT_OK = LazyPattern(r"^[^\[\]\n]{3,120}$")


def page_anchors(tree: _Element, base: str | None) -> dict[str, str]:
    """Link text → absolute http(s)/mailto target for the page's anchors (first wins)."""
    from urllib.parse import urljoin

    anchors: dict[str, str] = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        text = _SPACE.regex.sub(" ", anchor.text_content() or "").strip()
        if not href or not _LINK_TEXT_OK.regex.match(text) or text in anchors:
            continue
        target = urljoin(base, href) if base else href
        if target.lower().startswith(_SAFE_SCHEMES) and not any(c in target for c in " <>"):
            anchors[text] = target
        if len(anchors) >= MAX_LINKS:
            break
    return anchors


def restore_links(markdown: str, anchors: dict[str, str]) -> tuple[str, str]:
    """Mark each anchor's text (first whole-word match) as a ``[text]`` link.

    Returns the prose and the block of definitions for the links that were found.
    """
    definitions: list[str] = []
    for text, target in anchors.items():
        start = _whole_word_find(markdown, text)
        if start < 0:
            continue
        end = start + len(text)
        markdown = f"{markdown[:start]}[{text}]{markdown[end:]}"
        definitions.append(f"[{text}]: <{target}>")
    return markdown, "\n".join(definitions)


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


#: Cut from the source before parsing: scripts (but JSON-LD metadata), styles, SVG and
#: comments are often half of a page, and cutting them costs less than parsing them
#: (parse and clean-up 5.4 ms a page on the dev corpus, 3.4 ms this way).
_NOT_CONTENT = ("script", "style", "svg")
_OPENING: dict[tuple[str, ...], LazyPattern[str]] = {
    tags: LazyPattern(r"<(" + "|".join(tags) + r")\b|<!--", re.IGNORECASE)
    for tags in (_NOT_CONTENT, _INVISIBLE_TAGS)
}
_CLOSING = {
    kind: LazyPattern("-->" if kind == "!--" else rf"</{kind}\s*>", re.IGNORECASE)
    for kind in ("!--", *_NOT_CONTENT, *_INVISIBLE_TAGS)
}


def cut_elements(html: str, tags: tuple[str, ...], keep_json_ld: bool = False) -> str:
    """``html`` without the given elements (content included) and without comments.

    A scan that looks for each closing tag once from where the element opens, so it
    stays linear on any input (a regex like ``<script.*?</script>`` is quadratic on a
    page of unclosed ``<script>`` tags: 100 s for 160 kB). An element left unclosed
    runs to the end of the page, as in a browser, and is kept.
    """
    pieces: list[str] = []
    pos = 0
    unclosed: set[str] = set()
    for match in _OPENING[tags].regex.finditer(html):
        start = match.start()
        kind = (match.group(1) or "!--").lower()
        if start < pos or kind in unclosed:
            continue
        if keep_json_ld and kind == "script":
            tag_end = html.find(">", start, start + 500)
            if "ld+json" in html[start:tag_end].lower():
                continue
        end = _CLOSING[kind].regex.search(html, match.end())
        if end is None:
            unclosed.add(kind)  # none later either: stop looking for this kind
            continue
        pieces.append(html[pos:start])
        pos = end.end()
    if not pieces:
        return html
    pieces.append(html[pos:])
    return "".join(pieces)


def _etree() -> Any:
    """``lxml.etree``, imported on first use (lxml ships no type stubs)."""
    from lxml import etree  # type: ignore[import-untyped]

    return etree


def _parse(html: str) -> _Element | None:
    """Parse with trafilatura's loader, which copes with broken and odd markup."""
    from trafilatura.utils import load_html

    tree: _Element | None = load_html(html)
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


def _strip_invisible(tree: _Element) -> None:
    """Drop scripts, styles, SVG and comments once metadata (JSON-LD) has been read.

    trafilatura copies and scans the whole tree several times; without these it does
    about 10% less work, with no change in what it finds on the dev corpus.
    """
    etree = _etree()

    etree.strip_elements(
        tree, "script", "style", "noscript", "svg", "template", etree.Comment, with_tail=False
    )


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
        length = len(_norm(" ".join(body.itertext())))
        if length > best_len:
            best, best_len = (body, dropped), length
        if length >= enough:
            break
    return best


# --- metadata --------------------------------------------------------------------------


@dataclass
class PageMeta:
    """What a page says about itself in its head and structured data."""

    title: str | None = None
    byline: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None


def page_metadata(tree: _Element, url: str | None = None) -> PageMeta:
    """Title, author, date, site name, URL and language of the page.

    trafilatura's field extractors come first (meta tags, JSON-LD, then the page
    itself); plain ``<title>``/``og:`` tags and ``<html lang>`` fill the gaps.
    """
    head = _head_meta(tree)
    found: dict[str, Any] = {}
    try:
        found = _trafilatura_meta(tree, url)
    except Exception:
        found = {}
    source = _first(found.get("sitename"), head.get("site"))
    return PageMeta(
        title=_without_site_name(_first(found.get("title"), head.get("title")), source),
        byline=_first(found.get("author"), head.get("author")),
        date=_iso_date(found.get("date")) or _iso_date(head.get("date")),
        source=source,
        url=_first(url, found.get("url"), head.get("url")),
        language=_first(head.get("language")),
    )


_TITLE_SEPARATOR = LazyPattern(r"(?<!\s)\s++[|–—·:-]\s+")


def _without_site_name(title: str | None, source: str | None) -> str | None:
    """``Headline`` from ``Headline | Site`` or ``Site - Headline`` when Site is the source."""
    if not title or not source:
        return title
    site = _key(source)
    separators = list(_TITLE_SEPARATOR.regex.finditer(title))
    if not site or not separators:
        return title
    first, last = separators[0], separators[-1]
    if _key(title[last.end() :]) == site:
        return title[: last.start()].strip() or title
    if _key(title[: first.start()]) == site:
        return title[first.end() :].strip() or title
    return title


def _trafilatura_meta(tree: _Element, url: str | None) -> dict[str, Any]:
    """trafilatura's ``extract_metadata`` minus its slow searches we do not need."""
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    doc: Any = extract_meta_json(tree, examine_meta(tree))
    if doc.author and " " not in doc.author:
        doc.author = None  # a one-word author in meta tags is usually a handle
    title = doc.title or extract_title(tree)
    author = doc.author or _byline_in_page(tree)
    page_url = doc.url or extract_url(tree, url)
    date = find_date(tree, extensive_search=False, original_date=True, url=page_url)
    sitename = (doc.sitename or extract_sitename(tree) or "").lstrip("@")
    return {"title": title, "author": author, "url": page_url, "date": date, "sitename": sitename}


_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline')"
    " or contains(@class, 'author-name') or contains(@class, 'author_name')]"
)
_compiled_byline_xpath: Any = None


def _byline_in_page(tree: _Element) -> str | None:
    """The author named in the first short byline-like element.

    Cheaper than trafilatura's ``extract_author`` (which copies the whole tree and runs
    a dozen XPaths: 15 ms a page here), used only when meta tags and JSON-LD are silent.
    """
    from reader.clean.boilerplate import byline_name

    global _compiled_byline_xpath
    if _compiled_byline_xpath is None:
        _compiled_byline_xpath = _etree().XPath(_BYLINE_XPATH)
    for element in _compiled_byline_xpath(tree)[:5]:
        text = _norm(" ".join(element.itertext()))
        if not text or len(text) > 80:
            continue
        name = byline_name(text) or (text if len(text.split()) <= 4 else None)
        # digits: a date in the line; "*" or "(": a comment form's "Name (required) *"
        if name and not any(ch.isdigit() or ch in "*(" for ch in name):
            return name.rstrip(" ,;")
    return None


def _head_meta(tree: _Element) -> dict[str, str]:
    """Cheap metadata straight from the markup: ``<title>``, ``og:`` tags, ``lang``."""
    meta: dict[str, str] = {}
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        meta["language"] = _lang_code(lang)
    keys = {
        "og:title": "title",
        "og:site_name": "site",
        "og:url": "url",
        "author": "author",
        "article:published_time": "date",
        "og:locale": "language",
        "content-language": "language",
    }
    for node in tree.iterfind(".//meta"):
        key = (node.get("property") or node.get("name") or node.get("http-equiv") or "").lower()
        content = (node.get("content") or "").strip()
        field = keys.get(key)
        if field and content and field not in meta:
            meta[field] = _lang_code(content) if field == "language" else content
    if "title" not in meta:
        node = tree.find(".//title")
        if node is not None and node.text:
            meta["title"] = node.text
    return meta


_LANG_SEPARATOR = LazyPattern(r"[-_,;\s]")


def _lang_code(value: str) -> str:
    """``pt`` from ``pt-BR``, ``pt_BR`` or ``PT``."""
    return _LANG_SEPARATOR.regex.split(value.strip(), maxsplit=1)[0].lower()


def _first(*values: object) -> str | None:
    """The first non-blank string among ``values``, whitespace collapsed."""
    for value in values:
        if isinstance(value, str):
            text = _SPACE.regex.sub(" ", value).strip()
            if text:
                return text
    return None


_ISO_DATE = LazyPattern(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp, or None."""
    if isinstance(value, str):
        match = _ISO_DATE.regex.match(value.strip())
        if match:
            return match.group(0)
    return None


def _fallback_title(html: str) -> str | None:
    """The ``<title>`` text found by a regex, for pages lxml or trafilatura gave up on."""
    match = _TITLE_TAG.regex.search(html[:200_000])
    return _first(match.group(1)) if match else None


# --- block filters ---------------------------------------------------------------------

#: Blocks longer than this (words) are kept whatever they say: appeals and sign-up
#: boxes are short, and articles about newsletters or donations exist.
MAX_BOILERPLATE_WORDS = 60


#: Cues the shared list (``reader.clean.boilerplate``) lacks, seen in extracted bodies:
#: reprint notices of syndicated articles.
_HTML_CUES = (
    (
        "copyright",
        LazyPattern(
            r"personal,? non-?commercial use only|may not be (?:re)?published, broadcast", re.I
        ),
    ),
)


def block_reason(text: str) -> str | None:
    """Why a block of extracted text is page furniture, or None to keep it."""
    from reader.clean.boilerplate import (
        boilerplate_reason,
        is_caption_like,
        is_date_line,
        word_count,
    )

    if len(text) > 20 * MAX_BOILERPLATE_WORDS:  # surely too long, spare the counting
        return None
    words = word_count(text)
    if words == 0:
        return "empty"
    if words > MAX_BOILERPLATE_WORDS:
        return None
    reason = next((why for why, cue in _HTML_CUES if cue.regex.search(text)), None)
    reason = reason or boilerplate_reason(text)
    if reason is None and words <= 30 and is_caption_like(text):
        reason = "caption"
    if reason is None and is_date_line(text):
        reason = "date"
    return reason


def filter_blocks(body: _Element, title: str | None, url: str | None = None) -> list[Removed]:
    """Drop boilerplate blocks (and list items) from trafilatura's body tree.

    Besides the cues of ``block_reason``: the headline as first kept block, the page's
    own address as a block (print views show it), headings with nothing under them.
    Returns what went, in body order.
    """
    _wrap_loose_text(body)
    removed: list[Removed] = []
    title_key = _key(title) if title else ""
    url_key = _key(_URL_SCHEME.regex.sub("", url)) if url else ""
    kept_any = False
    for child in list(body):
        if child.tag == "graphic":
            continue
        text = _norm("".join(child.itertext()))
        reason: str | None
        if not kept_any and title_key and _key(text) == title_key:
            reason = "title repeated"
        elif url_key and " " not in text and _key(_URL_SCHEME.regex.sub("", text)) == url_key:
            reason = "page address"
        else:
            reason = block_reason(text)
        if reason is None and child.tag == "list":
            removed.extend(_filter_items(child))
            if not any(True for _ in child.iter("item")):
                reason = "empty"
        if reason is None:
            kept_any = True
            continue
        if text:
            removed.append(Removed(text=text, reason=reason))
        _drop(child)
    removed.extend(_drop_empty_sections(body))
    return removed


def _wrap_loose_text(body: _Element) -> None:
    """Put text lying directly in the body (trafilatura leaves the text after a heading
    in the heading's tail) into paragraphs, so it is filtered and rendered as one."""
    etree = _etree()

    if body.text and body.text.strip():
        paragraph = etree.Element("p")
        paragraph.text, body.text = body.text, None
        body.insert(0, paragraph)
    for child in list(body):
        if child.tail and child.tail.strip():
            paragraph = etree.Element("p")
            paragraph.text, child.tail = child.tail, None
            child.addnext(paragraph)


def _heading_level(element: _Element | None) -> int:
    """1-6 for a heading, 0 for the end of the body, 9 for any other block."""
    if element is None:
        return 0
    if element.tag != "head":
        return 9
    rend = element.get("rend") or "h2"
    return int(rend[1]) if rend[1:2].isdigit() else 2


def _drop_empty_sections(body: _Element) -> list[Removed]:
    """Drop headings with nothing under them: no text before the next heading of the
    same or a higher level, or the end. These are teasers for other articles ("related"
    rows, "Tell us what you think") that trafilatura kept without their links.
    """
    removed: list[Removed] = []
    for child in list(body):
        if child.tag != "head":
            continue
        level = _heading_level(child)
        if _heading_level(child.getnext()) <= level:
            removed.append(Removed(text=_norm("".join(child.itertext())), reason="empty section"))
            _drop(child)
    return removed


_URL_SCHEME = LazyPattern(r"^\s*https?://(?:www\.)?", re.I)


def _filter_items(lst: _Element) -> list[Removed]:
    """Drop share/"read more" items from a kept list."""
    removed: list[Removed] = []
    for item in list(lst):
        text = _norm("".join(item.itertext()))
        reason = block_reason(text) if item.tag == "item" else None
        if reason is not None:
            if text:
                removed.append(Removed(text=text, reason=reason))
            _drop(item)
    return removed


def _norm(text: str) -> str:
    return _SPACE.regex.sub(" ", text).strip()


def _key(text: str) -> str:
    """Lower-case words only: what two renderings of the same text have in common."""
    return " ".join(_WORD.regex.findall(text.lower()))


def _drop(element: _Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


# --- Markdown --------------------------------------------------------------------------

#: ``hi`` renditions with no Markdown form; rendered as plain text rather than raw HTML.
_PLAIN_RENDS = {"#u", "#sub", "#sup", "#pre"}
_INLINE_LINK = LazyPattern(r"(?<!\!)\[((?:[^\[\]\\]|\\.)+)\]\((<(?:[^<>\\\n]|\\.)*>|[^\s()]+)\)")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_BLANKS = LazyPattern(r"\n{3,}")
#: trafilatura escapes every ``_``; inside a word CommonMark never reads it as emphasis.
_INTRAWORD_UNDERSCORE = LazyPattern(r"(?<=[^\W_])\\_(?=[^\W_])")


def to_markdown(body: _Element, links: bool = False) -> str:
    """Render trafilatura's body tree as Markdown; the tree is consumed.

    trafilatura's own renderer does the work; on top of it, quotes get their ``>``
    (it renders them as plain paragraphs), underline/sub/sup become plain text (it
    writes raw ``<u>`` tags), whitespace inside paragraphs is collapsed, and with
    ``links`` the links become reference-style: ``[text]`` in the prose with the
    ``[text]: url`` definitions at the end, so the prose stays readable as plain text.
    Only http(s) and mailto targets are kept as links.
    """
    etree = _etree()

    for hi in body.iter("hi"):
        if hi.get("rend") in _PLAIN_RENDS:
            hi.tag = "span"
    etree.strip_tags(body, "span")
    _collapse_whitespace(body)
    parts: list[str] = []
    run = etree.Element("body")
    for child in list(body):
        if child.tag != "quote":
            run.append(child)
            continue
        parts.append(_render(run))
        run = etree.Element("body")
        quote = etree.Element("body")
        quote.append(child)
        parts.append(_as_quote(_render(quote)))
    parts.append(_render(run))
    markdown = "\n\n".join(part for part in parts if part)
    return _tidy(_reference_links(markdown) if links else markdown)


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
            element.text = _SPACE.regex.sub(" ", element.text)
        if element.tail:
            element.tail = _SPACE.regex.sub(" ", element.tail)


def _is_code(element: _Element) -> bool:
    return any(True for _ in element.iterancestors("code"))


def _reference_links(markdown: str) -> str:
    """Turn ``[text](url)`` into ``[text]`` plus a definition block at the end."""
    labels: dict[str, str] = {}
    definitions: list[str] = []

    def replace(match: re.Match[str]) -> str:
        text, target = match.group(1), match.group(2)
        url = target[1:-1] if target.startswith("<") else target
        if not url.lower().startswith(_SAFE_SCHEMES):
            return text
        label = _SPACE.regex.sub(" ", text).strip().lower()
        known = labels.get(label)
        if known is None:
            labels[label] = url
            definitions.append(f"[{text}]: {target}")
            return f"[{text}]"
        if known == url:
            return f"[{text}]"
        number = f"{len(definitions) + 1}"
        labels[number] = url
        definitions.append(f"[{number}]: {target}")
        return f"[{text}][{number}]"

    prose = _INLINE_LINK.regex.sub(replace, markdown)
    if not definitions:
        return prose
    return prose.rstrip() + "\n\n" + "\n".join(definitions)


_DEFINITIONS_AT_END = LazyPattern(r"(?:\n\n)((?:\[[^\]\n]+\]: \S+\n?)+)\Z")


def split_link_definitions(markdown: str) -> tuple[str, str]:
    """The prose, and the block of ``[text]: url`` definitions at its end (if any)."""
    match = _DEFINITIONS_AT_END.regex.search(markdown)
    if match is None:
        return markdown, ""
    return markdown[: match.start()].rstrip(), match.group(1).strip()


def _tidy(markdown: str) -> str:
    """Trim trailing spaces and collapse runs of blank lines."""
    lines = [line.rstrip() for line in markdown.splitlines()]
    return _BLANKS.regex.sub("\n\n", "\n".join(lines)).strip()


# --- what was left out -----------------------------------------------------------------

_BLOCK_BOUNDARY = LazyPattern(
    r"<(?:/?(?:address|article|aside|blockquote|body|dd|details|div|dl|dt|fieldset|figcaption|figure"
    r"|footer|form|h[1-6]|header|li|main|nav|ol|p|pre|section|summary|table|td|th|tr|ul|button"
    r"|option|label)\b[^<>]*|br\b[^<>]*|hr\b[^<>]*)>",
    re.IGNORECASE,
)
_TAG = LazyPattern(r"<[^<>]*>")


_BODY_START = LazyPattern(r"<body\b", re.IGNORECASE)


def page_blocks(html: str) -> list[str]:
    """The visible text of the page's body cut at block boundaries, in page order.

    Regexes over the source rather than a walk of the lxml tree: several times
    cheaper, and exact boundaries do not matter for a list of what was left out.
    NUL marks the boundaries.
    """
    from html import unescape

    body_start = _BODY_START.regex.search(html)
    if body_start:
        html = html[body_start.start() :]
    if "\x00" in html:
        html = html.replace("\x00", " ")
    visible = cut_elements(html, _INVISIBLE_TAGS)
    visible = _TAG.regex.sub("", _BLOCK_BOUNDARY.regex.sub("\x00", visible))
    blocks = []
    for chunk in visible.split("\x00"):
        text = " ".join(chunk.split())
        if text:
            blocks.append(unescape(text) if "&" in text else text)
    return blocks


def _removed_in_page_order(
    html: str, body: _Element, dropped: list[Removed], title: str | None
) -> list[Removed]:
    """Merge the filtered blocks with the page text trafilatura left out, in page order.

    Texts are compared lower-cased with whitespace collapsed: page blocks come from the
    same text nodes as the body, so nothing finer is needed.
    """
    kept = _flat("".join(body.itertext()))
    kept_blocks = {_flat("".join(el.itertext())) for el in body.iter("p", "head", "item", "cell")}
    # substring tests are quadratic: on very long bodies only exact block matches count
    substring_ok = len(kept) < 100_000
    dropped_flat = [_flat(item.text) for item in dropped]
    emitted: set[int] = set()
    result: list[Removed] = []
    title_flat = _flat(title) if title else None
    for text in page_blocks(html):
        flat = text.lower()
        if flat in kept_blocks or (substring_ok and flat in kept):
            continue
        # a short page block inside a longer dropped one ("News" in "newsletter") is no match
        owner = next(
            (
                i
                for i, df in enumerate(dropped_flat)
                if flat in df and len(flat) >= min(30, len(df))
            ),
            None,
        )
        if owner is not None:
            if owner not in emitted:
                emitted.add(owner)
                result.append(dropped[owner])
        elif flat != title_flat:  # the headline is in ``Cleaned.title``, not dropped
            result.append(Removed(text=text, reason="outside article"))
    result.extend(item for i, item in enumerate(dropped) if i not in emitted)
    return result


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()
