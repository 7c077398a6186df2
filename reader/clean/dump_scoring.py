"""Which lines of a text dump are prose, furniture or hard boundaries, and where the body runs.

Prose scores positive, less so inside blocks of adjacent lines; furniture negative; hard
boundaries (newsletter, donation, comment or related-links boxes) very negative, with
prose after them discounted. The body is the best-scoring contiguous run of lines
(maximum-sum subarray), then grown over short sentences and announced lists.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.clean.date_lines import is_date_line
from reader.clean.dump_lines import BAD, GOOD, HAS_DIGIT, LONG_LINE, SHORT, TABLE_ROW, URL, Line
from reader.lazy_pattern import LazyPattern

# Reasons after which an article seldom resumes: crossing one costs a lot.
HARD = frozenset(
    {
        "newsletter",
        "donation appeal",
        "comments",
        "cookie notice",
        "copyright",
        "subscription",
        "related",
        "author bio",  # "Jane Doe is a freelance writer...": the article has ended
    }
)


# Scoring weights (tuned on the dev corpus, generic by design):
# a prose line scores its words minus _GOOD_OFFSET; inside a block of adjacent
# lines (no blank line around it) it counts _W_IN_BLOCK, at a block edge _W_BLOCK_EDGE.
_GOOD_OFFSET = 6


_W_IN_BLOCK = 0.3


_W_BLOCK_EDGE = 0.6


# Short lines cost 2-3 points, _W_SHORT_RUN times more when they come in runs.
_W_SHORT_RUN = 2.0


# After a hard boundary that follows at least _DECAY_AFTER_WORDS words of prose,
# later prose is multiplied by _DECAY[reason] (or _DECAY_DEFAULT).
_DECAY_AFTER_WORDS = 15


_DECAY_DEFAULT = 0.5


_DECAY = {"comments": 0.2}


# A related-links heading followed within this many lines by a paragraph is inline.
_INLINE_BOX_LINES = 5


# Rows of a plain-text table are content, worth a little each.
_TABLE_ROW_SCORE = 2.0


# A prose line right under a date stamp in the same block (a teaser card).
_W_CARD = 0.3


# Short lines ending with a stop and at least this many words may extend the body.
_SHORT_SENTENCE_WORDS = 4


# A table of contents: at least this many entries of at most this many words.
_CONTENTS_ENTRIES = 3


_CONTENTS_ENTRY_WORDS = 12


# A short line ending with a stop and this many words is a sentence, not a menu item:
# it costs no more for standing among other short lines.
_RUN_SENTENCE_WORDS = 7


# A line above the body ending with a stop and at least this many words opens the body.
_OPENING_SENTENCE_WORDS = 3


_PUNCT_CHARS = ".,;:!?。、，！？："


_PUNCT = LazyPattern(f"[{_PUNCT_CHARS}]")


_PIPE_MENU = LazyPattern(r"\s[|·•]\s.*\s[|·•]\s|\S\s+/\s+\S.*\s/\s")


# "Jane Doe is a freelance writer based in Oslo.", "Jo Ames ist Redakteurin bei ...",
# "Jo Ames is the Founder of ...": a name, a verb of being, a few words, a trade that
# writes ("Jo Ames is said to have told the editor" is a sentence, not a bio).
_AUTHOR_BIO = LazyPattern(
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} (?:is|was|ist|war|est|es|è) "
    r"(?:(?:a|an|the|ein|eine|un|une|una|uno|el|la|le) )?(?:[\w'’-]+,? ){0,4}(?i:writer|"
    r"reporter|editor|journalist|correspondent|contributor|author|columnist|freelancer?|producer|"
    r"educator|fellow|analyst|blogger|critic|founder|consultant|head of|redakteur(?:in)?|"
    r"journalistin|autor(?:in)?|korrespondent(?:in)?|kolumnist(?:in)?|journaliste|"
    r"rédact(?:eur|rice)|periodista|redactor(?:a)?|escritor(?:a)?|giornalista)\b"
)


# The verbs the pattern needs, looked for first (cheap).
_BIO_VERB = LazyPattern(" (?:is|was|ist|war|est|es|è) ")


# "About Jane Doe", "Über Moritz Bachmann", "Sobre Carlos Nadalim": the heading of an
# author's bio, two or three capitalised names after the word.
_ABOUT_NAME = LazyPattern(
    r"(?:About|Über|Sobre|Acerca de|À propos de|A propos de|O autorze)"
    r"(?! (?:The|This|These|Our|Us|Uns|Unser|Nosotros|Nous)\b)(?: [A-ZÀ-ÖØ-Þ][\w'’.-]+){2,3}$"
)


# A teaser card holds a sentence or two: a longer paragraph trailing off in "..." is
# the article's own (a quote left open, a list going on).
_TEASER_WORDS = 40


# A teaser cut short by the site: "...and the council said it wou…"
_TRUNCATED = LazyPattern(r"\w(?:\.\.\.|…)$")


_RELATIVE_TIME = LazyPattern(
    r"\d+\s*(?:[smhdw]|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b",
    re.I,
)


_TIME_WORDS = frozenset({"yesterday", "today", "just now"})


def _is_prose(ln: Line) -> bool:
    """Whether a line reads like running text: long enough and punctuated like sentences."""
    if ln.wc < 10:
        return False
    if ln.sentence:
        return True
    # Long lines without a final stop must still be punctuated inside
    # (tag clouds and menus flattened into one line are not).
    return ln.wc >= 20 and _punctuation(ln.text) * 25 >= ln.wc


def _punctuation(text: str) -> int:
    """How many punctuation marks ``text`` holds (counted in place on long lines)."""
    if len(text) > LONG_LINE:
        return sum(map(text.count, _PUNCT_CHARS))
    return len(_PUNCT.regex.findall(text))


def classify(lines: list[Line]) -> None:
    """Set ``kind`` (prose, short, boilerplate) and ``score`` of each line."""
    counts = Counter([ln.low for ln in lines if ln.wc < 15])
    for ln in lines:
        repeated = ln.repeated = ln.wc < 15 and counts[ln.low] > 1
        if ln.reason is None:
            ln.reason = _structural_reason(ln)
        if ln.reason is not None:
            ln.kind = BAD
        elif not repeated and _is_prose(ln):
            ln.kind = GOOD
        else:
            ln.kind = SHORT
    _mark_menus(lines)
    _mark_contents(lines, counts)
    _score(lines)


def _score(lines: list[Line]) -> None:
    """Give each classified line the score the body search adds up."""
    n = len(lines)
    # Past a hard boundary that follows some prose (end of article: comments,
    # related links, appeals), prose counts for less and less.
    # A run of boundary lines with no prose between counts once, at its strongest.
    decay, pending, prose_seen = 1.0, 1.0, 0
    in_list = False  # inside list items announced by a line ending with ":"
    for i, ln in enumerate(lines):
        kind, reason = ln.kind, ln.reason
        is_item = ln.bullet or ln.numbered
        if reason == "contents":
            ln.score = 0.0  # the article's own table of contents: no gap in it
            continue
        if kind == BAD and reason not in HARD:
            # Plain furniture (the most common line): a fixed cost.
            in_list = in_list and is_item
            ln.score = -5.0
            continue
        in_list = (in_list and is_item) or (kind != BAD and not is_item and ln.text.endswith(":"))
        # Inline related-links boxes and one-word list items (share or comment
        # buttons in a toolbar) are soft breaks.
        inline_box = (ln.bullet and ln.wc <= 2) or (
            reason == "related" and _paragraph_follows(lines, i)
        )
        if kind == BAD and not inline_box and prose_seen >= _DECAY_AFTER_WORDS:
            pending = min(pending, _DECAY.get(reason or "", _DECAY_DEFAULT))
        if kind == GOOD:
            decay *= pending
            pending = 1.0
            prose_seen += ln.wc
            ln.score = float(min(ln.wc, 150) - _GOOD_OFFSET) * (0.5 if ln.bullet else 1.0) * decay
            # Body paragraphs stand alone between blank lines; teasers and link
            # lists come as runs of adjacent lines.
            blank_after = i + 1 == n or lines[i + 1].blank_before
            if not (ln.blank_before or blank_after):
                ln.score *= _W_IN_BLOCK
            elif not (ln.blank_before and blank_after):
                ln.score *= _W_BLOCK_EDGE
                if not ln.blank_before and lines[i - 1].reason == "date":
                    # A summary under a date stamp in one block: a teaser card.
                    ln.score *= _W_CARD
        elif kind == SHORT and "  " in ln.text and TABLE_ROW.regex.search(ln.text):
            # Table rows (columns aligned with runs of spaces) are content.
            ln.score = _TABLE_ROW_SCORE
        elif kind == SHORT and ((in_list and is_item) or ln.quantity):
            ln.score = 0.0  # a list the article announced, or a list of amounts
        elif kind == SHORT:
            plain = not (ln.bullet or ln.repeated)
            ln.score = -2.0 if plain else -3.0
            sentence = plain and ln.sentence and ln.wc >= _RUN_SENTENCE_WORDS
            if not sentence and _in_short_run(lines, i):
                ln.score *= _W_SHORT_RUN
        elif not inline_box:
            ln.score = -float(max(40, ln.wc))
        else:
            ln.score = -5.0


def _paragraph_follows(lines: list[Line], i: int) -> bool:
    """Whether a paragraph standing alone between blank lines (or the page end) comes
    within a few lines after ``i``, with no repeated line before it.

    A related-links box so close to more prose sits inside the article: a soft break.
    Teaser cards after the heading each repeat a row ("Share Facebook Pin").
    """
    n = len(lines)
    if n - i <= _INLINE_BOX_LINES:
        return True
    for j in range(i + 1, i + 1 + _INLINE_BOX_LINES):
        ln = lines[j]
        if ln.repeated:
            return False  # a share row or label that each teaser card repeats
        if ln.kind == GOOD and ln.blank_before and (j + 1 == n or lines[j + 1].blank_before):
            return True
    return False


def _in_short_run(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` has a non-prose neighbour (it is one of several lines between paragraphs)."""
    return (i > 0 and lines[i - 1].kind != GOOD) or (
        i + 1 < len(lines) and lines[i + 1].kind != GOOD
    )


