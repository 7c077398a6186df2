"""Who a line credits: a picture's caption or credit, an article's byline, a copyright
notice's holder."""

from __future__ import annotations

import re

from reader.clean.date_lines import YEAR
from reader.lazy_pattern import LazyPattern
from reader.textstats import count_words

_CREDIT = LazyPattern(
    "|".join(
        (
            r"^(?:photo|picture|image|foto|фото|fotografía|credit|source|illustration|file photo)s?\b\s*(?:by|:|credit|©)",
            r"\((?:photo|image|picture|foto|credit|фото)\b[^)]*\)\s*$",
            r"(?:getty images|shutterstock|reuters|associated press|\bap photo|afp|\bepa\b|istock|alamy|wikimedia commons|\bxinhua|\btass|\bria novosti|flickr|unsplash|dpa|ansa)\W*(?:/.*)?$",
            r"^(?:photo|image|picture|foto|credit)\s*:",
            r"\b(?:photo|image|picture|credit|foto|фото)s?\s*:\s*\S",
            r"\b(?:courtesy of|photographed by|photo by|image by|image via|via getty|handout)\b",
            r"^courtesy\b",
            r"^©\s*\w",
            r"/\s*getty\b",
        )
    ),
    re.I,
)


# A quotation followed by who said it: '..." said a spokesperson', '...,” she told'.
_REPORTED_SPEECH = LazyPattern(r"[”\"»][,.]?\s+(?:\w+\s+){0,4}?(?:said|says|told|added|wrote)\b")

# Every _CREDIT alternative holds one of these (lower case): a cheap pre-test.
_CREDIT_KEYS = (
    "photo",
    "image",
    "picture",
    "foto",
    "фото",
    "credit",
    "source",
    "illustration",
    "getty",
    "shutterstock",
    "reuters",
    "press",
    "afp",
    "epa",
    "istock",
    "alamy",
    "wikimedia",
    "xinhua",
    "tass",
    "novosti",
    "flickr",
    "unsplash",
    "dpa",
    "ansa",
    "courtesy",
    "handout",
    "©",
)


_CREDIT_KEY = LazyPattern("|".join(re.escape(k) for k in _CREDIT_KEYS), re.I)
# The same pre-test for lower-cased ASCII text: a case-sensitive search is several
# times faster than an IGNORECASE one, and for ASCII text it finds the same keys.
_CREDIT_KEY_LOWER = LazyPattern("|".join(re.escape(k) for k in _CREDIT_KEYS if k.isascii()))


#: No caption, credit or byline is longer (characters); longer text is never searched
#: for their cues, which would cost seconds on a page-long line.
MAX_CAPTION_CHARS = 2000


def is_caption_like(text: str) -> bool:
    """Whether ``text`` reads like a picture caption or a photo credit.

    Reported speech is not: '"..." said a spokesperson when contacted by Reuters.' ends
    with an agency's name as credits do, but quotes someone.
    """
    if len(text) > MAX_CAPTION_CHARS:
        return False
    if text.isascii():
        if _CREDIT_KEY_LOWER.regex.search(text.lower()) is None:
            return False
    elif _CREDIT_KEY.regex.search(text) is None:
        return False
    return _CREDIT.regex.search(text) is not None and _REPORTED_SPEECH.regex.search(text) is None


#: A caption's credit in a form no sentence of an article takes: at the very end an
#: agency with the photographer ("REUTERS/Jo Amory", "Jo Amory / AP file"), a credit in
#: parentheses ("(AP Photo/Jo Amory)") or after a label ("Photo: Jo Amory"); or at the
#: start "FILE PHOTO:", "In this May 2, 2019, photo", or a gallery's "3 of 12".
_CREDITED = LazyPattern(
    "|".join(
        (
            r"\b(?:reuters|ap|afp|epa|dpa|ansa|getty images|ap photo)\s*/\s*[\w.'’ -]{2,40}$",
            r"/\s*(?:ap|afp|reuters|getty images|dpa)(?: file| photo| images)?\W*$",
            r"\((?:[\w ]{0,12}\b)?(?:photo|foto|image|picture|credit)s?\b[^()]{0,80}\)\W*$",
            r"\b(?:photo|foto|image|picture|credit)s?\s*:\s*[^.:]{2,60}$",
            r"^file photo\s*:",
            r"^in this (?:[\w.]+ \d{1,2}, \d{4},? )?(?:file |handout )?(?:photo|image|picture)\b",
            r"^\d{1,2} of \d{1,2}\s+\S",
        )
    ),
    re.I,
)


