"""Japanese and Chinese line breaking: no line starts with a closing mark.

Rich breaks text without spaces wherever the width runs out, so a paragraph could end on a
line holding only "。" or "」", and a line could start with "、" or "」". Typeset Japanese
never does that (kinsoku shori). The usual remedies: hanging punctuation (burasagari),
which leaves one mark at the end of the line before, in the margin (the reading pane keeps
two cells on the right: room for one full-width mark); and, for a run of marks that does
not fit there ("。」", "』）"), pushing the last character of the line before down to start
this line with it (oidashi), the text after it flowing on into the lines below.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip

#: Marks that must not begin a line: closing punctuation and brackets, the iteration marks
#: and the long vowel mark (JIS X 4051's line-start prohibitions, without small kana, which
#: may begin a line in the loose style most Japanese web text is set in).
NO_LINE_START = frozenset("、。，．・：；？！）〕］｝〉》」』】〙〗〟’”ゝゞヽヾー々〻‐゠–〜～")


#: Marks that must not end a line: opening brackets and quotes.
NO_LINE_END = frozenset("「『（〔［｛〈《【〘〖〝‘“")


#: What may lead a line before its text: indentation, a list's bullet, a quote's bar.
_LEAD = frozenset(" •▌")


def hang_punctuation(lines: list[list[Segment]], room: int) -> list[list[Segment]]:
    """``lines`` (one paragraph or block, as Rich broke it, padded to its width) with no
    line starting with a closing mark: a run of them that fits in ``room`` extra cells hangs
    at the end of the line before; a longer run takes the last character of the line before
    along with it. A line that grows past the width passes what does not fit on to the next
    line when that line continues the same text, else to a line of its own.

    Each line is taken as its lead (indentation, bullet, quote bar) and its text; only the
    text moves, and only between lines of the same paragraph or list item."""
    if not any(_closing_run(_text_of(line)) for line in lines[1:]):
        return lines  # nearly every block: nothing to move
    width = Strip(lines[0]).cell_length
    result: list[tuple[Strip, Strip]] = []  # (lead, text) of each line
    carry: tuple[Strip, Strip] | None = None
    for raw in lines:
        lead, text = _parts(Strip(raw))
        follows = bool(result) and _continues(result[-1][0], lead, text)
        if carry is not None:
            if follows:
                text = Strip.join([carry[1], text])
            else:
                result.append(carry)
            carry = None
        run = _closing_run(text.text)
        room_left = width - lead.cell_length
        if follows and run and _in_cjk(result[-1][1], run):
            text = _keep_together(result, text, run, room_left, room)
            if not text.text.strip():
                continue
        if cell_len(text.text.rstrip(" ")) > room_left:
            text, rest = _split_at(text, room_left)
            carry = (_spaces(lead), rest)
        result.append((lead, text))
    if carry is not None:
        result.append(carry)
    return [[*lead, *text] for lead, text in result]


def _parts(line: Strip) -> tuple[Strip, Strip]:
    """A line's lead (see ``_LEAD``) and its text."""
    text = line.text
    size = 0
    while size < len(text) and text[size] in _LEAD:
        size += 1
    at = cell_len(text[:size])
    return line.crop(0, at), line.crop(at, line.cell_length)


def _spaces(lead: Strip) -> Strip:
    """The lead a continuation line has: a bullet becomes blank, a quote bar stays."""
    kept = [Segment(c if c == "▌" else " ", part.style) for part in lead for c in part.text]
    return Strip(kept)


def _continues(lead_before: Strip, lead: Strip, text: Strip) -> bool:
    """Whether a line carries on the text of the line before: the same indentation, no
    new bullet, and some text."""
    same = lead.cell_length == lead_before.cell_length and "•" not in lead.text
    return same and bool(text.text.strip())


def _in_cjk(previous: Strip, run: str) -> bool:
    """Whether the rule applies: the marks are full-width, or follow a full-width
    character. A dash or quote between Latin words ("Paris – the city") may start a
    line, as English sets it."""
    before = previous.text.rstrip(" ")
    return cell_len(run[0]) == 2 or (bool(before) and cell_len(before[-1]) == 2)


def _keep_together(
    result: list[tuple[Strip, Strip]], line: Strip, run: str, width: int, room: int
) -> Strip:
    """Join a line's leading closing marks to the text of the line before (``result[-1]``):
    hung in the margin when they fit, else with that line's last character brought down to
    this one. Returns this line's text as it is left."""
    lead, previous = result[-1]
    text = previous.text.rstrip(" ")
    used = cell_len(text)
    marks = cell_len(run)
    if used + marks <= width + room:
        result[-1] = (lead, Strip.join([previous.crop(0, used), line.crop(0, marks)]))
        return line.crop(marks, line.cell_length)
    keep = len(text) - 1  # bring down the last character, and what may not end a line
    while keep > 0 and (text[keep] in NO_LINE_START or text[keep - 1] in NO_LINE_END):
        keep -= 1
    if keep <= 0:
        return line  # the line before is all marks: nothing better to do
    at = cell_len(text[:keep])
    result[-1] = (lead, previous.crop(0, at))
    return Strip.join([previous.crop(at, used), line])


def _split_at(line: Strip, width: int) -> tuple[Strip, Strip]:
    """A line longer than ``width``: the part that fits (not ending on an opening mark,
    nor leaving a closing mark to start the rest), and the rest."""
    text = line.text
    cut = 0
    while cut < len(text) and cell_len(text[: cut + 1]) <= width:
        cut += 1
    while 1 < cut < len(text) and (text[cut] in NO_LINE_START or text[cut - 1] in NO_LINE_END):
        cut -= 1
    at = cell_len(text[:cut])
    rest = text[cut:].rstrip(" ")
    if rest and rest[-1].isascii() and text[cut:] != rest:
        rest += " "  # a word, which the next line's word must not run into
    return line.crop(0, at), line.crop(at, at + cell_len(rest))


def _closing_run(text: str) -> str:
    """The closing marks a line starts with."""
    end = 0
    while end < len(text) and text[end] in NO_LINE_START:
        end += 1
    return text[:end]


def _text_of(line: list[Segment]) -> str:
    """A line's text after its lead."""
    return "".join(segment.text for segment in line if not segment.control).lstrip("".join(_LEAD))
