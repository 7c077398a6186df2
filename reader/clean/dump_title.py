"""Around the body of a text dump: the headline above it, the byline, date and captions
between them, and the source named by a copyright notice or an appeal."""

from __future__ import annotations

import re
from operator import attrgetter

from reader.clean.credits import byline_name, copyright_holder, is_caption_like
from reader.clean.date_lines import find_date, is_date_line
from reader.clean.dump_lines import BAD, GOOD, URL, Line
from reader.clean.prose import visible
from reader.lazy_pattern import LazyPattern

# Time stamps and by-lines: "Updated 9:41 AM", "2 days ago", "Published ...".
_STAMP = LazyPattern(
    r"\d:\d\d|\b(?:19|20)\d\d\b|\bago\b|(?<!\d)\d+ (?:min|minutes?|days?)\b",
    re.I,
)


_PUBLISHED = LazyPattern(r"(?:updated|published|posted|last modified)\b", re.I)


# "Jane Doe - Nov 19, 2019": a name, a separator, then (elsewhere on the line) a date.
NAME_BEFORE_DATE = LazyPattern(r"([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})\s*[-–—|·]\s+\S")


# A copyright sign, or a slash or bar between words: credits and labels, not headlines.
_CREDIT_MARK = LazyPattern(r"©| [/|] ")


_MID_SENTENCE = LazyPattern(r"[a-z]{2}[.!?] [A-Z]")


def _is_headline(ln: Line) -> bool:
    """Whether a line could be the article's headline."""
    if ln.bullet or ln.numbered or not 1 <= ln.wc <= 40 or ln.reason is not None:
        return False
    text = ln.text
    if text.endswith((":", ",", ";")):
        return False
    if ln.kind == GOOD and ln.wc > 15 and text.endswith("."):
        return False  # a paragraph, not a headline
    return not (
        URL.regex.match(text)
        or is_date_line(text)
        or byline_name(text)
        or is_caption_like(text)
        or credited_caption(text)
        or _labelled_values(text)
    )


def _labelled_values(text: str) -> bool:
    """A line of labelled facts, not a headline: "Reading time: 2 minutes", "Tested by: Jo
    Ames RRP: 49.95 Euro". Two labels, or one whose value is a short figure."""
    parts = text.split(": ")
    if len(parts) > 2:
        return True
    if len(parts) == 2:
        label, value = parts[0].split(), parts[1].split()
        return len(label) <= 3 and len(value) <= 3 and any(ch.isdigit() for ch in parts[1])
    return False


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


def find_title(lines: list[Line], start: int) -> int | None:
    """Index of the headline above the body start ``start`` (failing one, among the
    body's first lines), or None.

    Nearer lines score a little higher: a standfirst, a caption or a subheading often
    stands between the headline and the body, so distance weighs lightly. An
    unpunctuated line of a few words with the byline or date under it (right under it,
    or under its standfirst or picture) is nearly always the headline, wherever it
    stands; so, less surely, is the first line after the page's menus and buttons, and
    a line that ends another line above it: the last step of a breadcrumb trail ("Home
    » Travel » Emden") or of a numbered one. A line that a longer line elsewhere on the
    page quotes (a teaser, a share text, a list of the most read) is likelier the
    headline, and so is a line right above a longer headline-like one: the standfirst
    follows the headline, not the other way round.
    """
    best: tuple[float, int] | None = None
    lows = list(map(attrgetter("low"), lines))
    page = "\n" + "\n".join(lows) + "\n"
    # page[:above] holds the lines above the body, each between newlines.
    above = sum(map(len, lows[:start])) + start + 1
    below_is_headline = False  # whether the line under ``k`` could be the headline
    for k in range(start - 1, max(-1, start - 50), -1):
        ln = lines[k]
        is_headline = _is_headline(ln)
        heads_a_standfirst = below_is_headline and _heads_a_standfirst(ln, lines[k + 1])
        below_is_headline = is_headline
        if is_headline:
            dated = _is_dated(lines, k, start)
            # A dated headline may stand far above the body: its distance weighs half.
            score = _headline_score(ln) - (start - k) * (0.1 if dated else 0.2)
            if dated:
                score += 5
            if k > 0 and lines[k - 1].kind == BAD:
                score += 1
            if heads_a_standfirst:
                score += 3
            # The page is searched only for a line that could still win (fast).
            if ln.wc >= 2 and (best is None or score + 6 > best[0]):
                if _ends_a_longer_line(page, above, ln.low):
                    score += 3
                if (best is None or score + 3 > best[0]) and _inside_a_longer_line(page, ln.low):
                    score += 3
            if best is None or score > best[0]:
                best = (score, k)
    if best is None:
        return _dated_headline_opening(lines, start)
    return _without_kicker(lines, best[1])


def headline_text(lines: list[Line], k: int) -> str:
    """The headline on line ``k`` as a reader should see it: without the invisible
    hyphens of its long words, and without a kicker set before it with a spaced colon
    ("Covid-19 : How the virus spreads", two parts of a heading run together), unless
    the page is in French, which sets a space before every colon."""
    text = visible(lines[k].text)
    _kicker, colon, rest = text.partition(" : ")
    if colon and len(rest.split()) >= 3 and not _reads_french(lines):
        return rest
    return text