def is_credited_caption(text: str) -> bool:
    """Whether ``text`` is a picture caption by its credit's form, however long it runs:
    a test for lines that otherwise read as prose (``is_caption_like`` is looser)."""
    if len(text) > MAX_CAPTION_CHARS:
        return False
    # Each form needs a slash, a leading digit or one of these words: a cheap test first
    # spares most lines the pattern, which costs tens of microseconds a line.
    if "/" not in text and not text.lstrip()[:1].isdigit():
        low = text.lower()
        if not any(word in low for word in _CREDITED_WORDS):
            return False
    return _CREDITED.regex.search(text.strip()) is not None


#: One of these is in every credit ``_CREDITED`` finds without a slash or a leading digit.
_CREDITED_WORDS = ("photo", "foto", "image", "picture", "credit")


_BYLINE = LazyPattern(
    r"^(?:by|written by|posted by|words by|von|por|di|par|от|автор|oleh|글|文)(?:\s*+:)?\s++"
    r"([^\W\d_][\w.'’\-]*(?:\s+(?:[^\W\d_][\w.'’\-]*|and|&|y|e|und|et|и)){0,5})",
    re.I,
)


# What ends the name in a byline: "By Jane Doe - Staff", "By Jane Doe on May 2", "| Paris".
_AFTER_NAME = LazyPattern(r"(?<!\s)\s++(?:-|–|—|\||,|on|am|el|le|em|il)\s+|,|\|")


# "Tom Krisher, AP Auto Writer", "Ana Ruiz, Staff Reporter": a name, then the role.
_NAME_THEN_ROLE = LazyPattern(
    r"^([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}),\s+(?:[\w.&'’-]+\s+){0,3}"
    r"(?:writer|reporter|correspondent|editor|columnist|contributor|critic)s?\.?$",
    re.I,
)


def byline_name(text: str) -> str | None:
    """Return the author named by a byline such as "By Jane Doe", or None."""
    if len(text) > MAX_CAPTION_CHARS:
        return None
    text = text.strip()
    if (role := _NAME_THEN_ROLE.regex.match(text)) and role.group(1)[:1].isupper():
        return role.group(1)
    m = _BYLINE.regex.match(text)
    if not m or count_words(text) > 16:
        return None
    name = _AFTER_NAME.regex.split(m.group(1))[0].strip(" .,")
    return name or None


_COPYRIGHT_HEAD = LazyPattern(
    r"^(?:copyright\s*)?(?:©|ⓒ|\([cс]\))?\s*(?:copyright\s*)?"
    r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)\d\d)?)?\s*,?\s*)?",
    re.I,
)
_COPYRIGHT_CUT = LazyPattern(r"\.\s|\s[|•·-]\s|,?(?<!\s)\s++all rights|\s\(|[|•]", re.I)
_HOLDER_LEAD = LazyPattern(r"^(?:by|copyright)\s+", re.I)
_NOT_A_HOLDER = LazyPattern(r"^all rights|designed|powered|unless", re.I)
_COMPANY_SUFFIX = LazyPattern(
    r",?(?<!\s)\s++(?:inc|llc|ltd|limited|pty ltd|plc|gmbh|s\.a|co)\.?$", re.I
)


def copyright_holder(text: str) -> str | None:
    """Return the holder named by a dated copyright notice ("© 2019 Example News. All rights
    reserved." gives "Example News"), or None when the line is not one.

    Undated notices ("© Reuters") are usually photo credits, so they give None.
    """
    if YEAR.regex.search(text) is None or not text[:12].lower().lstrip().startswith(
        ("©", "ⓒ", "(c", "copyright")
    ):
        return None
    rest = _COPYRIGHT_HEAD.regex.sub("", text.strip(), count=1)
    rest = _COPYRIGHT_CUT.regex.split(rest, maxsplit=1)[0].strip(" .,;:-–")
    rest = _COMPANY_SUFFIX.regex.sub("", rest).strip(" .,")
    rest = _HOLDER_LEAD.regex.sub("", rest)
    if _NOT_A_HOLDER.regex.search(rest):
        return None
    if (
        not rest
        or not 1 <= len(rest.split()) <= 5
        or not rest[:1].isalnum()
        or YEAR.regex.search(rest)
    ):
        return None
    return rest
