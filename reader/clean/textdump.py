"""Clean a plain-text dump of a whole web page down to its article.

The input is what a browser select-all/copy or a text-mode browser gives: every line of
the page, menus, teasers and appeals included. Lines are almost always wholly body or
wholly boilerplate, so the cleaner classifies lines, finds the main dense run of
article-like lines, then trims and tidies it:

1. each line gets features: words (CJK-aware), bullet, sentence stop, a boilerplate
   cue from :mod:`reader.clean.boilerplate` (``dump_lines``);
2. lines get a cue from their shape too (dates, truncated teasers, pipe-separated
   menus, blocks of adjacent short lines, a table of contents whose entries come back
   as headings), then a score (prose positive, less so inside blocks of adjacent
   lines; furniture negative, a table of contents nothing; hard boundaries such as
   newsletter, donation, comment or related-links boxes very negative, and prose
   after them discounted) and the best-scoring contiguous region is taken as the
   body (maximum-sum subarray), grown over short sentences after it and over a list
   announced by a line ending in ":" (``dump_scoring``), and up over one-sentence
   paragraphs between it and the title;
3. the title is the line near the region's start (above it, or a headline among its
   first lines, left out of the body) with the most of a headline's traits, weighed
   together: a block of its own, its byline or date under it, after the menus, at the
   end of a breadcrumb trail, quoted by a share text, its words taken up by the body;
   without its invisible hyphens or a kicker run into it (``dump_title``); byline,
   date and captions between title and body are recognised and dropped; the source is
   the holder of a dated copyright notice below the body (``dump_around``);
4. inside the region, furniture lines, captions and the links of a related-links box
   set inside the article are dropped and the rest is
   rendered as Markdown: paragraphs, list items, subheadings and tables
   (``dump_render``).

Only the standard library is used and regular expressions are compiled on first
use, so that a process cleaning a handful of pages starts fast.
"""

from __future__ import annotations

from reader.clean.credits import byline_name, is_caption_like
from reader.clean.date_lines import find_date
from reader.clean.dump_around import (
    NAME_BEFORE_DATE,
    credited_caption,
    find_source,
    mark_captions,
)
from reader.clean.dump_lines import GOOD, Line, parse_lines
from reader.clean.dump_render import line_drop_reason, removed_lines, render
from reader.clean.dump_scoring import (
    best_region,
    classify,
    extend_list,
    extend_sentences,
    is_sentence_paragraph,
)
from reader.clean.dump_title import find_title, headline_text
from reader.clean.meta_names import author_name, site_name
from reader.clean.model import Cleaned


def clean_text_dump(text: str) -> Cleaned:
    """Find the article in a plain-text dump of a whole web page.

    Returns the headline as ``title``, the article body as Markdown (paragraphs
    separated by blank lines, list items and headings kept, title left out),
    byline, ISO date and source when found, and every dropped line in ``removed``
    with a short reason, in page order.
    """
    lines = parse_lines(text)
    if not lines:
        return Cleaned(title=None, body="")
    classify(lines)
    start, end = best_region(lines)
    if start >= end:
        start, end = 0, len(lines)
    start, end = extend_sentences(lines, start, end)
    prose_end, end = end, extend_list(lines, end)
    title_idx = find_title(lines, start, end)
    byline: str | None = None
    date: str | None = None
    reasons: dict[int, str] = {}
    meta_from = title_idx + 1 if title_idx is not None else max(0, start - 6)
    # A headline found among the body's first lines has its byline and date under it.
    meta_to = start if title_idx is None or title_idx < start else min(end, title_idx + 4)
    for ln in lines[meta_from:meta_to]:
        name = byline_name(ln.text)
        found = find_date(ln.text) if ln.wc <= 20 else None
        if not name and found and (m := NAME_BEFORE_DATE.regex.match(ln.text)):
            name = m.group(1)  # "Jane Doe - Nov 19, 2019"
        if name:
            byline = byline or name
            reasons[ln.idx] = "byline"
        if found:
            date = date or found
            reasons.setdefault(ln.idx, "date")
        if ln.idx not in reasons and (is_caption_like(ln.text) or credited_caption(ln.text)):
            reasons[ln.idx] = "caption"
    scored_start, start = start, _grow_over_sentences_above(lines, start, title_idx, reasons)
    keep: list[Line] = []
    mark_captions(lines, start, end, reasons)
    in_box = False  # among the links under a related-links heading inside the article
    for ln in lines[start:end]:
        if ln.idx == title_idx:
            continue
        # the lines grown over above the body were checked already
        reason = reasons.get(ln.idx) or (line_drop_reason(ln) if ln.idx >= scored_start else None)
        if reason == "navigation" and ln.idx >= prose_end:
            reason = None  # a short item of the announced list, not a menu
        in_box = (reason == "related" and _heads_a_box(ln)) or (in_box and ln.kind != GOOD)
        if in_box and reason is None:
            reason = "related"
        if reason is None:
            keep.append(ln)
        else:
            reasons[ln.idx] = reason
    if not keep:
        keep = [ln for ln in lines if ln.idx != title_idx] or lines
    kept_ids = {ln.idx for ln in keep}
    removed = removed_lines(lines, kept_ids, title_idx, reasons)
    title = headline_text(lines, title_idx) if title_idx is not None else None
    return Cleaned(
        title=title,
        body=render(keep),
        byline=author_name(byline),
        date=date,
        source=site_name(find_source(lines, end), title),
        removed=removed,
    )


def _heads_a_box(ln: Line) -> bool:
    """Whether a related-links line heads a box of links ("More on this story"), rather
    than pointing to one story with its headline ("Related story: Ferry timetable ...")."""
    return ":" not in ln.text.rstrip(": ")


def _grow_over_sentences_above(
    lines: list[Line], start: int, title_idx: int | None, reasons: dict[int, str]
) -> int:
    """Grow the body up over one-sentence paragraphs standing right above it, below the title.

    A body's opening line is sometimes a single sentence that the scoring leaves out, or
    a paragraph trailing off in "..." that reads like a teaser but leads into the text
    right below it; bylines, dates, captions and the title itself stay out.
    """
    if title_idx is None:
        return start
    while start - 1 > title_idx:
        ln = lines[start - 1]
        if ln.idx in reasons:
            break
        lead_in = ln.reason == "teaser" and ln.blank_before
        if not lead_in and (not is_sentence_paragraph(ln) or line_drop_reason(ln)):
            break
        start -= 1
    return start