# Short words frequent in French and rare in the other languages written with a colon
# unspaced.
_FRENCH_WORDS = frozenset(
    [
        "les",
        "des",
        "une",
        "est",
        "dans",
        "pour",
        "qui",
        "sur",
        "pas",
        "du",
        "aux",
        "et",
        "avec",
        "cette",
        "sont",
        "par",
        "plus",
    ]
)


def _reads_french(lines: list[Line]) -> bool:
    """Whether the page's prose is French: one word in twenty-five among its commonest."""
    words = " ".join(ln.low for ln in lines if ln.kind == GOOD).split()
    return sum(word in _FRENCH_WORDS for word in words) * 25 >= len(words) > 0


def _dated_headline_opening(lines: list[Line], start: int) -> int | None:
    """With no headline above the body, one among its first lines with the byline or
    date under it: the body's run of prose then began with a notice or a teaser."""
    for k in range(start, min(len(lines), start + 10)):
        if lines[k].kind != GOOD and _is_headline(lines[k]) and _is_dated(lines, k, len(lines)):
            return k
    return None


def _is_dated(lines: list[Line], k: int, stop: int) -> bool:
    """Whether line ``k`` is a headline-like line of a few words with a byline or date
    in the three lines under it (before ``stop``): under a standfirst or a picture."""
    ln = lines[k]
    return (
        ln.wc >= 4  # not a name ("Zac Hall") or a count ("New, 6 comments")
        and not ln.text.endswith(".")
        and any(_is_dateline(below) for below in lines[k + 1 : min(stop, k + 4)])
    )


def _without_kicker(lines: list[Line], k: int) -> int:
    """The line next to the headline ``k`` that repeats its end, if any: the headline
    alone, where ``k`` runs a kicker into it ("Paris 2024 Boats bring the drinks in"
    next to "Boats bring the drinks in")."""
    low = lines[k].low
    for j in (k - 1, k + 1):
        if 0 <= j < len(lines):
            other = lines[j]
            if other.wc >= 3 and len(other.low) < len(low) and low.endswith(other.low):
                return j
    return k


def _ends_a_longer_line(page: str, above: int, low: str) -> bool:
    """Whether ``low`` ends some longer line of ``page[:above]`` (lines between
    newlines): a breadcrumb trail or a numbered trail naming the page."""
    ends = page.count(low + "\n", 0, above)
    return ends > 0 and ends > page.count("\n" + low + "\n", 0, above)


def _inside_a_longer_line(page: str, low: str) -> bool:
    """Whether ``low`` is part of some longer line of ``page`` (lines between newlines):
    the headline quoted by a teaser, a share text or a list of the most read."""
    found = page.count(low)
    return found > 1 and found > page.count("\n" + low + "\n")


def _heads_a_standfirst(ln: Line, below: Line) -> bool:
    """Whether ``ln`` is a headline with its standfirst, a headline-like line, right under
    it: a headline of four words or more, not a sentence, over a longer line. A kicker
    above a headline is shorter, or a single capitalised label ("ANALYSIS Rates stay put")."""
    first = ln.text.split(None, 1)[0]
    return (
        ln.wc >= 4
        and below.wc >= ln.wc
        and not ln.text.endswith(".")
        and not (len(first) > 3 and first.isupper())
    )


def _is_dateline(ln: Line) -> bool:
    """A byline or date line, as found under headlines."""
    if ln.reason == "date" or ln.wc > 20:
        return ln.reason == "date"
    text = ln.text
    return bool(_PUBLISHED.regex.match(text) or byline_name(text) or find_date(text))


def _headline_score(ln: Line) -> float:
    """How much a line looks like a headline, leaving its distance to the body aside."""
    text = ln.text
    score = 10.0
    if 5 <= ln.wc <= 20:
        score += 3
    elif ln.wc <= 2:
        score -= 6 if ln.wc == 1 else 4  # a one-word headline ("Zeitphilosophie") is rare
    if ln.blank_before:
        score += 1
    if ln.repeated:
        score += 1
    if _STAMP.regex.search(text) or "@" in text:
        score -= 6
    if _CREDIT_MARK.regex.search(text):
        score -= 4  # "The harbour at dawn © Jo Amory / Agency": a caption's credit
    if _PUBLISHED.regex.match(text):
        score -= 6
    if text.endswith("."):
        score -= 3
    if _MID_SENTENCE.regex.search(text):
        score -= 3
    if text[:1].islower():
        score -= 3
    if ln.kind == GOOD:
        score -= 4
    return score


def mark_captions(lines: list[Line], start: int, end: int, reasons: dict[int, str]) -> None:
    """Mark picture captions in the body: a line followed, in the same block, by a short credit.

    A caption and its credit ("Photo agency", "Name/Agency") form a block of their own
    (blank lines around, no blank between); a heading followed by its paragraph is the
    other way round (short line first).
    """
    for i in range(max(start, 1), min(end, len(lines) - 1)):
        cap, credit = lines[i], lines[i + 1]
        if not cap.blank_before or credit.blank_before or cap.wc > 60 or cap.bullet:
            continue
        if i + 2 < len(lines) and not lines[i + 2].blank_before:
            continue
        if cap.numbered or credit.bullet or credit.sentence or credit.wc > 8 or cap.wc <= credit.wc:
            continue
        if _looks_like_credit(credit.text):
            reasons[cap.idx] = "caption"
            reasons[credit.idx] = "caption"


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
