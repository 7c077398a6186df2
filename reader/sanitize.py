"""What untrusted article text must pass before it is stored or shown.

Article text comes from pages anyone could have written. Terminal escape sequences in it
could retitle the window, write the clipboard (OSC 52) or forge links (OSC 8), and Textual
strips only a few control characters, so every escape sequence and control character is
removed here, before the text is stored and again before it is printed. Bidirectional
overrides, which can make text read differently from what it is, go too.
"""

from __future__ import annotations

import re

from reader.lazy_pattern import LazyPattern

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ ...
# up to ST or BEL), and two-character escapes. The 8-bit C1 forms (U+009B CSI, U+009D OSC,
# U+0090 DCS ...) are matched as well.
_ESCAPE_SEQUENCE = LazyPattern(
    r"""
    (?: \x1b\[ | \x9b ) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?        # CSI
  | (?: \x1b[\]PX^_] | [\x90\x98\x9d\x9e\x9f] ) .*? (?: \x07 | \x1b\\ | \x9c | $ )  # strings
  | \x1b [\x20-\x2f]* [\x30-\x7e]?                                     # other escapes
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates.
_CONTROL = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """``text`` without escape sequences or control characters; tabs and newlines stay."""
    if not _needs_cleaning(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.regex.sub("", _ESCAPE_SEQUENCE.regex.sub("", text))


def one_line(text: str) -> str:
    """``text`` made safe and flattened to a single line (titles, sources, bylines)."""
    return " ".join(strip_controls(text).split())


def _needs_cleaning(text: str) -> bool:
    return _CONTROL.regex.search(text) is not None or "\r" in text
