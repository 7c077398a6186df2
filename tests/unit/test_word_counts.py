"""The quick ways of counting words and hashing a body agree with their definitions.

A word is a match of ``textstats._WORD`` (CJK characters half a word each); a body's hash
is that of its lower-cased ``\\w`` runs joined by spaces. Stored articles carry both, and
an import finds a duplicate by the hash, so neither may drift.
"""

from __future__ import annotations

import hashlib
import math
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.store.identity import body_hash
from reader.textstats import _CJK, _WORD, count_words

#: Characters where the quick paths could go wrong: letters that are not ASCII, digits
#: and number forms that are not decimal, joiners, edge punctuation, every kind of space.
TRICKY = "aZé1._,-'’‘“”\"()[]*;:!?#>` \t\n\r\x0b\x0c\x1c\x85\u00a0\u2028²Ⅻªʰ\u0301İßǅ日本語한"
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=40) | st.text(max_size=40)
#: Chunks of one kind each that a quick path could take for a single word.
CHUNKS = "1a a1 1.5a _a a_ ²a Ⅻ x-y a’s 'a a.b 3,400. (a) “a” a\u0301 İx ǅa a日 -a *a* a-1"


def words_by_definition(text: str) -> int:
    cjk = len(_CJK.regex.findall(text))
    rest = _CJK.regex.sub(" ", text)
    return len(_WORD.regex.findall(rest)) + math.ceil(cjk / 2)


def hash_by_definition(body: str) -> str:
    words = " ".join(re.findall(r"\w+", body.lower()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


@settings(max_examples=500, deadline=None)
@given(texts)
@example(CHUNKS)
def test_word_count_is_the_patterns_count(text: str) -> None:
    assert count_words(text) == words_by_definition(text)


@settings(max_examples=500, deadline=None)
@given(texts)
@example(CHUNKS)
def test_body_hash_is_the_hash_of_its_words(text: str) -> None:
    assert body_hash(text) == hash_by_definition(text)


def test_prose_counts_as_its_words() -> None:
    prose = 'The ferry’s timetable (new, from 1.5.2026) runs "daily": 12 boats, 3,400 seats.'
    assert count_words(prose) == 12
    assert count_words("日本語の文章です and two") == 6
    assert body_hash("The  Ferry, runs!") == body_hash("the ferry runs")
    assert body_hash("Café **au** lait") == body_hash("café au lait")
