"""Why a line or paragraph looks like page furniture, from the cue tables.

Nothing here knows about a particular site: the cues (``cue_labels``, ``cue_phrases``)
are common phrasings of page furniture (donation appeals, newsletter sign-ups, "Read
more", share and comment labels, cookie notices, menus...) in a few languages. Pictures'
credits, bylines and copyright holders are in ``credits``; dates in ``date_lines``.

- :func:`boilerplate_reason` -- why a line or paragraph looks like boilerplate, or None
  (reasons: "share", "read more", "advertisement", "comments", "related",
  "navigation", "newsletter", "donation appeal", "cookie notice", "copyright",
  "legal notice", "company profile", "subscription");
- :func:`label_reason` -- the same for a whole-line label only ("Share", "Weiterlesen");
- :func:`reason_for_lowered` -- :func:`boilerplate_reason` for callers that already
  lower-cased and split the text (saves work in tight loops).
"""

from __future__ import annotations

from functools import cache

from reader.clean.cue_labels import LABELS, PUNCT_STRIP, norm_label
from reader.clean.cue_phrases import (
    ANY_INDEX,
    ANY_SUBSTRING,
    ANY_TRIGGERS,
    FIRST_INDEX,
    FIRST_TRIGGERS,
    LAST_INDEX,
    LAST_TRIGGERS,
    PHRASES,
    SUBSTRING_RULES,
)
from reader.lazy_pattern import LazyPattern

_WORD = LazyPattern(r"\w+")


def boilerplate_reason(text: str) -> str | None:
    """Say why ``text`` (one line or paragraph, bullets removed) looks like boilerplate.

    Returns a short reason such as ``"share"``, ``"read more"``, ``"newsletter"``,
    ``"donation appeal"``, ``"cookie notice"``, ``"copyright"``, ``"legal notice"``,
    ``"company profile"``, ``"comments"``, ``"subscription"``, ``"related"``,
    ``"advertisement"`` or ``"navigation"``, or None when no cue fires. Very long
    paragraphs are only tested at their start and end.
    """
    low = text.lower()
    return reason_for_lowered(low, _WORD.regex.findall(low))


def label_reason(low: str) -> str | None:
    """The reason for a lower-cased line that is exactly a known label ("share", "read more"...)."""
    return LABELS.get(norm_label(low)) if len(low) <= 60 else None


def reason_for_lowered(low: str, tokens: list[str]) -> str | None:
    """:func:`boilerplate_reason` for a text already lower-cased, given its tokens.

    ``tokens`` are the ``\\w+`` runs of ``low`` or, cheaper, its whitespace-separated
    parts; those lose their marks when one of them is a trigger word with a mark stuck to
    it ("updated:", "(kommentare"), which would hide it from the trigger test, and a
    compound's parts count as words too ("hafen-newsletter:").
    """
    if not tokens:
        return None
    if not stuck_triggers().isdisjoint(tokens):
        tokens = [token.strip(PUNCT_STRIP) for token in tokens]
    if "-" in low:
        # "Hafen-Newsletter:", "e-paper": the parts of a compound are words too
        tokens = [
            *tokens,
            *(
                part.strip(PUNCT_STRIP)
                for token in tokens
                if "-" in token
                for part in token.split("-")
            ),
        ]
    if len(low) <= 60:
        label = LABELS.get(norm_label(low))
        if label is not None:
            return label
    if len(low) > 600:
        low = low[:300] + " " + low[-300:]
        tokens = low.split()
    first, last = tokens[0].strip(PUNCT_STRIP), tokens[-1].strip(PUNCT_STRIP)
    ascii_only = low.isascii()
    # The trigger words the text holds: a set of a word or two, cheap to test each rule on.
    present = _NONE if ANY_TRIGGERS.isdisjoint(tokens) else ANY_TRIGGERS.intersection(tokens)
    if (
        first not in FIRST_TRIGGERS
        and last not in LAST_TRIGGERS
        and not present
        and (ascii_only or ANY_SUBSTRING.regex.search(low) is None)
    ):
        return None
    for position in _candidates(present, first, last, low, ascii_only):
        reason, _, _, _, literals, anchored, needles, floating = PHRASES[position]
        if any(lit in low for lit in literals):
            return reason
        if anchored is not None and anchored.regex.search(low) is not None:
            return reason
        if floating is None or (needles is not None and not any(n in low for n in needles)):
            continue
        if floating.regex.search(low) is not None:
            return reason
    return None


_NONE: frozenset[str] = frozenset()


def _candidates(
    present: frozenset[str], first: str, last: str, low: str, ascii_only: bool
) -> list[int]:
    """The positions in ``PHRASES`` of the rules the text's words set off, in rule order."""
    found: list[int] = []
    for word in present:
        found.extend(ANY_INDEX[word])
    found.extend(FIRST_INDEX.get(first, ()))
    found.extend(LAST_INDEX.get(last, ()))
    if not ascii_only:
        found.extend(
            position
            for position in SUBSTRING_RULES
            if any(sub in low for sub in PHRASES[position][3])
        )
    if len(found) > 1:
        return sorted(set(found))
    return found


#: Punctuation that sticks to a word's start or end in running text.
_OPENING_MARKS = "(\"'“„«»[¿¡"
_CLOSING_MARKS = ":;,.!?)\"'”»«…]"


@cache
def stuck_triggers() -> frozenset[str]:
    """The cues' trigger words with a mark stuck to them ("updated:", "(kommentare"): a
    line holding one of these has its words' marks taken off before the test. Built
    on first use, a few thousand short strings."""
    words = ANY_TRIGGERS
    return frozenset(
        [
            *(word + mark for word in words for mark in _CLOSING_MARKS),
            *(mark + word for word in words for mark in _OPENING_MARKS),
        ]
    )
