"""Character references to control characters, taken out of an HTML page before parsing.

libxml2 turns ``&#x1b;`` or ``&#7;`` into the character itself, and lxml then refuses
any text that holds one ("All strings must be XML compatible"): trafilatura lost the
paragraph, then the whole page, so one stray reference made a page "no article text
found". Such characters are never text to read, so their references go, wherever they
are. Only what XML forbids goes: C0 controls but tab, newline and carriage return, and
U+FFFE/U+FFFF. Raw control characters need nothing here (the parser drops them). C1
references such as ``&#146;`` stay: HTML reads them as the Windows-1252 characters old
pages meant (’), and a C1 control left in the text is removed when the article is stored
(``reader.sanitize``).
"""

from __future__ import annotations

from reader.lazy_pattern import LazyPattern

_CONTROL_REFERENCE = LazyPattern(
    r"&#(?:"
    r"[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F])"  # hexadecimal
    r"|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45])(?![0-9])"  # decimal
    r");?"
)


def without_control_references(html: str) -> str:
    """``html`` without character references to characters XML forbids."""
    return _CONTROL_REFERENCE.regex.sub("", html) if "&#" in html else html
