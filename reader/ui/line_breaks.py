"""Japanese and Chinese line breaking: no line starts with a closing mark.

Rich breaks text without spaces wherever the width runs out, so a paragraph could end on a
line holding only "。", and a line could start with "、" or "」". Typeset Japanese never does
that (kinsoku shori); the usual remedy, hanging punctuation (burasagari), leaves the mark at
the end of the line before, in the margin. The reading pane keeps a margin of two cells on
the right: room for one full-width mark.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip

#: Marks that must not begin a line: closing punctuation and brackets, the iteration marks
#: and the long vowel mark (JIS X 4051's line-start prohibitions, without small kana, which
#: may begin a line in the loose style most Japanese web text is set in).
NO_LINE_START = frozenset("、。，．・：；？！）〕］｝〉》」』】〙〗〟’”ゝゞヽヾー々〻‐゠–〜～")


def hang_punctuation(lines: list[list[Segment]], room: int) -> list[list[Segment]]:
    """``lines`` (one paragraph, as Rich broke it) with a closing mark that starts a line
    moved to the end of the line before, when it fits in ``room`` extra cells; a line left
    empty by that is dropped."""
    result: list[list[Segment]] = []
    for line in lines:
        first = _first_character(line)
        if result and first in NO_LINE_START:
            previous = Strip(result[-1])
            used = cell_len(previous.text.rstrip(" "))
            mark = cell_len(first)
            if used + mark <= previous.cell_length + room:
                style = next((segment.style for segment in line if segment.text), None)
                result[-1] = [*previous.crop(0, used), Segment(first, style)]
                rest = Strip(line).crop(mark, Strip(line).cell_length)
                if rest.text.strip():
                    result.append(list(rest))
                continue
        result.append(line)
    return result


def _first_character(line: list[Segment]) -> str:
    for segment in line:
        if segment.text and not segment.control:
            return segment.text[0]
    return ""
