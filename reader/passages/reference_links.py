"""Reference-style links made inline, so a body rendered block by block keeps its links.

The cleaner keeps an article's links as ``[text]`` in the prose and ``[text]: <url>``
definitions apart. The reading pane renders each block on its own, so a reference in a
paragraph would never meet its definition at the end and show as literal brackets.
"""

from __future__ import annotations

import re

_DEFINITION = re.compile(r"^\[([^\]\n]+)\]:[ \t]*<?([^>\s]+)>?[ \t]*$", re.MULTILINE)
# [text] not escaped, not already [text](url), [text][label] or itself a definition
_REFERENCE = re.compile(r"(?<![\\\]])\[([^\[\]\n]+)\](?![(\[:])")


def definitions(links: str) -> dict[str, str]:
    """Each label (case-folded, as Markdown matches them) with its target."""
    return {label.casefold(): target for label, target in _DEFINITION.findall(links)}


def inline_links(body: str, links: str) -> str:
    """``body`` with every ``[text]`` that ``links`` defines written as ``[text](<url>)``."""
    targets = definitions(links)
    if not targets:
        return body

    def inline(match: re.Match[str]) -> str:
        target = targets.get(match.group(1).casefold())
        return match.group(0) if target is None else f"[{match.group(1)}](<{target}>)"

    return _REFERENCE.sub(inline, body)
