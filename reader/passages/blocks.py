"""An article's body as blocks (paragraph, list, heading, quote...), each with its plain text.

The reading pane renders block by block; highlights are anchored to the plain text the
reader sees, which is the same whatever the width or theme. Both come from one parse of
the body with markdown-it, so the blocks the pane draws and the text highlights are found
in never disagree. The article's plain text is its blocks' plain texts joined by a newline:
inside a block every run of white space is one space (a newline between the items of a
list), so a character of the plain text is a character the reader can see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.passages.reference_links import inline_links
from reader.sanitize import strip_controls

#: Inline pieces that read as text, and block ends that separate text within a block.
_TEXT_PIECES = frozenset({"text", "code_inline", "image"})
_BLOCK_ENDS = frozenset(
    {"paragraph_close", "heading_close", "th_close", "td_close", "tr_close", "list_item_close"}
)


@dataclass
class Block:
    """One top-level block: its Markdown source and the tokens it was parsed into."""

    markdown: str
    tokens: list[Token] = field(default_factory=list, repr=False)
    _plain: str | None = field(default=None, repr=False)

    @property
    def plain(self) -> str:
        """What the block reads as, without markup (worked out on first use)."""
        if self._plain is None:
            self._plain = plain_text(self.tokens)
        return self._plain

    def links(self) -> list[tuple[str, str]]:
        """``(text, target)`` of each link in the block, in reading order."""
        found: list[tuple[str, str]] = []
        for token in self.tokens:
            target: str | None = None
            words: list[str] = []
            for child in token.children or ():
                if child.type == "link_open":
                    target, words = str(child.attrGet("href") or ""), []
                elif child.type == "link_close" and target is not None:
                    found.append((" ".join("".join(words).split()), target))
                    target = None
                elif target is not None and child.type in _TEXT_PIECES:
                    words.append(child.content)
                elif target is not None and child.type == "softbreak":
                    words.append(" ")
        return found


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("strikethrough").enable("table")


def split_blocks(body: str) -> list[Block]:
    """The top-level blocks of ``body`` in order (a body of only white space has none)."""
    lines = body.splitlines()
    blocks: list[Block] = []
    for token in _parser().parse(body):
        if token.level == 0 and token.map is not None and token.nesting >= 0:
            start, end = token.map
            blocks.append(Block("\n".join(lines[start:end])))
        if blocks:
            blocks[-1].tokens.append(token)
    if not blocks and body.strip():
        return [Block(body, _parser().parse(body))]
    return blocks


def readable_blocks(body: str, links: str = "") -> list[Block]:
    """The blocks of an article as the pane shows them: its reference links made inline
    (see ``reference_links``) and control characters removed."""
    return split_blocks(strip_controls(inline_links(body, links)))


def plain_text(tokens: list[Token]) -> str:
    """The text of a block's tokens: spaces tidied, one newline between its items."""
    parts: list[str] = []
    for token in tokens:
        if token.type == "inline":
            for child in token.children or ():
                if child.type in _TEXT_PIECES:
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
            parts.append("\n")
        elif token.type in _BLOCK_ENDS:
            parts.append("\n")
    lines = ("".join(parts)).split("\n")
    return "\n".join(tidy for line in lines if (tidy := " ".join(line.split())))


def article_text(blocks: list[Block]) -> str:
    """The plain text of an article: its blocks' texts, one newline apart."""
    return "\n".join(block.plain for block in blocks)


def block_offsets(blocks: list[Block]) -> list[int]:
    """Where each block's text starts in ``article_text(blocks)``."""
    offsets, at = [], 0
    for block in blocks:
        offsets.append(at)
        at += len(block.plain) + 1
    return offsets
