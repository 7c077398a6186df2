"""What a page says about itself: title, author, date, site name, address and language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.clean.html_text import first_text, norm, text_key
from reader.clean.html_tree import etree
from reader.clean.meta_names import author_name, site_name, without_legal_form
from reader.lazy_pattern import LazyPattern

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]


@dataclass
class PageMeta:
    """What a page says about itself in its head and structured data."""

    title: str | None = None
    byline: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    #: The page's summary of itself (``description`` meta tags): often its lead paragraph.
    description: str | None = None
    #: What the page calls itself, as written: its metadata's title, ``og:title``,
    #: ``<title>`` (site names and sections included), for ``html_headline``.
    titles: tuple[str, ...] = ()


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
    page_url = first_text(url, found.get("url"), head.get("url"))
    title = first_text(found.get("title"), head.get("title"))
    source = site_name(first_text(found.get("sitename"), head.get("site")), title, page_url)
    return PageMeta(
        title=_without_site_name(title, source),
        byline=author_name(first_text(found.get("author"), head.get("author")), source),
        date=_iso_date(found.get("date")) or _iso_date(head.get("date")),
        source=source,
        url=page_url,
        language=first_text(head.get("language")),
        description=first_text(found.get("description"), head.get("description")),
        titles=tuple(
            dict.fromkeys(
                text
                for text in map(
                    first_text, (found.get("meta_title"), head.get("title"), head.get("tag"))
                )
                if text
            )
        ),
    )


# " | ", " - ", " : "...; a bar needs no spaces ("NEWS WEB EASY|Headline").
_TITLE_SEPARATOR = LazyPattern(r"(?<!\s)\s++[|–—·:-]\s+|(?<=\S)\|(?=\S)")
# A part of the title that is a web address: "FASSETTE.NET", "example.co.uk".
_DOMAIN = LazyPattern(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)


def _without_site_name(title: str | None, source: str | None) -> str | None:
    """``Headline`` from ``Headline | Site`` or ``Site - Headline``, when Site is the
    source (its legal form aside) or a web address."""
    if not title:
        return title
    site = {text_key(source), text_key(without_legal_form(source))} - {""} if source else set()
    separators = list(_TITLE_SEPARATOR.regex.finditer(title))
    if not separators:
        return title
    first, last = separators[0], separators[-1]
    if _names_a_site(title[last.end() :], site):
        return title[: last.start()].strip() or title
    if _names_a_site(title[: first.start()], site):
        return title[first.end() :].strip() or title
    return title


def _names_a_site(part: str, site: set[str]) -> bool:
    """Whether a part of the title names the site: its name (``site``: its keys) or a
    web address."""
    key = text_key(part)
    if not key:
        return False
    return key in site or _DOMAIN.regex.fullmatch(part.strip()) is not None


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
    return {
        "title": title,
        "meta_title": doc.title,
        "author": author,
        "url": page_url,
        "date": date,
        "sitename": sitename,
        "description": doc.description,
    }


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
    from reader.clean.credits import byline_name

    global _compiled_byline_xpath
    if _compiled_byline_xpath is None:
        _compiled_byline_xpath = etree().XPath(_BYLINE_XPATH)
    for element in _compiled_byline_xpath(tree)[:5]:
        text = norm(" ".join(element.itertext()))
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
        "og:description": "description",
        "description": "description",
        "content-language": "language",
    }
    for node in tree.iterfind(".//meta"):
        key = (node.get("property") or node.get("name") or node.get("http-equiv") or "").lower()
        content = (node.get("content") or "").strip()
        field = keys.get(key)
        if field and content and field not in meta:
            meta[field] = _lang_code(content) if field == "language" else content
    node = tree.find(".//title")
    if node is not None and node.text:
        meta["tag"] = node.text
        meta.setdefault("title", node.text)
    return meta


_LANG_SEPARATOR = LazyPattern(r"[-_,;\s]")


def _lang_code(value: str) -> str:
    """``pt`` from ``pt-BR``, ``pt_BR`` or ``PT``."""
    return _LANG_SEPARATOR.regex.split(value.strip(), maxsplit=1)[0].lower()


_ISO_DATE = LazyPattern(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp, or None."""
    if isinstance(value, str):
        match = _ISO_DATE.regex.match(value.strip())
        if match:
            return match.group(0)
    return None
