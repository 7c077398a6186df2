"""The lines of a text dump, each with the features the text cleaner weighs.

Words (CJK-aware), bullet or number, sentence stop, a boilerplate cue from
:mod:`reader.clean.boilerplate`; lines hard-wrapped by a text-mode browser are joined
first, and short lines in blocks of short lines (menus) only get a label check, save
blocks listing amounts ("300 g flour"), which are content set as a list.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain, repeat

from reader.clean.boilerplate import label_reason, reason_for_lowered
from reader.lazy_pattern import LazyPattern
from reader.textstats import count_words

#: Kinds of line: prose, short (neither prose nor furniture), furniture.
GOOD, SHORT, BAD = 2, 1, 0


_BULLET_CHARS = frozenset("*+o-•·")


_CLOSERS = "'\"”’»)]"


_STOPS = frozenset(".!?。！？…:")


# Lines up to this many characters in a block of such lines are menu items.
_MENU_ITEM_CHARS = 40


_NUMBERED = LazyPattern(r"\d{1,3}[.)]\s+\S")


# "300 g flour", "1 TL Zimt", "2½ cups rice", "1-2 Eier": an amount, then a word.
_AMOUNT = LazyPattern(
    r"(?:\d+(?:[.,/]\d+)?[½¼¾⅓⅔⅛]?|[½¼¾⅓⅔⅛])(?:\s?[-–]\s?\d+(?:[.,]\d+)?)?\s*[^\W\d_]"
)


_FRACTIONS = "½¼¾⅓⅔⅛"


# A block is a list of amounts when at least this many of its lines, and 3 in 5, are.
_AMOUNT_LINES = 3


TABLE_ROW = LazyPattern(r"\S {2,}\S.* {2,}\S")


URL = LazyPattern(r"(?:https?://|www\.)\S+$")


HAS_DIGIT = LazyPattern(r"\d")


class Line:
    """One non-empty line of the dump with the features the cleaner uses."""

    __slots__ = (
        "blank_before",
        "bullet",
        "idx",
        "kind",
        "low",
        "numbered",
        "quantity",
        "raw",
        "reason",
        "repeated",
        "score",
        "sentence",
        "text",
        "wc",
    )
    #: A line of a list of amounts ("300 g flour"), set by parse_lines.
    quantity: bool
    # Set for every line by classify and _score:
    kind: int
    repeated: bool
    score: float

    def __init__(self, idx: int, raw: str, blank_before: bool, quick: bool = False) -> None:
        self.idx = idx
        self.quantity = False
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
        if len(text) > LONG_LINE:
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
LONG_LINE = 10_000


def _estimated_words(text: str) -> int:
    """Words in a long line without splitting it: spaces, or two CJK characters a word."""
    spaces = text.count(" ") + 1
    return max(spaces, len(text) // 2) if _may_hold_cjk(text) else spaces


def _may_hold_cjk(text: str) -> bool:
    """Whether ``text`` may be in a script written without spaces (Han, kana): a cheap test
    of its first 80 characters, any character from U+3040 up."""
    return not text.isascii() and max(text[:80]) >= "\u3040"


def parse_lines(text: str) -> list[Line]:
    """Split the dump into non-empty lines with their features.

    Lines come in blocks separated by blank lines. Short lines in blocks made
    almost only of short lines (menus, link lists) only get a cheap label check.
    """
    lines: list[Line] = []
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


def _add_block(lines: list[Line], block: list[str]) -> None:
    """Append the lines of one block (lines with no blank line between) to ``lines``."""
    first = len(lines)
    starts = chain((True,), repeat(False))  # only the first line follows a blank line
    quick: Iterable[bool] = repeat(False)
    amounts = _amounts(block) if len(block) >= 3 else None
    if amounts is not None:
        # An ingredient list or a spec sheet: content, however short its lines.
        lines.extend(map(Line, range(first, first + len(block)), block, starts))
        for ln, amount in zip(lines[first:], amounts, strict=True):
            ln.quantity = amount and ln.reason is None
        return
    if len(block) >= 3:
        short = [len(raw) <= _MENU_ITEM_CHARS and raw[-1] not in _STOPS for raw in block]
        announced = block[0].endswith(":") or (bool(lines) and lines[-1].text.endswith(":"))
        if not announced and sum(short) * 5 >= len(block) * 4:
            quick = short  # a menu: its short lines only get a label check
    # map() runs the per-line loop in C: this is the hottest loop of the cleaner.
    lines.extend(map(Line, range(first, first + len(block)), block, starts, quick))


def _amounts(block: list[str]) -> list[bool] | None:
    """Which lines of a block are amounts of something ("300 g flour"), or None when the
    block is no list of amounts (fewer than three such lines, or under 3 in 5).

    Menus are blocks of short lines too, but seldom open each line with a number.
    """
    marks = [
        len(raw) <= 80
        and (raw[0].isdigit() or raw[0] in _FRACTIONS)
        and _AMOUNT.regex.match(raw) is not None
        for raw in block
    ]
    count = sum(marks)
    return marks if count >= _AMOUNT_LINES and count * 5 >= len(block) * 3 else None
