"""The list's order, kept when one article comes back: a restored article stands exactly
where sorting the whole list would put it."""

from __future__ import annotations

import random

from reader.store.listing import insert_newest_first, newest_first, sort_date
from reader.store.records import Article


def row(article_id: str, date: str | None, added: str) -> Article:
    return Article(
        article_id, f"title {article_id}", None, None, date, added, 100, None, None, None,
        False, False, sort_date=sort_date(date, added),
    )  # fmt: skip


def test_an_article_put_back_stands_where_a_full_sort_puts_it() -> None:
    chance = random.Random(7)
    days = [f"2026-11-{day:02d}" for day in range(1, 8)]
    rows = [
        row(
            f"{n:08d}",
            chance.choice([*days, None]),  # undated ones too, and many on one day
            f"{chance.choice(days)}T{chance.randrange(24):02d}:00:00+00:00",
        )
        for n in range(300)
    ]
    newest_first(rows)
    for _ in range(50):
        taken = rows.pop(chance.randrange(len(rows)))
        insert_newest_first(rows, taken)
        expected = list(rows)
        newest_first(expected)
        assert [a.id for a in rows] == [a.id for a in expected]