def _structural_reason(ln: Line) -> str | None:
    """Reasons found from the line's shape rather than its words."""
    text = ln.text
    if len(text) > LONG_LINE:
        return None  # no date line, teaser, bio or menu is this long
    wc = ln.wc
    if wc <= 12:
        if HAS_DIGIT.regex.search(text):
            if _RELATIVE_TIME.regex.match(text) or is_date_line(text):
                return "date"
        elif ln.low in _TIME_WORDS:
            return "date"
    if (
        8 <= wc <= _TEASER_WORDS
        and text.endswith(("...", "…"))
        and _TRUNCATED.regex.search(text[-4:])
    ):
        return "teaser"
    if wc <= 5 and _ABOUT_NAME.regex.match(text):
        return "author bio"
    if (
        wc <= 80
        and text[:1].isupper()
        and _BIO_VERB.regex.search(text)
        and _AUTHOR_BIO.regex.match(text)
    ):
        return "author bio"
    if (
        not ln.sentence
        and ("|" in text or "/" in text or "·" in text or "•" in text)
        and _PIPE_MENU.regex.search(text)
    ):
        return "navigation"
    return None


def _mark_menus(lines: list[Line]) -> None:
    """Mark runs of three or more adjacent short lines (no blank line between) as menus."""
    i = 0
    n = len(lines)
    while i < n:
        j = i + 1
        while j < n and not lines[j].blank_before:
            j += 1
        if j - i >= 3 and not _announces_list(lines, i):
            block = lines[i:j]
            short = [ln for ln in block if ln.wc <= 6 and not ln.sentence]
            if len(short) * 2 >= len(block):
                for ln in short:
                    if ln.kind == SHORT and not ln.quantity:
                        ln.kind = BAD
                        ln.reason = "navigation"
        i = j


