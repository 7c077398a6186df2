"""Text as the index sees it: folded for case and accents, CJK split into single characters.

SQLite's ``unicode61`` tokenizer folds case and Latin accents but keeps a run of Chinese,
Japanese or Korean characters (written without spaces) as one token, so a word inside it
could never be found. Before indexing, and before quoting a query term, every CJK character
is set apart by spaces; a CJK query then becomes a phrase of single characters, which
matches those characters side by side wherever they stand.

Characters that are invisible inside a word (a soft hyphen, see ``JOINERS``) are dropped
before either is done, in the text and in the query alike, so that the word is one token.

Highlighting needs the same folding in Python, with offsets that still point into the
original text, so ``fold`` maps every character to exactly one character, and
``visible_folded`` says where it dropped the invisible ones.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

from reader.lazy_pattern import LazyPattern

# Han (with extension A and compatibility ideographs), Hiragana, Katakana, Hangul syllables.
_CJK_CLASS = (
    "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7a3\uf900-\ufaff\uff66-\uff9f"
)
_MARKS = "\u0300-\u036f\u0900-\u0963\u0966-\u0dff"
SOURCE_MARK, AUTHOR_MARK = "\ue001", "\ue002"
"""Put before each word of a source or an author as indexed: private-use characters, which
FTS5 keeps inside a token and no text is made of, so a word of a title or body never
matches a source's word (a query needs no column filter, which would make FTS5 sift the
positions of every word it reads), and ``source:`` never matches an author."""
JOINERS = "\u00ad\u200c\u200d\u2060\ufeff"
"""Invisible characters that stand inside a word without ending it, dropped before tokenizing
(unicode61 would split the word at them, as at any character that is not a letter, digit or
mark): the soft hyphen (a place the word may be hyphenated, which some pages put in every
long word: "Tech\\u00adnik"); the zero-width non-joiner and joiner (inside Persian and Indic
words, and emoji sequences: they change how letters join, not where words end); the word
joiner and its older form, the zero-width no-break space (which say "no break here").
The zero-width space (U+200B) is not among them: it marks a break between words (in Thai,
Khmer, or a long address), so it separates, as a space does."""
_JOINER = LazyPattern(f"[{JOINERS}]")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
"""What unicode61 keeps as a token in folded ASCII text (what ``word_pattern`` finds there)."""


# The Unicode patterns take 15 ms to compile, a tenth of a ``reader search`` run, and an
# ASCII query or text never needs them: they are compiled on first use.
@functools.cache
def _cjk() -> re.Pattern[str]:
    return re.compile(f"[{_CJK_CLASS}]")


@functools.cache
def _cjk_char() -> re.Pattern[str]:
    return re.compile(f"([{_CJK_CLASS}])")


@functools.cache
def word_pattern() -> re.Pattern[str]:
    """What unicode61 (categories L* N* Co M*) keeps inside a token, CJK characters alone."""
    return re.compile(rf"[{_CJK_CLASS}]|(?:(?![{_CJK_CLASS}])[^\W_]|[{_MARKS}])+")


def has_cjk(text: str) -> bool:
    """True when ``text`` holds a character that must be indexed on its own."""
    return not text.isascii() and _cjk().search(text) is not None


def split_cjk(text: str) -> str:
    """``text`` with a space either side of every CJK character (the form that is indexed)."""
    if not has_cjk(text):
        return text
    return _cjk_char().sub(r" \1 ", text)


def is_cjk(char: str) -> bool:
    """True for a character that is a token by itself."""
    return not char.isascii() and _cjk().match(char) is not None


class _FoldTable(dict[int, str]):
    """``str.translate`` table built lazily: each character to one lower-case, unaccented one."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        folded = char.lower()
        if len(folded) != 1:
            folded = char
        base = unicodedata.normalize("NFD", folded)[0]
        if base != folded and base.isascii():
            folded = base
        self[codepoint] = folded
        return folded


_FOLD = _FoldTable()


def without_joiners(text: str) -> str:
    """``text`` without the invisible characters that sit inside words (see ``JOINERS``)."""
    if text.isascii() or not has_joiner(text):
        return text
    return _JOINER.regex.sub("", text)


def has_joiner(text: str) -> bool:
    """True when ``text`` holds one of ``JOINERS``: a substring search for each, 80x faster
    than one search for the class with ``re`` (under 1 against 50 microseconds in 10 KB)."""
    return any(joiner in text for joiner in JOINERS)


def visible_folded(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` without ``JOINERS``, and where they were dropped: for each, the offset
    in the result it stood before (empty when nothing was dropped). ``original_offset``
    turns an offset in the result back into one in ``text``."""
    folded = fold(text)
    if text.isascii() or not has_joiner(folded):
        return folded, []
    found = _JOINER.regex.finditer(folded)
    dropped = [match.start() - count for count, match in enumerate(found)]
    return _JOINER.regex.sub("", folded), dropped


def original_offset(offset: int, dropped: list[int]) -> int:
    """Where the character at ``offset`` of ``visible_folded``'s text stands in the original
    (``dropped`` as it gave it): after every character dropped before it."""
    return offset + bisect.bisect_right(dropped, offset)


def fold(text: str) -> str:
    """``text`` lower-cased with Latin accents removed; same length, so offsets carry over."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


def tokens(text: str) -> list[str]:
    """The folded tokens of ``text`` as the index holds them (CJK one character each)."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    return word_pattern().findall(fold(unicodedata.normalize("NFC", without_joiners(text))))


def field_text(value: str | None, mark: str) -> str:
    """A source or author as indexed: its words, each marked (see ``SOURCE_MARK``)."""
    return " ".join(mark + word for word in tokens(value or ""))


def words_in(wanted: str, text: str | None) -> bool:
    """True when the words of ``wanted`` stand side by side in ``text``, case and accents
    aside: how ``source:`` and ``author:`` match a field (and ``reader list --source``)."""
    needle, haystack = tokens(wanted), tokens(text or "")
    if not needle:
        return False
    width = len(needle)
    return any(haystack[i : i + width] == needle for i in range(len(haystack) - width + 1))
