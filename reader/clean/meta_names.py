"""Who wrote an article and who published it, as names a reader can use.

Pages fill their author and site-name fields with whatever their software had to hand:
"By Jane Doe", "admin", "Jane Doe says", a domain turned into words ("Example De"), a
tagline ("Example News | Your daily news"), a copyright notice ("© 2019 Example"), an
HTML entity, the article's own title. These functions keep the name and drop the rest;
when a page names no publication, its address does.
"""

from __future__ import annotations

import re
from html import unescape

from reader.lazy_pattern import LazyPattern

#: Words that stand for no one in particular: what blogs and CMSs put in author fields
#: (and any one word holding "admin": "siteadmin", "wpadmin").
_PLACEHOLDERS = frozenset(
    [
        "admin",
        "administrator",
        "webmaster",
        "publisher",
        "editor",
        "editors",
        "editorial",
        "redaktion",
        "redaction",
        "redacción",
        "redazione",
        "newsdesk",
        "staff",
        "team",
        "unknown",
        "anonymous",
        "anonym",
        "guest",
        "gast",
        "гость",
        "user",
        "author",
        "autor",
        "by",
        "von",
        "por",
        "par",
    ]
)
#: Words that make a part of an author field a job title, not a name.
_ROLES = LazyPattern(
    r"\b(?:writer|reporter|correspondent|editor|editor-at-large|columnist|contributor|"
    r"critic|staff|team|desk|redakteur(?:in)?|redaktion|autor(?:in)?|journalist(?:in)?|"
    r"redacci[oó]n|redazione|r[ée]daction|noticias|news)s?\b",
    re.IGNORECASE,
)
#: A company's legal form: an author field naming the publisher, not a person; a site's
#: name its titles leave out ("homify GmbH" is "homify").
_LEGAL_FORM = LazyPattern(
    r"\b(?:GmbH|AG|KG|e\.\s?V|Inc|Ltd|LLC|plc|Corp|Co|S\.A|SAS|S\.r\.l|B\.V)\b\.?"
)
#: Countries a publisher's address ends with ("Verlag GmbH; Munich; Germany"): a field
#: ending with one is an address, not a byline.
_COUNTRIES = frozenset(
    {
        "germany",
        "deutschland",
        "austria",
        "österreich",
        "switzerland",
        "schweiz",
        "france",
        "spain",
        "españa",
        "italy",
        "italia",
        "usa",
        "united states",
        "uk",
        "united kingdom",
        "netherlands",
        "poland",
        "polska",
    }
)
#: An HTML entity's name left as a part of its own: "Redacci; Oacute; N" (an extractor
#: split "Redacci&Oacute;n" at its "&" and ";").
_ENTITY_NAME = LazyPattern(r"[A-Za-z]{2,8}")
#: "By", "Analysis by", "Von" and the like before a name.
_LEAD = LazyPattern(
    r"^(?:(?:\w+\s+)?by|written by|posted by|words by|von|por|par|di|от|автор)\s*:?\s+",
    re.IGNORECASE,
)
#: A commenter's signature, not a byline: "Jane Doe says:", "Max sagt:".
_COMMENTER = LazyPattern(
    r"\s(?:says|said|wrote|writes|sagt|schrieb|dice|dit|escribió|napisał)\s*:?\s*$", re.IGNORECASE
)
#: What ends a name inside an author field: a date, "for The Paper", a role after a comma.
_AFTER_NAME = LazyPattern(r"\d|\s(?:for|für|para|pour)\s|,\s|\s[|–—]\s|\s-\s", re.IGNORECASE)
#: A domain turned into words by an extractor ("Example De") or written out ("example.com").
_DOMAIN = LazyPattern(
    r"(?:\.|\s)(?:com|net|org|de|at|ch|fr|es|it|pl|uk|co|io|info|eu|nl|be|ru)$", re.IGNORECASE
)


def author_name(text: str | None, source: str | None = None) -> str | None:
    """The person (or people, "; "-separated) an author field or byline names, or None.

    A part naming the publication (``source`` beside other parts, or a company by its
    legal form) is no person; a field ending with a country is an address, and one with
    an HTML entity's name split off as a part is garbled: None for both.
    """
    if not text:
        return None
    text = " ".join(unescape(text).split())
    if _COMMENTER.regex.search(text):
        return None
    parts = [part.strip() for part in text.split(";")]
    if any(_is_entity_name(part) for part in parts) or parts[-1].lower() in _COUNTRIES:
        return None
    # A field listing the publication beside people; one naming it alone may be a
    # personal site's, whose name is its author's.
    publication = _words(source) if source and len(parts) > 1 else None
    names = []
    for part in parts:
        if _LEGAL_FORM.regex.search(part) or (publication and _words(part) == publication):
            continue
        name = _person(part)
        if name and name not in names:
            names.append(name)
    return "; ".join(names) or None


