"""What kind of input some bytes are: a container, an export, a feed, or one document."""

from __future__ import annotations

import re

from reader.patterns import compile_cached

_XML_PROLOG = rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?.*?\?>\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*"
_FEED_ROOT = compile_cached(_XML_PROLOG + rb"<(?:rss|feed|rdf:RDF|RDF)\b", re.S | re.I)
_OPML_ROOT = compile_cached(_XML_PROLOG + rb"<opml\b", re.S | re.I)
_POCKET_TITLE = compile_cached(rb"<title>\s*Pocket Export\s*</title>", re.I)
_JSON_START = compile_cached(rb"\A(?:\xef\xbb\xbf)?\s*[\[{]")

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
    if _OPML_ROOT.match(head):
        return "opml"
    if _FEED_ROOT.match(head):
        return "feed"
    if _JSON_START.match(head) and (lower.endswith(".json") or "." not in lower.rsplit("/", 1)[-1]):
        return "json"
    if lower.endswith(".csv"):
        return "csv"
    if _POCKET_TITLE.search(head[:4096]):
        return "pocket"
    return "document"


def inner_name(name: str) -> str:
    """The name a decompressed ``.gz`` goes by: ``page.html.gz`` → ``page.html``."""
    return name[:-3] if name.lower().endswith(".gz") else name
