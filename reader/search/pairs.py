"""Adjacent pairs of common words, indexed as one token each, so that a phrase of two
common words is one lookup instead of a walk through their positions.

FTS5 checks a phrase by reading the positions of each of its words in every article that
holds them all. For a rare word that is cheap; for "of the" at 100k articles it is ten
million positions (80 ms of CPU), and a phrase with one common word costs in proportion to
the other word's articles times the common word's positions. So after its own text, each
title and body is indexed with one token per adjacent pair of *heavy* words (in over a
sixth of the articles: ``HEAVY_SHARE``), the two words joined by a private-use
character no text is made of (``JOIN``). A phrase of two heavy words then matches that one
token: its list of articles is the exact answer, and BM25 ranks it as it would the phrase
(the token occurs once per occurrence of the phrase).

Which words are heavy is decided once, when the index first holds ``HEAVY_FROM`` articles
(from their word counts), and kept until the index is rebuilt: a later change of the set
would leave older articles without tokens a phrase looks for. Until then (a small index,
where a phrase is cheap) no pairs are indexed; the articles indexed before the choice get
theirs in the same transaction that records it, so that from then on every article holds
the pair token of every pair of heavy words in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

JOIN = "\ue000"
"""Joins the two words of a pair token: private use (FTS5 keeps it inside a token), and not
a character ``text.tokens`` ever keeps in a word."""
HEAVY_SHARE = 6
"""A word is heavy when over 1/this of the articles hold it: a phrase with a lighter word
then reads the positions of at most a sixth of the articles. Lower, the index grows (see
the search figures in the README: the pair tokens are a fifth of it)."""
HEAVY_FROM = 5000
"""Articles the index holds before the heavy words are chosen: fewer say too little about
which words are heavy, and below this a phrase is cheap anyway (5 ms for "of the"), while
indexing the pairs would make building a small index two thirds longer."""

NO_PAIRS, HEAVY_PAIRS = 0, 1
"""Whether an article was indexed with its pair tokens (kept per article, to remove it)."""


def pair_token(first: str, second: str) -> str:
    """The token that stands for ``first second`` side by side."""
    return f"{first}{JOIN}{second}"


def pair_text(words: list[str], heavy: frozenset[str]) -> str:
    """The pair tokens of a title or body, given its words in order: one for each adjacent
    pair of heavy words."""
    return " ".join(f"{a}{JOIN}{b}" for a, b in pairwise(words) if a in heavy and b in heavy)


def heavy_words(counts: Mapping[str, int], articles: int) -> frozenset[str]:
    """The words held by over 1/``HEAVY_SHARE`` of ``articles`` (``counts``: how many
    articles hold each word)."""
    return frozenset(word for word, df in counts.items() if df * HEAVY_SHARE > articles)
