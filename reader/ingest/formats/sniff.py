"""What kind of input some bytes are: a container, an export, a feed, or one document."""

from __future__ import annotations

import re

from reader.lazy_pattern import LazyPattern

_FEED_ROOT = LazyPattern(rb"<(?:rss|feed|rdf:RDF|RDF)\b", re.I)
_OPML_ROOT = LazyPattern(rb"<opml\b", re.I)
_POCKET_TITLE = LazyPattern(rb"<title>\s*+Pocket Export\s*+</title>", re.I)
_JSON_START = LazyPattern(rb"\A(?:\xef\xbb\xbf)?\s*+[\[{]")

#: How far into an input sniffing looks.
HEAD = 65536


def sniff(name: str, data: bytes) -> str:
    """One of ``zip``, ``gzip``, ``feed``, ``opml``, ``json``, ``csv``, ``pocket`` or ``document``.

    Content decides where it is unambiguous (magic numbers, XML roots); the name's
    extension breaks ties, so a feed saved as ``.txt`` is still read as a feed.
    """
    lower = name.lower()
    head = data[:HEAD]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    root = _root_start(head)
    if root >= 0 and _OPML_ROOT.regex.match(head, root):
        return "opml"
    if root >= 0 and _FEED_ROOT.regex.match(head, root):
        return "feed"
    if _JSON_START.regex.match(head) and (
        lower.endswith(".json") or "." not in lower.rsplit("/", 1)[-1]
    ):
        return "json"
    if lower.endswith(".csv"):
        return "csv"
    if _POCKET_TITLE.regex.search(head[:4096]):
        return "pocket"
    return "document"


def _root_start(head: bytes) -> int:
    """Where the first tag after an XML prolog starts in ``head``, or -1 if the prolog is cut off.

    The prolog is a byte-order mark, an XML declaration, then any run of comments,
    processing instructions and a doctype (with its internal subset), with space between.
    A scan from left to right, each part ended by the first closing mark it finds: a
    regular expression for the same runs went back over the repeats and took minutes on
    a page opening with a dozen ``<!--[if IE]>`` comments.
    """
    at = _past_space(head, 3 if head.startswith(b"\xef\xbb\xbf") else 0)
    if head.startswith(b"<?xml", at):
        at = head.find(b">", at)
        if at < 0:
            return -1
        at = _past_space(head, at + 1)
    while True:
        if head.startswith(b"<!--", at):
            end = head.find(b"-->", at + 4)
            at = end + 3 if end >= 0 else -1
        elif head.startswith(b"<?", at):
            end = head.find(b"?>", at + 2)
            at = end + 2 if end >= 0 else -1
        elif head[at : at + 9].upper() == b"<!DOCTYPE":
            at = _doctype_end(head, at + 9)
        else:
            return at
        if at < 0:
            return -1
        at = _past_space(head, at)


def _doctype_end(head: bytes, at: int) -> int:
    """Just past the ``>`` that closes a doctype whose name starts at ``at``, or -1."""
    close = head.find(b">", at)
    subset = head.find(b"[", at, close if close >= 0 else len(head))
    if subset < 0:
        return close + 1 if close >= 0 else -1
    # The internal subset runs to the first "]" that only space separates from a ">".
    end = head.find(b"]", subset)
    while end >= 0:
        after = _past_space(head, end + 1)
        if head.startswith(b">", after):
            return after + 1
        end = head.find(b"]", end + 1)
    return -1


def _past_space(data: bytes, at: int) -> int:
    """The first position from ``at`` on that is not ASCII white space."""
    while at < len(data) and data[at] in b" \t\n\r\f\v":
        at += 1
    return at


def inner_name(name: str) -> str:
    """The name a decompressed ``.gz`` goes by: ``page.html.gz`` → ``page.html``."""
    return name[:-3] if name.lower().endswith(".gz") else name
