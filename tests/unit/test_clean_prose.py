"""What counts as a page's prose, and how much of it an article kept."""

from __future__ import annotations

import pytest

from reader.clean.prose import is_prose, kept_share, text_key
from reader.removed import Removed

SENTENCE = "The ferry to the island runs twice a day in winter and four times in summer."


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        (SENTENCE, True),
        ("Ferry timetable", False),
        ("Home News Sport Weather Culture Travel Opinion Video Podcasts Newsletters More", False),
        # a teaser cut short for a link to another page
        ("The ferry to the island runs twice a day in winter, and the council says it…", False),
        (" ".join(["word"] * 30), True),
    ],
)
def test_is_prose(text: str, prose: bool) -> None:
    assert is_prose(text) is prose


def test_text_key_ignores_markup_and_invisible_hyphens() -> None:
    assert text_key("The *ferry*, runs\u00ad twice!") == text_key("The ferry runs twice")
    assert text_key("bio\u00adpoli\u00adtics") == " biopolitics "
    assert text_key("ferry runs") in text_key("The ferry runs twice")


def test_kept_share_counts_the_prose_that_was_removed() -> None:
    removed = [
        Removed("Home\nNews\nSport", "left out by the extractor"),
        Removed(f"{SENTENCE}\nShare", "left out by the extractor"),
        Removed(SENTENCE, "comments"),
    ]
    prose_words = 2 * 16
    assert kept_share(prose_words, removed) == pytest.approx(0.5)
    assert kept_share(100, [Removed("Share this", "share")]) == 1.0
    assert kept_share(0, []) == 1.0