def _mark_contents(lines: list[Line], counts: Counter[str]) -> None:
    """Mark a table of contents: a run of three or more short lines, each of which comes
    back further down as a heading with prose under it, in the same order.

    Between an article's opening and its first section, a long table of contents would
    otherwise cost as much as a menu and cut the opening off the body. ``counts`` holds
    how often each short line's text stands on the page.
    """
    headings: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        # An entry stands twice on the page: in the contents and over its section.
        if (
            ln.repeated
            and ln.wc <= _CONTENTS_ENTRY_WORDS
            and counts[ln.low] == 2
            and ln.kind != GOOD
            and _prose_under(lines, i)
        ):
            headings.setdefault(ln.low, []).append(i)
    if not headings:
        return
    run: list[int] = []
    last = -1  # where the run's latest entry comes back
    for i, ln in enumerate(lines):
        found = headings.get(ln.low) if ln.kind != GOOD else None
        back = [j for j in found if j > max(i, last)] if found else None
        if back and (not run or not ln.blank_before):
            run.append(i)
            last = back[0]
            continue
        if run:
            _mark_run(lines, run)
            run, last = [], -1
            back = [j for j in found if j > i] if found else None
        if back:
            run, last = [i], back[0]
    _mark_run(lines, run)


def _mark_run(lines: list[Line], run: list[int]) -> None:
    if len(run) >= _CONTENTS_ENTRIES:
        for i in run:
            lines[i].kind = BAD
            lines[i].reason = "contents"


