"""Text as the index sees it: folded for case and accents, CJK split into single characters.

SQLite's ``unicode61`` tokenizer folds case and Latin accents but keeps a run of Chinese,
Japanese or Korean characters (written without spaces) as one token, so a word inside it
could never be found. Before indexing, and before quoting a query term, every CJK character
is set apart by spaces; a CJK query then becomes a phrase of single characters, which
matches those characters side by side wherever they stand.

Highlighting needs the same folding in Python, with offsets that still point into the
original text, so ``fold`` maps every character to exactly one character.
"""

from __future__ import annotations

import functools
import re
import unicodedata

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


def fold(text: str) -> str:
    """``text`` lower-cased with Latin accents removed; same length, so offsets carry over."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


def tokens(text: str) -> list[str]:
    """The folded tokens of ``text`` as the index holds them (CJK one character each)."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    return word_pattern().findall(fold(unicodedata.normalize("NFC", text)))


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
