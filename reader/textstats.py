"""Word counts and reading time that are fair to scripts written without spaces."""

from __future__ import annotations

import math
import re

from reader.lazy_pattern import LazyPattern

#: Han, Hiragana, Katakana and Hangul syllables (compiled on first use: its wide ranges
#: take 4 ms, and most texts never need it).
_CJK = LazyPattern(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_WORD = LazyPattern(r"[^\W\d_][\w'’-]*|\d[\d.,]*", re.UNICODE)

#: Reading speed in CJK characters per minute equivalent to one English word per minute;
#: readers manage roughly 400-600 Chinese or Japanese characters a minute against
#: 200-250 English words, so a character counts as half a word.
CJK_CHARS_PER_WORD = 2.0


def count_words(text: str) -> int:
    """Words in ``text``; CJK characters count as half a word each."""
    if not text or max(text) < "\u3040":  # no CJK to look for: a third of the time
        return len(_WORD.regex.findall(text))
    cjk = len(_CJK.regex.findall(text))
    if cjk:
        text = _CJK.regex.sub(" ", text)
    return len(_WORD.regex.findall(text)) + math.ceil(cjk / CJK_CHARS_PER_WORD)


def reading_minutes(words: int, words_per_minute: int = 230) -> int:
    """Whole minutes to read ``words`` words, at least 1 for any text."""
    if words <= 0:
        return 0
    return max(1, round(words / max(words_per_minute, 1)))
