"""Highlights written as Markdown quotes under an article's body, and read back.

The Markdown export puts them there, each quote followed by its note; importing such a
file takes them out of the body and makes them highlights again. Both directions live here
so that they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import Any

#: The heading the highlights are listed under, after the body.
HIGHLIGHTS_HEADING = "## Highlights"
DETACHED_WORD = "*(no longer found in the article's text)*"


def highlights_section(marks: Sequence[Mapping[str, Any]], detached: Set[str]) -> str:
    """Each highlight as a Markdown quote, its note as a paragraph after it."""
    parts = [HIGHLIGHTS_HEADING]
    for mark in marks:
        lines = [line.strip() for line in str(mark["quote"]).splitlines() if line.strip()]
        quote = "\n>\n".join(f"> {line}" for line in lines)
        if mark.get("id") in detached:
            quote += f"\n>\n> {DETACHED_WORD}"
        parts.append(quote)
        if mark.get("note"):
            parts.append(str(mark["note"]).strip())
    return "\n\n".join(parts) + "\n"


def split_highlights(body: str) -> tuple[str, list[tuple[str, str | None]]]:
    """A body this export wrote, without its highlights section; and each highlight's
    quote and note (the file's front matter says how many there are)."""
    at = body.rfind("\n" + HIGHLIGHTS_HEADING + "\n")
    if at < 0 and not body.startswith(HIGHLIGHTS_HEADING + "\n"):
        return body, []
    section = body[at + 1 :] if at >= 0 else body
    found: list[tuple[str, str | None]] = []
    for part in section.split("\n\n")[1:]:
        lines = part.strip().splitlines()
        if lines and all(line.startswith(">") for line in lines):
            text = [line[1:].strip() for line in lines]
            quote = "\n".join(line for line in text if line and line != DETACHED_WORD)
            if quote:
                found.append((quote, None))
        elif found and part.strip():
            quote, note = found[-1]
            found[-1] = (quote, f"{note}\n\n{part.strip()}" if note else part.strip())
    return body[:at].rstrip() if at >= 0 else "", found
