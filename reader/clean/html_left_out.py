"""What cleaning left out of a page, in page order: dropped blocks and the text around the
article (menus, teasers, footers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.clean.model import Removed
from reader.clean.prose import text_key

if TYPE_CHECKING:
    from lxml.etree import _Element  # type: ignore[import-untyped]

    from reader.clean.html_page_text import PageText

#: The reason given for page text the extractor did not take into the body.
LEFT_OUT = "left out by the extractor"
#: Above this many characters of body, only whole page blocks found in the body count as
#: kept: testing each block as a substring of a long body is quadratic.
MAX_SUBSTRING_BODY = 100_000


def removed_in_page_order(
    page: PageText, body: _Element, dropped: list[Removed], title: str | None
) -> list[Removed]:
    """Everything of the page that is not in the body, in page order, with its reason.

    The filters' drops keep their reasons; the rest of the page's text (menus, teasers,
    footers, and whatever prose the extractor passed over) is "left out by the
    extractor", consecutive blocks as one entry, a line each. Texts are compared by their
    words (``reader.clean.prose.text_key``), so markup and invisible characters never
    matter.
    """
    kept = text_key(" ".join(body.itertext()))
    kept_blocks = {
        text_key("".join(el.itertext())) for el in body.iter("p", "head", "item", "cell")
    }
    substring_ok = len(kept) < MAX_SUBSTRING_BODY
    dropped_keys = [text_key(item.text) for item in dropped]
    emitted: set[int] = set()
    result: list[Removed] = []
    run: list[str] = []
    title_key = text_key(title) if title else None
    for text, key in zip(page.blocks, page.keys, strict=True):
        if key == " " or key in kept_blocks or (substring_ok and key in kept):
            continue
        # a short page block inside a longer dropped one ("News" in "newsletter") is no match
        owner = next(
            (i for i, dk in enumerate(dropped_keys) if key in dk and len(key) >= min(30, len(dk))),
            None,
        )
        if owner is not None or key == title_key:  # the headline is ``Cleaned.title``
            if run:
                result.append(Removed(text="\n".join(run), reason=LEFT_OUT))
                run = []
            if owner is not None and owner not in emitted:
                emitted.add(owner)
                result.append(dropped[owner])
            continue
        run.append(text)
    if run:
        result.append(Removed(text="\n".join(run), reason=LEFT_OUT))
    result.extend(item for i, item in enumerate(dropped) if i not in emitted)
    return result
