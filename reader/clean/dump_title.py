"""Which line of a text dump is its headline, and how it reads as a title: every line
near the body's start weighed by the traits of a headline."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from operator import attrgetter

from reader.clean.credits import byline_name, is_caption_like
from reader.clean.date_lines import find_date, is_date_line
from reader.clean.dump_around import credited_caption
from reader.clean.dump_lines import BAD, GOOD, SHORT, URL, Line
from reader.clean.title_text import tidy_title
from reader.lazy_pattern import LazyPattern

# Time stamps and by-lines: "Updated 9:41 AM", "2 days ago", "Published ...".
_STAMP = LazyPattern(
    r"\d:\d\d|\b(?:19|20)\d\d\b|\bago\b|(?<!\d)\d+ (?:min|minutes?|days?)\b",
    re.I,
)


_PUBLISHED = LazyPattern(r"(?:updated|published|posted|last modified)\b", re.I)


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


# How much each trait of a line near the body's start counts for its being the
# headline. Fitted as one softmax over each page's candidate lines on the multilingual
# development pages, checked on half of them left out of the fit and on the English news
# pages (whose headlines the HTML gives). The traits hold for any site: layout, punctuation,
# the words a headline shares with its body.
_WEIGHTS = {
    "headline_like": 0.95,  # _is_headline: a line of a headline's shape and no cue
    "shape": 0.15,  # _headline_score: length, stops, stamps, credits, kind of line
    "log_distance": -0.50,  # lines to the body, on a log scale
    "right_above": -0.73,  # the line right above the body is more often a standfirst
    "in_body": -3.17,  # among the body's first lines (a headline the body search took in)
    "opens_body": -0.30,
    "dated": 1.67,  # a byline or date in the three lines under it
    "date_under": 1.03,  # ... right under it
    "date_like": -0.53,  # a date itself
    "after_furniture": 0.90,  # the line above is a menu, a button, a share link
    "heads_standfirst": 0.91,
    "ends_a_trail": 1.37,  # the last step of a breadcrumb trail above
    "quoted": 0.84,  # a longer line of the page quotes it: a teaser, a share text
    "own_block": 1.50,  # a blank line above it
    "block_ends": 1.70,  # a blank line under it: it stands alone
    "list_goes_on": -0.40,  # the line under it, no blank between, is as short: a list
    "prose_between": 1.53,  # a paragraph (standfirst, teaser) between it and the body
    "body_words": 1.91,  # share of its words the body uses
    "opening_words": 1.08,  # two or more of its words in the body's first lines
    "full_stop": -1.35,
    "open_end": -2.26,  # ends with ":", "," or ";": it leads into something
    "colon": 0.76,  # "Covid-19: what we know"
    "capital": 0.40,
    "all_capitals": -1.84,  # a label: "NEWSLETTER", "MOST READ"
    "caption": -1.92,  # reads like a picture's caption or credit
    "cue": -1.12,  # a boilerplate cue: a menu item, a button, a notice
    "short_kind": 0.92,
    "prose_kind": 1.71,
    "one_word": 0.31,
}


# Words the headline shares with the body: four letters or more (no articles, no "and").
_CONTENT_WORD = LazyPattern(r"\w{4,}")


# The body's first lines, where a headline's words come back first.
_OPENING_LINES = 15


# The lines weighed: up to this many above the body, and its first few.
_LINES_ABOVE = 49


_LINES_INTO_BODY = 3


# A line not of a headline's shape is weighed only this near above the body: further up,
# none won on either development corpus, and there are many (menus).
_OTHER_LINES_ABOVE = 12


def find_title(lines: list[Line], start: int, end: int) -> int | None:
    """Index of the headline near the start of the body ``lines[start:end]``, or None.

    Each headline-shaped line among the 49 above the body and its first three, and any
    line of a headline's length among the 12 right above it, is weighed by its traits
    (``_WEIGHTS``): nearness counts for little, since a standfirst, a caption or a
    subheading often stands between the headline and the body. An unpunctuated line of
    a few words standing in a block of its own, with the byline or date under it, that
    ends a breadcrumb trail or is quoted by a teaser or share text, whose words the body
    takes up, is nearly always the headline, wherever it stands; a date, a caption, a
    menu item or a line ending in a colon seldom is.
    The traits of a line's text are weighed only while the line could still win.
    """
    body = _Body(lines, start, end)
    best: tuple[float, int] | None = None
    prose_between = False
    below_is_headline = False  # whether the line under ``k`` could be the headline
    first = min(len(lines), start + _LINES_INTO_BODY) - 1
    for k in range(first, max(-1, start - 1 - _LINES_ABOVE), -1):
        ln = lines[k]
        is_headline = _is_headline(ln)
        layout = _layout_score(lines, k, start, is_headline, below_is_headline, prose_between)
        below_is_headline = is_headline
        if k < start:
            prose_between = prose_between or ln.kind == GOOD
        # Costlier traits are weighed only while the line could still win (fast).
        if layout is None:
            continue
        w = _WEIGHTS
        layout += w["shape"] * _plain_shape_score(ln)
        if best is not None and layout + _most_from_text(ln) <= best[0]:
            continue
        score = layout + _dates_and_marks(lines, k, body)
        if not is_headline:  # a headline-shaped line is no date and no caption
            score += _text_cost(ln.text)
        if best is not None and score + _most_from_words(ln) <= best[0]:
            continue
        score += _shared_words(lines[k], k, body)
        if ln.wc >= 2 and (best is None or score + w["ends_a_trail"] + w["quoted"] > best[0]):
            if _ends_a_longer_line(body.page, body.above, ln.low):
                score += w["ends_a_trail"]
            if _inside_a_longer_line(body.page, ln.low):
                score += w["quoted"]
        if best is None or score > best[0]:
            best = (score, k)
    if best is None:
        return _dated_headline_opening(lines, start)
    return _without_kicker(lines, _below_a_kicker(lines, best[1], start))


class _Body:
    """The page and its body as ``find_title`` searches them: lower-cased text."""

    __slots__ = (
        "above",
        "datelines",
        "end",
        "lines",
        "lows",
        "opening",
        "opening_end",
        "page",
        "start",
        "text",
    )

    def __init__(self, lines: list[Line], start: int, end: int) -> None:
        self.lines = lines
        self.datelines: dict[int, bool] = {}
        lows = self.lows = list(map(attrgetter("low"), lines))
        self.page = "\n" + "\n".join(lows) + "\n"
        # page[:above] holds the lines above the body, each between newlines.
        self.above = sum(map(len, lows[:start])) + start + 1
        self.start, self.end = start, end
        self.opening_end = min(end, start + _OPENING_LINES)
        self.text = "\n".join(lows[start:end])
        self.opening = "\n".join(lows[start : self.opening_end])

    def dateline(self, k: int) -> bool:
        """Whether line ``k`` is a byline or date line (each line looked at once)."""
        found = self.datelines.get(k)
        if found is None:
            found = self.datelines[k] = _is_dateline(self.lines[k])
        return found

    def without(self, k: int) -> tuple[str, str]:
        """The body and its opening less line ``k``: a line of the body shares no words
        with itself."""
        if not self.start <= k < self.end:
            return self.text, self.opening
        lows = self.lows
        rest = "\n".join(lows[j] for j in range(self.start, self.end) if j != k)
        return rest, "\n".join(lows[j] for j in range(self.start, self.opening_end) if j != k)


def _layout_score(
    lines: list[Line],
    k: int,
    start: int,
    is_headline: bool,
    below_is_headline: bool,
    prose_between: bool,
) -> float | None:
    """The weight of line ``k``'s place and shape; None for a line that is no candidate
    (a list item, a paragraph, a body line that is no headline)."""
    ln = lines[k]
    under = lines[k + 1] if k + 1 < len(lines) else None
    if (
        ln.bullet
        or ln.numbered
        or not 1 <= ln.wc <= MAX_TITLE_WORDS
        or (k >= start and (ln.kind == GOOD or not is_headline))
        or (not is_headline and start - k > _OTHER_LINES_ABOVE)
    ):
        return None
    w = _WEIGHTS
    text = ln.text
    return (
        w["headline_like"] * is_headline
        + w["log_distance"] * math.log(max(start - k, 1))
        + w["right_above"] * (k == start - 1)
        + w["in_body"] * (k >= start)
        + w["opens_body"] * (k == start)
        + w["after_furniture"] * (k > 0 and lines[k - 1].kind == BAD)
        + w["heads_standfirst"]
        * (below_is_headline and under is not None and _heads_a_standfirst(ln, under))
        + w["own_block"] * ln.blank_before
        + w["block_ends"] * (under is not None and under.blank_before)
        + w["list_goes_on"]
        * (below_is_headline and k + 1 < start and under is not None and not under.blank_before)
        + w["prose_between"] * prose_between
        + w["full_stop"] * text.endswith(".")
        + w["open_end"] * text.endswith((":", ",", ";"))
        + w["colon"] * (":" in text)
        + w["capital"] * text[:1].isupper()
        + w["all_capitals"] * text.isupper()
        + w["cue"] * (ln.reason is not None)
        + w["short_kind"] * (ln.kind == SHORT)
        + w["prose_kind"] * (ln.kind == GOOD)
        + w["one_word"] * (ln.wc == 1)
    )


def _dates_and_marks(lines: list[Line], k: int, body: _Body) -> float:
    """The weight of the byline or date under line ``k`` and of the marks against it."""
    w = _WEIGHTS
    return (
        w["dated"] * _is_dated(lines, k, body.start, body.dateline)
        + w["date_under"] * (k + 1 < len(lines) and body.dateline(k + 1))
        - w["shape"] * _marks_against(lines[k].text)
    )


def _shared_words(ln: Line, k: int, body: _Body) -> float:
    """The weight of the words line ``k`` shares with the body and its opening."""
    own = set(_CONTENT_WORD.regex.findall(ln.low))
    if not own:
        return 0.0
    words_in, words_opening = body.without(k)
    shared = sum(_uses(words_in, word) for word in own)
    w = _WEIGHTS
    return w["body_words"] * shared / len(own) + w["opening_words"] * (
        shared >= 2 and sum(_uses(words_opening, word) for word in own) >= 2
    )


def _text_cost(text: str) -> float:
    """The weight of what a line says against it: a date, a caption."""
    w = _WEIGHTS
    return w["date_like"] * is_date_line(text) + w["caption"] * (
        is_caption_like(text) or credited_caption(text)
    )


def _most_from_words(ln: Line) -> float:
    """The most the words a line shares with the body and the page searches can add to
    its weight: two shared words or more, and the searches, only in a line of two words
    or more."""
    w = _WEIGHTS
    most = w["body_words"]
    if ln.wc >= 2:
        most += w["opening_words"] + w["ends_a_trail"] + w["quoted"]
    return most


def _most_from_text(ln: Line) -> float:
    """The most the traits of a line's text can add to its weight: dates under it (only
    under a line that ``_is_dated`` could hold dated) and ``_most_from_words``; the
    marks against it, a date, a caption only take away."""
    w = _WEIGHTS
    could_be_dated = ln.wc >= 4 and not ln.text.endswith(".")
    return w["dated"] * could_be_dated + w["date_under"] + _most_from_words(ln)


#: Lines longer than this (words) are paragraphs, never headlines.
MAX_TITLE_WORDS = 40


def _below_a_kicker(lines: list[Line], k: int, start: int) -> int:
    """The headline under line ``k`` when ``k`` is its kicker: a label of one or two words
    (a section, a place) right above a headline-like line of four words or more."""
    under = k + 1
    if lines[k].wc <= 2 and under < start and lines[under].wc >= 4 and _is_headline(lines[under]):
        return under
    return k


def _uses(text: str, word: str) -> bool:
    """Whether ``word`` stands in ``text`` as a word of its own, not inside a longer one.

    Looked up where it is found: faster than splitting a long body into its words."""
    at = text.find(word)
    while at >= 0:
        after = at + len(word)
        if not (at and _word_char(text[at - 1])) and not (
            after < len(text) and _word_char(text[after])
        ):
            return True
        at = text.find(word, at + 1)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def headline_text(lines: list[Line], k: int) -> str:
    """The headline on line ``k`` as a reader should see it (``tidy_title``), and without
    a kicker set before it with a spaced colon ("Covid-19 : How the virus spreads", two
    parts of a heading run together), unless the page is in French, which sets a space
    before every colon."""
    text = tidy_title(lines[k].text)
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


def _is_dated(
    lines: list[Line], k: int, stop: int, dateline: Callable[[int], bool] | None = None
) -> bool:
    """Whether line ``k`` is a headline-like line of a few words with a byline or date
    in the three lines under it (before ``stop``): under a standfirst or a picture.
    ``dateline`` tells a line by its index (``_is_dateline`` unless given)."""
    ln = lines[k]
    if ln.wc < 4 or ln.text.endswith("."):
        return False  # a name ("Zac Hall"), a count ("New, 6 comments"), a sentence
    below = range(k + 1, min(stop, k + 4))
    if dateline is None:
        return any(_is_dateline(lines[j]) for j in below)
    return any(dateline(j) for j in below)


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
    return _plain_shape_score(ln) - _marks_against(ln.text)


def _plain_shape_score(ln: Line) -> float:
    """``_headline_score`` before the marks a pattern finds, which only take away."""
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
    if text.endswith("."):
        score -= 3
    if text[:1].islower():
        score -= 3
    if ln.kind == GOOD:
        score -= 4
    return score


def _marks_against(text: str) -> float:
    """What a headline seldom holds: a time stamp or address, a credit, "Published",
    two sentences."""
    against = 0.0
    if _STAMP.regex.search(text) or "@" in text:
        against += 6
    if _CREDIT_MARK.regex.search(text):
        against += 4  # "The harbour at dawn © Jo Amory / Agency": a caption's credit
    if _PUBLISHED.regex.match(text):
        against += 6
    if _MID_SENTENCE.regex.search(text):
        against += 3
    return against
