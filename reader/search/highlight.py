"""Where the query's words are in a text: spans to highlight, and a snippet around the best match.

Matching runs on the folded text (same length as the original), so "café" in the text is
found by "cafe" and the spans point at the original characters. The invisible characters
the index drops inside words (``text.JOINERS``) are left out of the text matched, and the
span of a word holding one covers it. Snippets come from the article body, which is
Markdown: link targets and emphasis marks are dropped and whitespace flattened, so the
snippet reads as one line of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.sanitize import strip_controls
from reader.search.query import Term
from reader.search.text import is_cjk, original_offset, visible_folded

Span = tuple[int, int]
SNIPPET_CHARS = 160
#: Context kept before the match: a few words, so a list column of 40 shows the match.
_LEAD = 18
#: Characters of Markdown on each side of the best window flattened to find the snippet.
_REGION = 300
_SEP_LATIN = r"[\W_]+"
_SEP_CJK = r"[\W_]*"
#: Checked just after a term's first character, so that the pattern begins with a literal
#: character: Python's ``re`` then skips ahead to the places where that character stands
#: instead of trying every alternative at every position (17x faster with 12 completions).
_FIRST_NOT_AFTER_WORD = r"(?<![^\W_].)"
_NOT_BEFORE_WORD = r"(?![^\W_])"
# A lone space (the commonest whitespace by far) is left as it is rather than replaced by
# itself, which took a Python call per word.
_MARKDOWN = re.compile(
    # links and images: [text](url), [text][ref], [text] (a reference defined elsewhere)
    r"!?\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])?"
    # the end of a link whose start lies before the region
    r"|\]\([^)\n]*\)|\]\[[^\]\n]*\]"
    r"|<((?:https?|mailto):[^>\s]*)>"  # an address in angle brackets
    r"|\\([!-/:-@\[-`{-~])"  # a backslash escape: "7\." is "7."
    r"|\*+|`+|^[#>]+\s*|^(?:[-+]|\d{1,3}[.)])\s+|\s{2,}|[^\S ]",
    re.MULTILINE,
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
            {p for term in terms if (p := _term_pattern(term))},
            key=lambda pair: len(pair[0]) + len(pair[1]),
            reverse=True,
        )
        if not patterns:
            return cls(None, 0)
        # The whole match is the span; the group names which term it was.
        alternatives = "|".join(
            f"{lead}(?P<t{i}>{rest})" for i, (lead, rest) in enumerate(patterns)
        )
        return cls(re.compile(alternatives), len(patterns))

    def spans(self, text: str, limit: int = 500) -> list[Span]:
        """Where the terms occur in ``text`` (at most ``limit`` spans)."""
        return [span for span, _ in self._matches(text, limit)]

    def _matches(
        self, text: str, limit: int, settle_width: int | None = None
    ) -> list[tuple[Span, str]]:
        """The first ``limit`` matches; with ``settle_width``, only until the best window of
        that width is settled: it holds every term and a later match lies beyond it, so
        reading on could not change it (a body full of common words stops in a few lines)."""
        if self.pattern is None or not text:
            return []
        found: list[tuple[Span, str]] = []
        names: set[str] = set()
        searched, dropped = visible_folded(text)
        for match in self.pattern.finditer(searched):
            span, name = match.span(), match.lastgroup or ""
            if dropped:  # a soft hyphen inside the word is inside its span
                start, end = span
                span = (original_offset(start, dropped), original_offset(end - 1, dropped) + 1)
            found.append((span, name))
            if len(found) >= limit:
                break
            if settle_width is None:
                continue
            names.add(name)
            # Checked at 4, 8, 16 ... matches, so a body that never settles costs at most
            # twice the full scan.
            read = len(found)
            if read >= 4 and read & (read - 1) == 0 and len(names) == self.term_count:
                start, count = _best_window(found, settle_width)
                if count == self.term_count and span[0] > start + settle_width:
                    break
        return found

    def snippet(self, body: str, width: int = SNIPPET_CHARS) -> tuple[str, list[Span]]:
        """One line of ``body`` around the place where most of the terms occur close together.

        The region around that place is flattened to prose first and the window cut from
        it, so a window never starts inside a link's Markdown (``page](https://…``). The
        match comes a few words in, where a narrow list column still shows it.
        """
        matches = self._matches(body, 300, width)
        at = _best_window(matches, width)[0] if matches else 0
        offset = max(0, at - _REGION)
        if offset:
            space = body.find(" ", offset, at)
            offset = space + 1 if space >= 0 else offset
        region = _flatten(body[offset : at + width + _REGION])
        found = self._matches(region, 300, width)
        start = _best_window(found, width)[0] if found and (offset or at) else 0
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


def _term_pattern(term: Term) -> tuple[str, str] | None:
    """The term's pattern split in two: its first character (with the check that no word
    character comes before it) and the rest."""
    words = term.words
    if not words:
        return None
    parts: list[str] = []
    for index, word in enumerate(words):
        if index:
            cjk_join = is_cjk(words[index - 1][-1]) or is_cjk(word[0])
            parts.append(_SEP_CJK if cjk_join else _SEP_LATIN)
        parts.append(re.escape(word))
    first = words[0][0]
    parts[0] = parts[0][len(re.escape(first)) :]
    lead = re.escape(first) + ("" if is_cjk(first) else _FIRST_NOT_AFTER_WORD)
    tail = "" if term.prefix or is_cjk(words[-1][-1]) else _NOT_BEFORE_WORD
    return lead, "".join(parts) + tail


def _best_window(matches: list[tuple[Span, str]], width: int) -> tuple[int, int]:
    """Start of the window of ``width`` chars holding the most distinct terms (first wins),
    and how many it holds."""
    best_start, best_count = matches[0][0][0], 0
    most = len({name for _, name in matches})
    right = 0
    for left, ((start, _), _) in enumerate(matches):
        if best_count == most:  # no later window can hold more
            break
        right = max(right, left)
        while right + 1 < len(matches) and matches[right + 1][0][1] <= start + width:
            right += 1
        count = len({name for _, name in matches[left : right + 1]})
        if count > best_count:
            best_start, best_count = start, count
    return best_start, best_count


def _flatten(text: str) -> str:
    """Markdown prose as a plain single line: link text kept, marks and escapes dropped,
    spaces collapsed."""

    def replace(match: re.Match[str]) -> str:
        kept = match.group(1) or match.group(2) or match.group(3)
        if kept is not None:
            return kept
        return " " if match.group(0)[0].isspace() else ""

    return strip_controls(_MARKDOWN.sub(replace, text)).strip()


def find_spans(text: str, terms: list[str]) -> list[Span]:
    """Where ``SearchResult.terms`` occur in ``text`` (e.g. an opened article), for n/N."""
    parsed = [Term(term.removesuffix("*"), prefix=term.endswith("*")) for term in terms]
    return Matcher.for_terms(parsed).spans(text, limit=100_000)
