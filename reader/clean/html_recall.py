"""What trafilatura's body may miss, judged against the page's own prose.

trafilatura is run for precision (``reader.clean.html``), which on pages unlike the news
it was tuned on costs text: a guide cut to its first section, a blog post reduced to a
caption, the lead paragraph left out. The page itself says how much prose it holds
(``reader.clean.prose``), so a body can be checked against it:

- a body that covers little of the page's prose was probably found in the wrong place:
  a second extraction tuned for recall is tried, and kept when it covers far more;
- the lead paragraph, which trafilatura often leaves out with the page header, is found
  as the block the page's own description repeats, just above the body;
- a page where nothing was found at all keeps its prose rather than nothing.

Measured on both development corpora (``tests/bench/bench_clean.py``): the recall
extraction and the lead each raised snippet F1 on the trafilatura-eval pages and left
the scrapinghub figure as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.clean.prose import text_key
from reader.textstats import count_words

if TYPE_CHECKING:
    from reader.clean.html_page_text import PageText

#: A body covering less than this share of the page's prose is tried again for recall.
RECALL_SHARE = 0.2
#: The recall extraction replaces the body when it covers this many times as much prose.
RECALL_GAIN = 2.0
#: A description (and the lead paragraph matched to it) has at least this many words.
LEAD_WORDS = 8
#: The lead is looked for among this many page blocks above the body's first.
LEAD_REACH = 8
#: The body's first block in the page is the first of more than this many words found in it.
FIRST_BLOCK_WORDS = 4
#: Blocks between the lead and the body that may be a byline or date have at most this
#: many words.
BYLINE_WORDS = 20


def wants_recall(share: float) -> bool:
    """Whether a body covering ``share`` of the page's prose should be tried again."""
    return share < RECALL_SHARE


def recall_is_better(share: float, recall_share: float) -> bool:
    """Whether the recall extraction's coverage beats the body's by enough to replace it."""
    return recall_share > RECALL_GAIN * share


def lead_paragraph(
    page: PageText, body_key: str, description: str | None, title: str | None
) -> str | None:
    """The page's lead paragraph when the body left it out, or None.

    The lead is the block that the page's description repeats (or that repeats it), among
    the few blocks just above the body's first one. A standfirst set above the byline
    and date is the headline's subtitle rather than the article's start: it is left
    where it is, and so is a copy of it further down.
    """
    if not description or count_words(description) < LEAD_WORDS:
        return None
    first = body_start(page.keys, body_key)
    if first is None:
        return None
    wanted = text_key(description)
    opening = " ".join(wanted.split()[:LEAD_WORDS])
    title_key = text_key(title) if title else None
    lead = None
    for index in range(first - 1, max(-1, first - 1 - LEAD_REACH), -1):
        key = page.keys[index]
        if key.count(" ") <= LEAD_WORDS or key == title_key:
            continue
        if key.startswith(f" {opening} ") or wanted in key or key in wanted:
            if key in body_key or any(map(_byline_or_date, page.blocks[index + 1 : first])):
                return None  # in the body already, or shown as the subtitle
            lead = lead or page.blocks[index]
    return lead


def body_start(keys: list[str], body_key: str) -> int | None:
    """Where the body starts in the page: its first block of a few words found in it."""
    for index, key in enumerate(keys):
        if key.count(" ") > FIRST_BLOCK_WORDS and key in body_key:
            return index
    return None


def _byline_or_date(block: str) -> bool:
    """Whether a short block names the author or gives a date."""
    from reader.clean.credits import byline_name
    from reader.clean.date_lines import find_date

    if count_words(block) > BYLINE_WORDS:
        return False
    return bool(byline_name(block.strip()) or find_date(block))
