"""Clean a plain-text dump of a whole web page down to its article.

The input is what a browser select-all/copy or a text-mode browser gives: every line of
the page, menus, teasers and appeals included. Lines are almost always wholly body or
wholly boilerplate, so the cleaner classifies lines, finds the main dense run of
article-like lines, then trims and tidies it:

1. each line gets features: words (CJK-aware), bullet, sentence stop, a boilerplate
   cue from :mod:`reader.clean.boilerplate` or from its shape (dates, truncated
   teasers, pipe-separated menus), repeats within the page, and whether it sits in
   a block of adjacent short lines (a menu);
2. lines get a score (prose positive, less so inside blocks of adjacent lines;
   furniture negative; hard boundaries such as newsletter, donation, comment or
   related-links boxes very negative, and prose after them discounted) and the
   best-scoring contiguous region is taken as the body (maximum-sum subarray);
3. the region is trimmed to start and end on prose, then grown over short
   sentences after it and over a list announced by a line ending in ":";
4. the title is the headline-like line just above the region; byline, date and
   captions between title and body are recognised and dropped; the source is
   the holder of a dated copyright notice below the body;
5. inside the region, furniture lines and captions are dropped and the rest is
   rendered as Markdown: paragraphs, list items, subheadings and tables.

Only the standard library is used and regular expressions are compiled on first
use, so that a process cleaning a handful of pages starts fast.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import chain, repeat

from reader.clean.boilerplate import (
    byline_name,
    copyright_holder,
    find_date,
    is_caption_like,
    is_date_line,
    label_reason,
    reason_for_lowered,
)
from reader.clean.model import Cleaned, Removed
from reader.lazy_pattern import LazyPattern
from reader.textstats import count_words

GOOD, SHORT, BAD = 2, 1, 0
# Reasons after which an article seldom resumes: crossing one costs a lot.
_HARD = frozenset(
    {
        "newsletter",
        "donation appeal",
        "comments",
        "cookie notice",
        "copyright",
        "subscription",
        "related",
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
_DECAY_AFTER_WORDS = 40
_DECAY_DEFAULT = 0.5
_DECAY = {"comments": 0.2}
# A related-links heading followed within this many lines by a paragraph is inline.
_INLINE_BOX_LINES = 4
# Rows of a plain-text table are content, worth a little each.
_TABLE_ROW_SCORE = 2.0
# A prose line right under a date stamp in the same block (a teaser card).
_W_CARD = 0.3

_BULLET_CHARS = frozenset("*+o-•·")
_CLOSERS = "'\"”’»)]"
_STOPS = frozenset(".!?。！？…:")
# Lines up to this many characters in a block of such lines are menu items.
_MENU_ITEM_CHARS = 40
# Short lines ending with a stop and at least this many words may extend the body.
_SHORT_SENTENCE_WORDS = 4
_NUMBERED = LazyPattern(r"\d{1,3}[.)]\s+\S")
_PUNCT_CHARS = ".,;:!?。、，！？："
_PUNCT = LazyPattern(f"[{_PUNCT_CHARS}]")
_PIPE_MENU = LazyPattern(r"\s[|·•]\s.*\s[|·•]\s|\S\s+/\s+\S.*\s/\s")
# Time stamps and by-lines: "Updated 9:41 AM", "2 days ago", "Published ...".
_STAMP = LazyPattern(
    r"\d:\d\d|\b(?:19|20)\d\d\b|\bago\b|(?<!\d)\d+ (?:min|minutes?|days?)\b",
    re.I,
)
_PUBLISHED = LazyPattern(r"(?:updated|published|posted|last modified)\b", re.I)
# "Jane Doe is a freelance writer based in Oslo." (English only; a soft cue)
_AUTHOR_BIO = LazyPattern(
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} (?:is|was) (?:a|an|the)\b.{0,80}\b(?:writer|reporter|"
    r"editor|journalist|correspondent|contributor|author|columnist|freelancer?|producer|educator|"
    r"fellow|analyst|blogger|critic)\b"
)
# A teaser cut short by the site: "...and the council said it wou…"
_TRUNCATED = LazyPattern(r"\w(?:\.\.\.|…)$")
# "Jane Doe - Nov 19, 2019": a name, a separator, then (elsewhere on the line) a date.
_NAME_BEFORE_DATE = LazyPattern(r"([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})\s*[-–—|·]\s+\S")
_MID_SENTENCE = LazyPattern(r"[a-z]{2}[.!?] [A-Z]")
_TABLE_ROW = LazyPattern(r"\S {2,}\S.* {2,}\S")
_URL = LazyPattern(r"(?:https?://|www\.)\S+$")
_RELATIVE_TIME = LazyPattern(
    r"\d+\s*(?:[smhdw]|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b",
    re.I,
)
_HAS_DIGIT = LazyPattern(r"\d")
_TIME_WORDS = frozenset({"yesterday", "today", "just now"})


class _Line:
    """One non-empty line of the dump with the features the cleaner uses."""

    __slots__ = (
        "blank_before",
        "bullet",
        "idx",
        "kind",
        "low",
        "numbered",
        "raw",
        "reason",
        "repeated",
        "score",
        "sentence",
        "text",
        "wc",
    )
    # Set for every line by _classify and _score:
    kind: int
    repeated: bool
    score: float

    def __init__(self, idx: int, raw: str, blank_before: bool, quick: bool = False) -> None:
        self.idx = idx
        self.raw = raw
        bullet = self.bullet = raw[0] in _BULLET_CHARS and len(raw) > 2 and raw[1] in " \t"
        text = self.text = raw[2:].lstrip() if bullet else raw
        self.blank_before = blank_before
        low = self.low = text.lower()
        if quick:
            # A menu item: only its label matters.
            self.numbered = self.sentence = False
            self.wc = text.count(" ") + 1
            self.reason: str | None = label_reason(low) or "navigation"
            return
        self.numbered = text[0].isdigit() and _NUMBERED.regex.match(text) is not None
        self.sentence = text.rstrip(_CLOSERS)[-1:] in _STOPS
        if len(text) > _LONG_LINE:
            self.wc = _estimated_words(text)
            # boilerplate cues are looked for at the ends of long lines only
            self.reason = reason_for_lowered(low, (low[:300] + " " + low[-300:]).split())
            return
        tokens = low.split()
        # Words are what spaces separate, save in scripts written without spaces.
        self.wc = len(tokens) if text.isascii() or not _may_hold_cjk(text) else count_words(text)
        self.reason = reason_for_lowered(low, tokens)


#: Lines longer than this (characters) get cheap features: a whole paragraph or page on
#: one line, which splitting into words would copy many times over (a 19 MB line took
#: over 200 MB that way). Their word count only decides thresholds of a few dozen words.
_LONG_LINE = 10_000


def _estimated_words(text: str) -> int:
    """Words in a long line without splitting it: spaces, or two CJK characters a word."""
    spaces = text.count(" ") + 1
    return max(spaces, len(text) // 2) if _may_hold_cjk(text) else spaces


def _may_hold_cjk(text: str) -> bool:
    """Whether ``text`` may be in a script written without spaces (Han, kana): a cheap test
    of its first 80 characters, any character from U+3040 up."""
    return not text.isascii() and max(text[:80]) >= "\u3040"


def _parse(text: str) -> list[_Line]:
    """Split the dump into non-empty lines with their features.

    Lines come in blocks separated by blank lines. Short lines in blocks made
    almost only of short lines (menus, link lists) only get a cheap label check.
    """
    lines: list[_Line] = []
    block: list[str] = []
    for raw in _unwrap(text.splitlines()):
        raw = raw.strip()
        if raw:
            block.append(raw)
        elif block:
            _add_block(lines, block)
            block = []
    if block:
        _add_block(lines, block)
    return lines


def _unwrap(raw_lines: list[str]) -> list[str]:
    """Rejoin paragraphs that a text-mode browser (lynx, w3m) hard-wrapped at a fixed width.

    A dump is taken as wrapped when its lines with spaces stay under a width of
    40-100 columns (hardly any goes far past it) and most lines close to that width
    run on into a next line. Then a line
    is joined to the next when the next one's first word would not have fitted.
    Other dumps (one line per paragraph) are returned unchanged.
    """
    if not raw_lines:
        return raw_lines
    longest = max(raw_lines, key=len)
    if len(longest) > 200 and " " in longest.strip():
        return raw_lines  # a paragraph on one line: not wrapped (the common case, fast)
    lengths = sorted(len(raw.rstrip()) for raw in raw_lines if " " in raw.strip())
    if len(lengths) < 10:
        return raw_lines
    width = lengths[len(lengths) * 95 // 100]
    if not 40 <= width <= 100:
        return raw_lines
    # Wrapped text has (almost) no line with spaces far past the width.
    if sum(1 for n in lengths if n > width + 20) > len(lengths) // 100:
        return raw_lines
    near = [i for i, raw in enumerate(raw_lines[:-1]) if len(raw.rstrip()) >= width - 10]
    run_on = sum(1 for i in near if raw_lines[i + 1].strip())
    if run_on < 5 or run_on < 0.7 * len(near):
        return raw_lines
    out: list[str] = []
    prev_len = 0  # length of the previous physical line, 0 if it cannot run on
    for raw in raw_lines:
        stripped = raw.strip()
        first = stripped.split(None, 1)[0] if stripped else ""
        if (
            prev_len
            and stripped
            and prev_len + 1 + len(first) > width
            and not _starts_item(stripped)
        ):
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(raw)
        runs_on = bool(stripped) and not stripped.endswith(":")
        prev_len = len(raw.rstrip()) if runs_on else 0
    return out


def _starts_item(text: str) -> bool:
    """Whether a line starts a list item (bullet or number) rather than continuing a paragraph."""
    if len(text) > 2 and text[0] in _BULLET_CHARS and text[1] == " ":
        return True
    return text[0].isdigit() and _NUMBERED.regex.match(text) is not None


def _add_block(lines: list[_Line], block: list[str]) -> None:
    """Append the lines of one block (lines with no blank line between) to ``lines``."""
    first = len(lines)
    starts = chain((True,), repeat(False))  # only the first line follows a blank line
    quick: Iterable[bool] = repeat(False)
    if len(block) >= 3:
        short = [len(raw) <= _MENU_ITEM_CHARS and raw[-1] not in _STOPS for raw in block]
        announced = block[0].endswith(":") or (bool(lines) and lines[-1].text.endswith(":"))
        if not announced and sum(short) * 5 >= len(block) * 4:
            quick = short  # a menu: its short lines only get a label check
    # map() runs the per-line loop in C: this is the hottest loop of the cleaner.
    lines.extend(map(_Line, range(first, first + len(block)), block, starts, quick))


def _is_prose(ln: _Line) -> bool:
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
    if len(text) > _LONG_LINE:
        return sum(map(text.count, _PUNCT_CHARS))
    return len(_PUNCT.regex.findall(text))


def _classify(lines: list[_Line]) -> None:
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
    _score(lines)


def _score(lines: list[_Line]) -> None:
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
        if kind == BAD and reason not in _HARD:
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
        elif kind == SHORT and "  " in ln.text and _TABLE_ROW.regex.search(ln.text):
            # Table rows (columns aligned with runs of spaces) are content.
            ln.score = _TABLE_ROW_SCORE
        elif kind == SHORT and in_list and is_item:
            ln.score = 0.0
        elif kind == SHORT:
            ln.score = -3.0 if ln.bullet or ln.repeated else -2.0
            if _in_short_run(lines, i):
                ln.score *= _W_SHORT_RUN
        elif not inline_box:
            ln.score = -float(max(40, ln.wc))
        else:
            ln.score = -5.0


def _paragraph_follows(lines: list[_Line], i: int) -> bool:
    """Whether a paragraph standing alone between blank lines (or the page end) comes
    within a few lines after ``i``.

    A related-links box so close to more prose sits inside the article: a soft break.
    """
    n = len(lines)
    if n - i <= _INLINE_BOX_LINES:
        return True
    for j in range(i + 1, i + 1 + _INLINE_BOX_LINES):
        ln = lines[j]
        if ln.kind == GOOD and ln.blank_before and (j + 1 == n or lines[j + 1].blank_before):
            return True
    return False


def _in_short_run(lines: list[_Line], i: int) -> bool:
    """Whether line ``i`` has a non-prose neighbour (it is one of several lines between paragraphs)."""
    return (i > 0 and lines[i - 1].kind != GOOD) or (
        i + 1 < len(lines) and lines[i + 1].kind != GOOD
    )


def _structural_reason(ln: _Line) -> str | None:
    """Reasons found from the line's shape rather than its words."""
    text = ln.text
    if len(text) > _LONG_LINE:
        return None  # no date line, teaser, bio or menu is this long
    wc = ln.wc
    if wc <= 12:
        if _HAS_DIGIT.regex.search(text):
            if _RELATIVE_TIME.regex.match(text) or is_date_line(text):
                return "date"
        elif ln.low in _TIME_WORDS:
            return "date"
    if wc >= 8 and text.endswith(("...", "…")) and _TRUNCATED.regex.search(text[-4:]):
        return "teaser"
    if (
        wc <= 80
        and (" is " in text or " was " in text)  # needed by the pattern: a cheap pre-test
        and text[:1].isupper()
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


def _mark_menus(lines: list[_Line]) -> None:
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
                    if ln.kind == SHORT:
                        ln.kind = BAD
                        ln.reason = "navigation"
        i = j


def _announces_list(lines: list[_Line], i: int) -> bool:
    """Whether the block starting at line ``i`` is a list announced by prose ending in ":"."""
    for ln in (lines[i - 1] if i else None, lines[i]):
        if ln is not None and ln.kind != BAD and ln.wc >= 4 and ln.text.endswith(":"):
            return True
    return False


def _best_region(lines: list[_Line]) -> tuple[int, int]:
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


def _is_short_sentence(ln: _Line) -> bool:
    """A short line that is still a sentence: ends with a stop, several words, no cue."""
    return (
        ln.kind == SHORT
        and ln.sentence
        and ln.wc >= _SHORT_SENTENCE_WORDS
        and not ln.bullet
        and not ln.text.endswith(":")
    )


def _extend_sentences(lines: list[_Line], start: int, end: int) -> tuple[int, int]:
    """Grow the region over short sentences right after it (one-line paragraphs).

    Not backwards: the line above the body is often a headline or a caption.
    """
    while end < len(lines) and _is_short_sentence(lines[end]):
        end += 1
    return start, end


def _extend_list(lines: list[_Line], end: int) -> int:
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
        if not (ln.bullet or ln.numbered or _URL.regex.match(ln.text) or ln.wc <= 25):
            break
        k += 1
    return k


def _is_headline(ln: _Line) -> bool:
    """Whether a line could be the article's headline."""
    if ln.bullet or ln.numbered or not 2 <= ln.wc <= 40 or ln.reason is not None:
        return False
    text = ln.text
    if text.endswith((":", ",", ";")):
        return False
    if ln.kind == GOOD and ln.wc > 15 and text.endswith("."):
        return False  # a paragraph, not a headline
    return not (
        _URL.regex.match(text)
        or is_date_line(text)
        or byline_name(text)
        or is_caption_like(text)
        or _credited_caption(text)
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


def _credited_caption(text: str) -> bool:
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


def _find_title(lines: list[_Line], start: int) -> int | None:
    """Index of the headline above the body start ``start``, or None.

    Nearer lines score higher; an unpunctuated line of a few words with the byline or
    date right under it is nearly always the headline, wherever it stands.
    """
    best: tuple[float, int] | None = None
    for k in range(start - 1, max(-1, start - 25), -1):
        ln = lines[k]
        if _is_headline(ln):
            score = _headline_score(ln) - (start - k) * 0.5
            if (
                ln.wc >= 4  # not a name ("Zac Hall") or a count ("New, 6 comments")
                and not ln.text.endswith(".")
                and k + 1 < start
                and _is_dateline(lines[k + 1])
            ):
                score += 3
            if best is None or score > best[0]:
                best = (score, k)
    return best[1] if best else None


def _is_dateline(ln: _Line) -> bool:
    """A byline or date line, as found under headlines."""
    if ln.reason == "date" or ln.wc > 20:
        return ln.reason == "date"
    text = ln.text
    return bool(_PUBLISHED.regex.match(text) or byline_name(text) or find_date(text))


def _headline_score(ln: _Line) -> float:
    """How much a line looks like a headline, leaving its distance to the body aside."""
    text = ln.text
    score = 10.0
    if 5 <= ln.wc <= 20:
        score += 3
    elif ln.wc <= 2:
        score -= 4
    if ln.blank_before:
        score += 1
    if ln.repeated:
        score += 1
    if _STAMP.regex.search(text) or "@" in text:
        score -= 6
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


def _mark_captions(lines: list[_Line], start: int, end: int, reasons: dict[int, str]) -> None:
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
    if _URL.regex.match(text):
        return False
    if "/" in text or is_caption_like(text):
        return True
    words = text.split()
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _line_drop_reason(ln: _Line) -> str | None:
    """Why a line inside the body region is dropped, or None to keep it."""
    if ln.reason is not None:
        return ln.reason
    if ln.kind == GOOD:
        return None
    if byline_name(ln.text):
        return "byline"
    if is_caption_like(ln.text):
        return "caption"
    return None


def _removed(
    lines: list[_Line], kept_ids: set[int], title_idx: int | None, reasons: dict[int, str]
) -> list[Removed]:
    """List the dropped lines in page order with a reason for each.

    Consecutive dropped lines with the same reason (a menu, a run of teasers) make
    one block, their lines joined with newlines.
    """
    removed: list[Removed] = []
    run: list[str] = []
    run_reason = ""
    prev_idx = -2
    last_hard: tuple[int, str] | None = None
    for ln in lines:
        idx, reason = ln.idx, ln.reason
        if reason in _HARD:
            last_hard = (idx, reason or "")
        if idx in kept_ids or idx == title_idx:
            continue
        reason = reasons.get(idx) or reason
        if reason is None and ln.kind == GOOD:
            # Prose just after an appeal or a comments heading belongs to it.
            near = last_hard is not None and idx - last_hard[0] <= 8
            reason = last_hard[1] if near and last_hard else "teaser"
        reason = reason or "short line outside body"
        if run and (reason != run_reason or idx != prev_idx + 1):
            removed.append(Removed("\n".join(run), run_reason))
            run = []
        run.append(ln.raw)
        run_reason, prev_idx = reason, idx
    if run:
        removed.append(Removed("\n".join(run), run_reason))
    return removed


def _find_source(lines: list[_Line], end: int) -> str | None:
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


def _is_table_row(ln: _Line) -> bool:
    """Whether a line is a row of a plain-text table (columns aligned with spaces)."""
    return ln.kind != GOOD and "  " in ln.text and _TABLE_ROW.regex.search(ln.text) is not None


def _is_heading(ln: _Line, nxt: _Line | None) -> bool:
    """Whether a kept line is a subheading: short, unpunctuated, alone, followed by prose."""
    return (
        nxt is not None
        and nxt.kind == GOOD
        and ln.kind == SHORT
        and ln.blank_before
        and 2 <= ln.wc <= 15
        and not (ln.bullet or ln.numbered or ln.sentence)
        and ln.text[:1].isalnum()
        and ln.text[-1:] not in ",;"
        and not _HAS_DIGIT.regex.search(ln.text[-4:])
    )


def _escape_start(text: str) -> str:
    """Backslash-escape a paragraph start that Markdown would read as a heading, quote or list."""
    if text[:1] in "#>" or text[:2] in ("- ", "+ ", "* ") or text in ("-", "+", "*"):
        return "\\" + text
    return text


def _render(kept: list[_Line]) -> str:
    """Render kept lines as Markdown: paragraphs, list items, headings and tables."""
    out: list[str] = []
    mode = ""  # "list" or "table" while inside one, else ""
    for k, ln in enumerate(kept):
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        if ln.bullet or ln.numbered:
            item = f"- {ln.text}" if ln.bullet else ln.text
            if mode == "list":
                out[-1] += "\n" + item
            else:
                out.append(item)
            mode = "list"
        elif _is_table_row(ln):
            if mode == "table":
                out[-1] = out[-1][:-3] + ln.text + "\n```"
            else:
                out.append("```\n" + ln.text + "\n```")
            mode = "table"
        else:
            mode = ""
            if _is_heading(ln, nxt):
                out.append("## " + ln.text)
            else:
                out.append(_escape_start(ln.text))
    return "\n\n".join(out)


def clean_text_dump(text: str) -> Cleaned:
    """Find the article in a plain-text dump of a whole web page.

    Returns the headline as ``title``, the article body as Markdown (paragraphs
    separated by blank lines, list items and headings kept, title left out),
    byline, ISO date and source when found, and every dropped line in ``removed``
    with a short reason, in page order.
    """
    lines = _parse(text)
    if not lines:
        return Cleaned(title=None, body="")
    _classify(lines)
    start, end = _best_region(lines)
    if start >= end:
        start, end = 0, len(lines)
    start, end = _extend_sentences(lines, start, end)
    prose_end, end = end, _extend_list(lines, end)
    title_idx = _find_title(lines, start)
    byline: str | None = None
    date: str | None = None
    reasons: dict[int, str] = {}
    meta_from = title_idx + 1 if title_idx is not None else max(0, start - 6)
    for ln in lines[meta_from:start]:
        name = byline_name(ln.text)
        found = find_date(ln.text) if ln.wc <= 20 else None
        if not name and found and (m := _NAME_BEFORE_DATE.regex.match(ln.text)):
            name = m.group(1)  # "Jane Doe - Nov 19, 2019"
        if name:
            byline = byline or name
            reasons[ln.idx] = "byline"
        if found:
            date = date or found
            reasons.setdefault(ln.idx, "date")
        if ln.idx not in reasons and (is_caption_like(ln.text) or _credited_caption(ln.text)):
            reasons[ln.idx] = "caption"
    keep: list[_Line] = []
    _mark_captions(lines, start, end, reasons)
    for ln in lines[start:end]:
        reason = reasons.get(ln.idx) or _line_drop_reason(ln)
        if reason == "navigation" and ln.idx >= prose_end:
            reason = None  # a short item of the announced list, not a menu
        if reason is None:
            keep.append(ln)
        else:
            reasons[ln.idx] = reason
    if not keep:
        keep = [ln for ln in lines if ln.idx != title_idx] or lines
    kept_ids = {ln.idx for ln in keep}
    removed = _removed(lines, kept_ids, title_idx, reasons)
    return Cleaned(
        title=lines[title_idx].text if title_idx is not None else None,
        body=_render(keep),
        byline=byline,
        date=date,
        source=_find_source(lines, end),
        removed=removed,
    )
