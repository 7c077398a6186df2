"""Whether a feed entry carries only a teaser of its article (``full_text = "auto"``).

General signs only, none tuned to a site: an entry with little text, one ending in a
"continue reading" link or an ellipsis, or one whose content is just its summary again
and short. An entry without a link is never a teaser: there is nothing to download.
"""

from __future__ import annotations

import re

#: Fewer words than this is a teaser: an article's opening, a sentence or a link post.
TEASER_WORDS = 120
#: A summary repeated as the content is a teaser when it is shorter than this.
REPEATED_SUMMARY_WORDS = 300

_CONTINUE = re.compile(
    r"(continue reading|read (?:the )?(?:full|whole|rest|more)|read on\b|full (?:story|article)"
    r"|weiterlesen|lire la suite|leer m[aá]s|continua a leggere|lees verder|czytaj dalej"
    r"|(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\])\s*\S{0,40}$)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+")


def _plain(text: str) -> str:
    return re.sub(r"<[^>]*>", " ", text)


def is_teaser(*, link: str | None, content: str, summary: str, words: int, prose: str) -> bool:
    """True when the entry's article should be downloaded to be read in full.

    ``content`` and ``summary`` are the entry's raw HTML, ``prose`` its text as
    converted and ``words`` the count of it.
    """
    if not link:
        return False
    if words < TEASER_WORDS:
        return True
    tail = prose.rstrip()[-160:]
    if _CONTINUE.search(tail):
        return True
    if summary.strip() and words < REPEATED_SUMMARY_WORDS:
        same = _WORDS.findall(_plain(content).lower()) == _WORDS.findall(_plain(summary).lower())
        if not content.strip() or same:
            return True
    return False
