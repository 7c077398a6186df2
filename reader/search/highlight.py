"""Where the query's words are in a text: spans to highlight, and a snippet around the best match.

Matching runs on the folded text (same length as the original), so "café" in the text is
found by "cafe" and the spans point at the original characters. Snippets come from the
article body, which is Markdown: link targets and emphasis marks are dropped and whitespace
flattened, so the snippet reads as one line of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.sanitize import strip_controls
from reader.search.query import Term
from reader.search.text import fold, is_cjk

Span = tuple[int, int]
SNIPPET_CHARS = 160
#: Context kept before the match: a few words, so a list column of 40 shows the match.
_LEAD = 18
#: Characters of Markdown on each side of the best window flattened to find the snippet.
_REGION = 300
_SEP_LATIN = r"[\W_]+"
_SEP_CJK = r"[\W_]*"
_NOT_AFTER_WORD = r"(?<![^\W_])"
_NOT_BEFORE_WORD = r"(?![^\W_])"
_MARKDOWN = re.compile(
    r"!?\[([^\]\n]*)\]\([^)\n]*\)|\*+|`+|^[#>]+\s*|^(?:[-+]|\d{1,3}[.)])\s+|\s+", re.MULTILINE
)


@dataclass(frozen=True)
class Matcher:
    """A compiled pattern for every word and phrase of a query."""

    pattern: re.Pattern[str] | None
    term_count: int

    @classmethod
    def for_terms(cls, terms: list[Term]) -> Matcher:
        """A matcher for these terms (their folded words), longest alternatives first."""
        patterns = sorted(
            {p for term in terms if (p := _term_pattern(term))}, key=len, reverse=True
        )
        if not patterns:
            return cls(None, 0)
        alternatives = "|".join(f"(?P<t{i}>{p})" for i, p in enumerate(patterns))
        return cls(re.compile(alternatives), len(patterns))

    def spans(self, text: str, limit: int = 500) -> list[Span]:
        """Where the terms occur in ``text`` (at most ``limit`` spans)."""
        return [span for span, _ in self._matches(text, limit)]

    def _matches(self, text: str, limit: int) -> list[tuple[Span, str]]:
        if self.pattern is None or not text:
            return []
        found: list[tuple[Span, str]] = []
        for match in self.pattern.finditer(fold(text)):
            found.append((match.span(), match.lastgroup or ""))
            if len(found) >= limit:
                break
        return found

    def snippet(self, body: str, width: int = SNIPPET_CHARS) -> tuple[str, list[Span]]:
        """One line of ``body`` around the place where most of the terms occur close together.

        The region around that place is flattened to prose first and the window cut from
        it, so a window never starts inside a link's Markdown (``page](https://…``). The
        match comes a few words in, where a narrow list column still shows it.
        """
        matches = self._matches(body, 300)
        at = _best_window(matches, width) if matches else 0
        offset = max(0, at - _REGION)
        if offset:
            space = body.find(" ", offset, at)
            offset = space + 1 if space >= 0 else offset
        region = _flatten(body[offset : at + width + _REGION])
        found = self._matches(region, 300)
        start = _best_window(found, width) if found and (offset or at) else 0
        if start > 0:
            start = max(0, start - _LEAD)
            space = region.rfind(" ", max(0, start - 15), start + 1)
            start = space + 1 if space >= 0 else start
        window = region[start : start + width + _LEAD]
        end = len(window) if len(window) <= width else window.rfind(" ", 0, width)
        text = window[: end if end > width // 2 else width].rstrip()
        prefix = "…" if offset + start > 0 else ""
        suffix = "…" if len(window) > len(text) or start + len(window) < len(region) else ""
        text = prefix + text + suffix
        return text, self.spans(text)


def _term_pattern(term: Term) -> str | None:
    words = term.words
    if not words:
        return None
    parts: list[str] = []
    for index, word in enumerate(words):
        if index:
            cjk_join = is_cjk(words[index - 1][-1]) or is_cjk(word[0])
            parts.append(_SEP_CJK if cjk_join else _SEP_LATIN)
        parts.append(re.escape(word))
    head = "" if is_cjk(words[0][0]) else _NOT_AFTER_WORD
    tail = "" if term.prefix or is_cjk(words[-1][-1]) else _NOT_BEFORE_WORD
    return head + "".join(parts) + tail


def _best_window(matches: list[tuple[Span, str]], width: int) -> int:
    """Start of the window of ``width`` chars holding the most distinct terms (first wins)."""
    best_start, best_count = matches[0][0][0], 0
    right = 0
    for left, ((start, _), _) in enumerate(matches):
        right = max(right, left)
        while right + 1 < len(matches) and matches[right + 1][0][1] <= start + width:
            right += 1
        count = len({name for _, name in matches[left : right + 1]})
        if count > best_count:
            best_start, best_count = start, count
    return best_start


def _flatten(text: str) -> str:
    """Markdown prose as a plain single line: link text kept, marks dropped, spaces collapsed."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        return " " if match.group(0)[0].isspace() else ""

    return strip_controls(_MARKDOWN.sub(replace, text)).strip()


def find_spans(text: str, terms: list[str]) -> list[Span]:
    """Where ``SearchResult.terms`` occur in ``text`` (e.g. an opened article), for n/N."""
    parsed = [Term(term.removesuffix("*"), prefix=term.endswith("*")) for term in terms]
    return Matcher.for_terms(parsed).spans(text, limit=100_000)
