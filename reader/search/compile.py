"""A parsed ``Query`` turned into an FTS5 MATCH expression, SQL filters and row-number bounds.

Every user term is re-tokenized and quoted here, so FTS5 syntax in what the user typed
(``NEAR``, ``*``, ``^``, parentheses, quotes) is always data, never syntax. A phrase of two
words whose pair is indexed (see ``pairs``) becomes that one token. With the index's
``Vocabulary`` each item also says how many articles it may match and whether it is worth
ranking by (see ``vocabulary``): the engine ranks a query only when one of its required
items is not common.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.search.article_state import tag_token
from reader.search.pairs import pair_token
from reader.search.query import AnyOf, Query, Term
from reader.search.rowids import day_start
from reader.search.text import AUTHOR_MARK, SOURCE_MARK, is_cjk
from reader.search.vocabulary import Vocabulary, is_common

MIN_PREFIX = 3
"""A last word shorter than this is matched whole while typing: one or two letters would
stand for a dozen of the commonest words, and match nearly every article."""

_MARKS = {"source": SOURCE_MARK, "author": AUTHOR_MARK}
"""The fields whose words are indexed marked (see ``text.SOURCE_MARK``): they match, but
BM25 gives them no weight."""


@dataclass
class Compiled:
    """What the engine runs: a MATCH expression, conditions on the ``docs`` table (``d``),
    and the row numbers the dates allow."""

    match: str | None = None
    """What must match, with what must not folded in; None when no word is required."""
    exclude: str | None = None
    """What must not match, for a query that requires no word."""
    where: list[str] = field(default_factory=list)
    """Conditions on the ``docs`` row (``d``)."""
    params: list[object] = field(default_factory=list)
    low: int | None = None
    """The lowest row number allowed (``after:``)."""
    high: int | None = None
    """The row number below which rows are allowed (``before:``)."""
    rankable: bool = False
    """Some required item is worth ranking by: not common."""
    estimate: int = 0
    """At most how many articles the words match."""
    phrases: int = 0
    """How many words and phrases the MATCH names: ranking reads each of them per match."""


@dataclass(frozen=True)
class _Item:
    """One compiled item: its MATCH text, how many articles it may match, whether it ranks."""

    match: str
    estimate: int
    rankable: bool
    phrases: int = 1


def compile_query(query: Query, vocabulary: Vocabulary | None = None) -> Compiled:
    """The MATCH text for what must (and must not) match, SQL for the filters. Without a
    vocabulary a prefix is FTS5's own prefix query and phrases are matched word by word."""
    compiled = Compiled()
    articles = vocabulary.articles if vocabulary else 0
    items = [item for each in query.required if (item := _item(each, vocabulary))]
    items += [_Item(_quote([tag_token(tag)]), articles, False) for tag in query.tags]
    negative = [m.match for term in query.excluded if (m := _term(term, vocabulary, wanted=False))]
    negative += [_quote([tag_token(tag)]) for tag in query.not_tags]
    exclude = " OR ".join(negative) if negative else None
    if items:
        match = " AND ".join(item.match for item in items)
        compiled.match = f"({match}) NOT ({exclude})" if exclude else match
        compiled.rankable = any(item.rankable for item in items)
        compiled.estimate = min(item.estimate for item in items)
        compiled.phrases = sum(item.phrases for item in items) + len(negative)
    else:
        compiled.exclude = exclude
        compiled.estimate = articles
    for column, value in (("read", query.read), ("bookmarked", query.bookmarked)):
        if value is not None:
            compiled.where.append(f"d.{column} = ?")
            compiled.params.append(int(value))
    if vocabulary is not None and vocabulary.spilled:  # row numbers may cross days
        for day, operator in ((query.after, ">="), (query.before, "<")):
            if day:
                compiled.where.append(f"d.day {operator} ?")
                compiled.params.append(day)
        return compiled
    if query.after:
        compiled.low = day_start(query.after)
    if query.before:
        compiled.high = day_start(query.before)
    return compiled


def highlighted(query: Query, vocabulary: Vocabulary) -> list[Term]:
    """The terms to light up: every one that may match, but a common word only when the
    query has nothing else."""
    terms = query.positive_terms()
    telling = [term for term in terms if not _common_word(term, vocabulary)]
    return telling or terms


def _common_word(term: Term, vocabulary: Vocabulary) -> bool:
    words = term.words
    return len(words) == 1 and not term.prefix and vocabulary.common(words[0])


def _item(item: Term | AnyOf, vocabulary: Vocabulary | None) -> _Item | None:
    if isinstance(item, Term):
        return _term(item, vocabulary)
    options = [m for term in item.options if (m := _term(term, vocabulary))]
    if not options:
        return None
    estimate = sum(option.estimate for option in options)
    if vocabulary is not None:
        estimate = min(estimate, vocabulary.articles)
    return _Item(
        "(" + " OR ".join(o.match for o in options) + ")",
        estimate,
        any(o.rankable for o in options),
        sum(o.phrases for o in options),
    )


def _term(term: Term, vocabulary: Vocabulary | None, *, wanted: bool = True) -> _Item | None:
    """One term as a quoted FTS5 phrase (or pair token), in the title alone for ``title:``;
    None if it has no word. A term not ``wanted`` (excluded) is never a prefix, and its
    counts are not looked up."""
    words = term.words
    if not words:
        return None
    articles = vocabulary.articles if vocabulary else 0
    last = words[-1]
    typed = term.prefix and wanted and len(last) >= MIN_PREFIX and not is_cjk(last[-1])
    mark = _MARKS.get(term.field or "")
    if mark is not None:  # short lists of few distinct words: FTS5's own prefix query is cheap
        marked = _quote([mark + word for word in words]) + ("*" if typed else "")
        return _Item(marked, articles, False)
    column = "title : " if term.field == "title" else ""
    if typed:
        if vocabulary is None:
            return _Item(f"{column}{_quote(words)}*", 0, True)
        endings = vocabulary.complete(last) or [last]
        phrases = " OR ".join(_quote([*words[:-1], ending]) for ending in endings)
        counts = [vocabulary.df(ending) for ending in endings]
        rankable = any(not is_common(df, articles) for df in counts)
        return _Item(f"{column}({phrases})", min(sum(counts), articles), rankable, len(endings))
    if vocabulary is None:
        return _Item(f"{column}{_quote(words)}", 0, True)
    if len(words) == 2 and vocabulary.indexed_pair(*words):
        df = vocabulary.pair_df(*words) if wanted else 0
        return _Item(f"{column}{_quote([pair_token(*words)])}", df, not is_common(df, articles))
    if not wanted:
        return _Item(f"{column}{_quote(words)}", 0, False)
    df = min(vocabulary.df(word) for word in words)
    return _Item(f"{column}{_quote(words)}", df, not is_common(df, articles))


def _quote(words: list[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'
