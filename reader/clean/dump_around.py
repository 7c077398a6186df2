"""The lines around a text dump's body: a byline run into its date, picture captions
and their credits, and the source a copyright notice or an appeal names."""

from __future__ import annotations

from reader.clean.credits import copyright_holder, is_caption_like
from reader.clean.cue_phrases import GALLERY_COUNTER
from reader.clean.dump_lines import URL, Line
from reader.lazy_pattern import LazyPattern

# "Jane Doe - Nov 19, 2019": a name, a separator, then (elsewhere on the line) a date.
NAME_BEFORE_DATE = LazyPattern(r"([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})\s*[-–—|·]\s+\S")


def credited_caption(text: str) -> bool:
    """A picture caption with its credit run on: "Pupils arrive at 7 a.m. Jo Amory / Post".

    A sentence followed by a short tail that reads like a credit (a slash, or only
    capitalised words) is a caption, never a headline, however headline-like its length.
    """
    head, dot, tail = text.rpartition(". ")
    if not dot or len(head.split()) < 4 or not 1 <= len(tail.split()) <= 8:
        return False
    if not (head[-1].islower() or head[-1].isdigit()):
        return False  # "L.A. Auto Show": an abbreviation, not the end of a sentence
    return not tail.rstrip().endswith((".", "!", "?")) and _looks_like_credit(tail)


def mark_captions(lines: list[Line], start: int, end: int, reasons: dict[int, str]) -> None:
    """Mark picture captions in the body: a line followed, in the same block, by a short
    credit, and the line under a gallery's counter ("Image 2 of 5").

    A caption and its credit ("Photo agency", "Name/Agency") form a block of their own
    (blank lines around, no blank between), or close a block when the credit names an
    agency ("Jo Amory | Getty Images"); a heading followed by its paragraph is the other
    way round (short line first).
    """
    for i in range(max(start, 1), min(end, len(lines) - 1)):
        cap, credit = lines[i], lines[i + 1]
        counter = lines[i - 1]
        if (
            counter.reason == "caption"
            and counter.wc <= 5
            and _GALLERY_COUNTER.regex.match(counter.low)
        ):
            if cap.wc <= _GALLERY_CAPTION_WORDS and not cap.bullet:
                reasons[cap.idx] = "caption"  # "Image 2 of 5", then that picture's caption
            continue
        if credit.blank_before or cap.wc > 60 or cap.bullet:
            continue
        if not cap.blank_before and not is_caption_like(credit.text):
            continue  # a caption closing a block is known by an agency's credit under it
        if i + 2 < len(lines) and not lines[i + 2].blank_before:
            continue
        if cap.numbered or credit.bullet or credit.sentence or credit.wc > 8 or cap.wc <= credit.wc:
            continue
        if _looks_like_credit(credit.text):
            reasons[cap.idx] = "caption"
            reasons[credit.idx] = "caption"


_GALLERY_COUNTER = LazyPattern(GALLERY_COUNTER)


# A gallery picture's caption is at most this long (words); longer is the article again.
_GALLERY_CAPTION_WORDS = 40


def _looks_like_credit(text: str) -> bool:
    """Whether a short line reads like a photo credit: capitalised names, agencies, slashes."""
    if URL.regex.match(text):
        return False
    if "/" in text or is_caption_like(text):
        return True
    words = text.split()
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def find_source(lines: list[Line], end: int) -> str | None:
    """The site or publisher: named by a dated copyright notice after the body or, failing
    that, by an appeal the page dropped ("Support The Moscow Times!")."""
    for ln in reversed(lines[end:]):
        if ln.reason == "copyright":
            holder = copyright_holder(ln.text)
            if holder:
                return holder
    for ln in lines:
        if ln.reason is not None and ln.wc <= 8 and (m := _APPEAL_TO.regex.match(ln.text)):
            return m.group(1)
    return None


# "Support The Moscow Times!", "A Message from The Daily Post:": a publication's own appeal.
_APPEAL_TO = LazyPattern(
    r"(?:[Ss]upport|SUPPORT|A [Mm]essage [Ff]rom)\s+((?:[Tt]he\s+)?[A-Z][\w'’&.-]*"
    r"(?:\s+[A-Z][\w'’&.-]*){0,4})(?:\s*+[!:])?\s*+$"
)
