"""How a title reads: the words of the headline, without what the page set around them."""

from __future__ import annotations

from reader.clean.prose import shown
from reader.lazy_pattern import LazyPattern

# What a link sets before its text, a space after it: "» ", "[> ", "• " (not a German
# quotation mark, "»Quoted«", nor a French one, "« Cité »").
_LEADING_MARKS = LazyPattern(r"^(?:[\[\]>»›•·|*#]+\s+)+")


# A date and a separator before a headline: "23.01.2022 - ", "2022-01-23 | ".
_DATE_BEFORE = LazyPattern(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s+[-–—|:]\s+")


#: What must be left of a title after a date before it is taken off.
_WORDS_AFTER_DATE = 3


def tidy_title(text: str) -> str:
    """``text`` without the invisible hyphens of its long words, runs of spaces, and a
    link's arrow or a date set before it ("» Headline", "23.01.2022 - Headline")."""
    text = " ".join(shown(text).split())
    text = _LEADING_MARKS.regex.sub("", text) or text
    dated = _DATE_BEFORE.regex.match(text)
    if dated and len(text[dated.end() :].split()) >= _WORDS_AFTER_DATE:
        text = text[dated.end() :]
    return text