def _prose_under(lines: list[Line], i: int) -> bool:
    """Whether a prose line follows line ``i`` within two lines: a heading's paragraph."""
    return any(ln.kind == GOOD for ln in lines[i + 1 : i + 3])


def _announces_list(lines: list[Line], i: int) -> bool:
    """Whether the block starting at line ``i`` is a list announced by prose ending in ":"."""
    for ln in (lines[i - 1] if i else None, lines[i]):
        if ln is not None and ln.kind != BAD and ln.wc >= 4 and ln.text.endswith(":"):
            return True
    return False


def best_region(lines: list[Line]) -> tuple[int, int]:
    """Return [start, end) of the contiguous run of lines with the highest total score."""
    best, best_range = 0.0, (0, 0)
    cur, start = 0.0, 0
    for i, ln in enumerate(lines):
        if cur <= 0:
            cur, start = 0.0, i
        cur += ln.score
        if cur > best:
            best, best_range = cur, (start, i + 1)
    return best_range


def _is_short_sentence(ln: Line) -> bool:
    """A short line that is still a sentence: ends with a stop, several words, no cue."""
    return (
        ln.kind == SHORT
        and ln.sentence
        and ln.wc >= _SHORT_SENTENCE_WORDS
        and not ln.bullet
        and not ln.text.endswith(":")
    )


def is_sentence_paragraph(ln: Line) -> bool:
    """A line standing alone after a blank line that reads as a sentence: no furniture cue,
    not a list item, not a repeat of another line, several words and a final stop."""
    return (
        ln.kind != BAD
        and ln.blank_before
        and ln.sentence
        and ln.wc >= _OPENING_SENTENCE_WORDS
        and not (ln.bullet or ln.repeated)
    )


def extend_sentences(lines: list[Line], start: int, end: int) -> tuple[int, int]:
    """Grow the region over short sentences right after it (one-line paragraphs).

    Not backwards: the line above the body is often a headline or a caption.
    """
    while end < len(lines) and _is_short_sentence(lines[end]):
        end += 1
    return start, end


def extend_list(lines: list[Line], end: int) -> int:
    """Extend the region past ``end`` over a list announced with ":" by its last lines.

    The announcing line is the last line of the region or the short line right after it
    ("Tour dates:"); the list runs over bullets, numbered items, links and short lines
    until a boilerplate cue, a long line or a blank line after a non-list block.
    """
    if end == 0:
        return end
    if not lines[end - 1].text.endswith(":"):
        nxt = lines[end] if end < len(lines) else None
        if nxt is None or nxt.reason is not None or not nxt.text.endswith(":") or nxt.wc < 3:
            return end
        end += 1
    k = end
    while k < len(lines):
        ln = lines[k]
        if (ln.reason is not None and ln.reason != "navigation") or ln.wc > 60:
            break
        if not (ln.bullet or ln.numbered or URL.regex.match(ln.text) or ln.wc <= 25):
            break
        k += 1
    return k