def without_legal_form(name: str) -> str:
    """A company's name without its legal form: "homify GmbH" is "homify"."""
    return " ".join(_LEGAL_FORM.regex.sub(" ", name).split())


def _is_entity_name(part: str) -> bool:
    from html.entities import name2codepoint

    return _ENTITY_NAME.regex.fullmatch(part) is not None and part in name2codepoint


_WORD = LazyPattern(r"\w+")


def _words(text: str) -> str:
    return " ".join(_WORD.regex.findall(text.lower()))


def _person(part: str) -> str | None:
    part = _LEAD.regex.sub("", part.strip())
    cut = _AFTER_NAME.regex.search(part)
    if cut:
        part = part[: cut.start()]
    part = part.strip(" .,:;-–—|")
    words = part.split()
    if not words or not any(ch.isalpha() for ch in part):
        return None
    if _ROLES.regex.search(part) or _DOMAIN.regex.search(part) or "@" in part or "/" in part:
        return None
    if len(words) == 1 and (words[0].lower() in _PLACEHOLDERS or "admin" in words[0].lower()):
        return None
    if len(words) > 6:
        return None
    return part


#: What separates a site's name from its tagline: "Name | tagline", "Name - tagline".
_TAGLINE = LazyPattern(r"\s+(?:[|–—»:·•]|-{1,2}|::)\s+")
#: Copyright notices: "© 2019 Example", "Copyright 2014", "(c) Example. All rights reserved".
_COPYRIGHT = LazyPattern(
    r"©|\(c\)|\bcopyright\b|\b(?:19|20)\d\d\b(?:\s*[-–]\s*(?:19|20)?\d\d)?|"
    r"\ball rights reserved|\btous droits r[ée]serv[ée]s|\balle rechte vorbehalten|"
    r"\btodos los derechos reservados|\btutti i diritti riservati|\bwszelkie prawa zastrze[żz]one",
    re.IGNORECASE,
)
#: A whole notice rather than a holder: "All content is protected by copyright".
_NOTICE = LazyPattern(r"urheberrecht|\ball contents?\b|\balle inhalte", re.IGNORECASE)
_QUOTES = "\"'“”„«»‚‘’"
_URL = LazyPattern(r"^https?://", re.IGNORECASE)


def site_name(text: str | None, title: str | None = None, url: str | None = None) -> str | None:
    """The publication's name from a page's site-name field, or its address's host when the
    field holds none (or a tagline, a notice, the article's title)."""
    name = _publication(text, title, url) if text else None
    return name or host_name(url)


def _publication(text: str, title: str | None, url: str | None) -> str | None:
    text = " ".join(unescape(text).split()).lstrip("@")
    if _URL.regex.match(text):
        return None  # a profile page's address, not a name
    host = host_name(url)
    parts = [part.strip() for part in _TAGLINE.regex.split(text) if part.strip()]
    if len(parts) > 1:
        by_host = [part for part in parts if host and _squash(part) == _squash(host)]
        title_key = _squash(title) if title else None
        others = [part for part in parts if _squash(part) != title_key]
        parts = by_host or others[:1] or parts[:1]
    name = parts[0] if parts else ""
    if _NOTICE.regex.search(name):
        return None
    name = _COPYRIGHT.regex.sub(" ", name)
    name = _BY.regex.sub("", " ".join(name.split()).strip(" .,;:-–|&"))
    name = name.strip(_QUOTES).strip()
    if not any(ch.isalpha() for ch in name) or (title and _is_title(name, title)):
        return None
    if len(name.split()) > _NAME_WORDS:
        return None  # a headline or a tagline, not a name
    place = name.split(", ")
    if len(place) > 1 and place[-1].lower() in _COUNTRIES:
        return place[0]  # "Spiegel Online, Hamburg, Germany": the name, not its address
    return name


#: A publication's name has at most this many words ("Bundesministerium für Bildung und
#: Forschung"); a longer site-name field is a tagline.
_NAME_WORDS = 8


_BY = LazyPattern(r"^by\s+", re.IGNORECASE)


def _is_title(name: str, title: str) -> bool:
    """Whether a site-name field holds the article's title (or a long piece of it)."""
    name_key, title_key = _squash(name), _squash(title)
    return name_key == title_key or (len(name) > 30 and name_key in title_key)


def host_name(url: str | None) -> str | None:
    """``example.com`` from ``https://www.example.com/news/1``, or None."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host if "." in host else None


def _squash(text: str) -> str:
    """Lower-case letters and digits only: "MIXED.de" and "mixed.de" compare equal."""
    return "".join(ch for ch in text.lower() if ch.isalnum())
