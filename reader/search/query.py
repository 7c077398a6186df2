"""The query language: what a user types in the search prompt, parsed into a ``Query``.

``SYNTAX`` says what it is (``reader search --help`` and the `?` help print it). Parsing
never raises: malformed input comes back as ``ParseError`` with a one-line hint the prompt
can show as the user types.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from reader.search.text import tokens

SYNTAX: tuple[tuple[str, str], ...] = (
    (
        "night train",
        "every word must match, in the title or the body (while typing, the last one also "
        "as the start of a word); a common word (in over a quarter of the articles: the, "
        "of...) must match, but is not highlighted beside other words",
    ),
    ('"exact phrase"', "the words side by side"),
    ('-word  -"a b"', "leave out articles that have it"),
    ("a OR b", "either (OR joins the two items beside it)"),
    ("title: source: author:", 'the word (or "phrase") in that field, e.g. title:budget'),
    ("is:unread is:read", "only the unread, or only the read, articles"),
    ("is:bookmarked", "only the bookmarked articles (-is:bookmarked: the others)"),
    ("tag:name -tag:name", "with the tag, or without it (the whole tag, case aside)"),
    (
        "after:DATE before:DATE",
        "published on or after / before DATE: YYYY-MM-DD, or 7d, 2w, 3m, 1y ago (an undated "
        "article: when it was saved)",
    ),
    (
        "sort:date sort:relevance",
        "newest first, or best first (BM25, title above body, ties newest); without either, "
        "best first, but newest first when every word is common or there is none",
    ),
    ("café = cafe", "case, accents and soft hyphens inside words do not matter"),
)
"""The query language, an example and its meaning a row: every filter and every form of
word. ``reader search --help`` prints it (``language``), and so does the `?` help."""
_EXAMPLE_WIDTH = 18


def language(width: int = 88) -> str:
    """``SYNTAX`` as plain text ``width`` columns wide: each meaning beside its example,
    or below it when the example is too long to leave room."""
    import textwrap  # loaded only by the one command that prints this

    indent = " " * (2 + _EXAMPLE_WIDTH + 2)
    lines: list[str] = []
    for example, meaning in SYNTAX:
        wrapped = textwrap.wrap(meaning, width - len(indent))
        if len(example) > _EXAMPLE_WIDTH:
            lines.append(f"  {example}")
        else:
            lines.append(f"  {example.ljust(_EXAMPLE_WIDTH)}  {wrapped.pop(0)}")
        lines.extend(indent + line for line in wrapped)
    return "\n".join(lines)


TEXT_FIELDS = ("title", "source", "author")
FILTER_FIELDS = ("is", "tag", "before", "after", "sort")
FIELDS = TEXT_FIELDS + FILTER_FIELDS
STATES = ("unread", "read", "bookmarked")
SORTS = ("date", "relevance")
_FIELD = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)
_RELATIVE = re.compile(r"(\d{1,5})([dwmy])")
_DAYS_PER_UNIT = {"d": 1, "w": 7, "m": 30, "y": 365}


@dataclass(frozen=True)
class Term:
    """A word or a phrase to find, in one field or (``field`` None) in the title or body."""

    text: str
    phrase: bool = False
    prefix: bool = False
    field: str | None = None

    @property
    def words(self) -> list[str]:
        """The folded tokens this term stands for, as the index holds them."""
        return tokens(self.text)


@dataclass(frozen=True)
class AnyOf:
    """Terms joined by OR: one of them must match."""

    options: tuple[Term, ...]


@dataclass
class Query:
    """A parsed query: what must match, what must not, and the filters."""

    required: list[Term | AnyOf] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    read: bool | None = None
    bookmarked: bool | None = None
    before: str | None = None
    after: str | None = None
    sort: str | None = None
    tags: list[str] = field(default_factory=list)
    """Tags an article must have (as typed)."""
    not_tags: list[str] = field(default_factory=list)
    """Tags it must not have."""

    @property
    def is_empty(self) -> bool:
        """True when nothing at all was asked for."""
        return not (self.required or self.excluded or self.has_filters or self.sort)

    @property
    def has_filters(self) -> bool:
        """True when a state, tag or date filter narrows the results."""
        states = (self.read, self.bookmarked, self.before, self.after)
        return any(v is not None for v in states) or bool(self.tags or self.not_tags)

    def positive_terms(self) -> list[Term]:
        """Every term that may match, OR options included (what to highlight)."""
        found: list[Term] = []
        for item in self.required:
            found.extend(item.options if isinstance(item, AnyOf) else (item,))
        return found


@dataclass(frozen=True)
class ParseError:
    """Why a query could not be read, in words fit for the prompt."""

    hint: str


@dataclass(frozen=True)
class _Token:
    """One lexical item: a word, a phrase, OR, or a field with its value."""

    text: str
    quoted: bool = False
    negated: bool = False
    field: str | None = None
    is_or: bool = False
    last: bool = False


class _Malformed(Exception):
    """Raised inside the parser only; turned into ``ParseError``."""


def parse(text: str, *, typing: bool = False, today: date | None = None) -> Query | ParseError:
    """Parse ``text``; with ``typing`` the last word, if no space follows it, is a prefix."""
    try:
        items = _lex(text)
        return _build(items, typing=typing and not text[-1:].isspace(), today=today)
    except _Malformed as error:
        return ParseError(str(error))


#: What a query of punctuation alone ("!!!") is told: it holds no word to look for.
NOTHING_TO_SEARCH = "nothing to search for: type a word"


@functools.lru_cache(maxsize=256)
def parse_problem(text: str) -> str | None:
    """Why ``text`` cannot be read as a query, in the words the prompt shows; None when it
    can (what saving a query as a view checks first). A query whose terms hold no word and
    that has no filter finds nothing ever: that is a problem too. Kept for each text: the
    sidebar asks again for every saved search at each redraw."""
    parsed = parse(text)
    if isinstance(parsed, ParseError):
        return parsed.hint
    if parsed.has_filters or parsed.sort:
        return None
    terms = [
        term
        for item in [*parsed.required, *parsed.excluded]
        for term in (item.options if isinstance(item, AnyOf) else (item,))
    ]
    return None if any(term.words for term in terms) else NOTHING_TO_SEARCH


def _lex(text: str) -> list[_Token]:
    items: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = False
        if text[i] == "-":
            negated = True
            i += 1
            if i >= n or text[i].isspace():
                raise _Malformed("'-' must be followed by a word to exclude, e.g. -sport")
        if text[i] == '"':
            phrase, i = _read_phrase(text, i)
            items.append(_Token(phrase, quoted=True, negated=negated))
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        word = text[start:i]
        match = _FIELD.fullmatch(word)
        if match and match.group(1).lower() in FIELDS:
            name, value = match.group(1).lower(), match.group(2)
            quoted = False
            if not value and i < n and text[i] == '"':
                value, i = _read_phrase(text, i)
                quoted = True
            if not value:
                raise _Malformed(f"{name}: needs a value, e.g. {_example(name)}")
            items.append(_Token(value, quoted=quoted, negated=negated, field=name))
        elif match and match.group(1).isalpha() and match.group(2):
            known = " ".join(f"{f}:" for f in FIELDS)
            raise _Malformed(f"unknown filter {match.group(1)}: (known: {known})")
        elif word == "OR" and not negated:
            items.append(_Token(word, is_or=True))
        else:
            items.append(_Token(word, negated=negated))
    if items and not text[-1:].isspace() and not text.endswith('"'):
        items[-1] = replace(items[-1], last=True)
    return items


def _read_phrase(text: str, i: int) -> tuple[str, int]:
    """The text between the quote at ``i`` and its closing quote, and the index after it."""
    end = text.find('"', i + 1)
    if end < 0:
        raise _Malformed('closing quote missing: "exact phrase"')
    phrase = text[i + 1 : end]
    if not phrase.strip():
        raise _Malformed('empty quotes: put words between them, e.g. "climate change"')
    return phrase, end + 1


def _example(name: str) -> str:
    return {
        "is": "is:unread",
        "tag": "tag:work",
        "before": "before:2024-01-31",
        "after": "after:7d",
        "sort": "sort:date",
    }.get(name, f"{name}:word")


def _build(items: list[_Token], *, typing: bool, today: date | None) -> Query:
    query = Query()
    groups = _or_groups(items)
    for group in groups:
        if len(group) == 1:
            _add_single(query, group[0], typing=typing, today=today)
            continue
        options = tuple(_term(item, typing=typing) for item in group)
        query.required.append(AnyOf(options))
    return query


def _or_groups(items: list[_Token]) -> list[list[_Token]]:
    """Items with OR chains gathered into lists; checks that every OR joins two terms."""
    groups: list[list[_Token]] = []
    joining = False
    for index, item in enumerate(items):
        if item.is_or:
            if index == 0 or joining:
                raise _Malformed("OR needs a word before it, e.g. cats OR dogs")
            if index == len(items) - 1:
                raise _Malformed("OR needs a word after it, e.g. cats OR dogs")
            _check_joinable(groups[-1][-1])
            joining = True
            continue
        if joining:
            _check_joinable(item)
            groups[-1].append(item)
            joining = False
        else:
            groups.append([item])
    return groups


def _check_joinable(item: _Token) -> None:
    if item.negated:
        raise _Malformed("OR cannot join an excluded word: write -a -b to exclude both")
    if item.field in FILTER_FIELDS:
        raise _Malformed(f"OR cannot join {item.field}: filters, only words and phrases")


def _term(item: _Token, *, typing: bool) -> Term:
    prefix = typing and item.last and not item.quoted and item.field not in FILTER_FIELDS
    return Term(item.text, phrase=item.quoted, prefix=prefix, field=item.field)


def _add_single(query: Query, item: _Token, *, typing: bool, today: date | None) -> None:
    if item.field in FILTER_FIELDS:
        _add_filter(query, item, today or date.today())
    elif item.negated:
        query.excluded.append(_term(item, typing=False))
    else:
        query.required.append(_term(item, typing=typing))


def _add_filter(query: Query, item: _Token, today: date) -> None:
    value = item.text.strip().lower()
    if item.field == "is":
        if value not in STATES:
            raise _Malformed(f"is:{item.text} is unknown: use is:unread, is:read or is:bookmarked")
        wanted = not item.negated
        if value == "bookmarked":
            query.bookmarked = wanted
        else:
            query.read = wanted if value == "read" else not wanted
        return
    if item.field == "tag":
        (query.not_tags if item.negated else query.tags).append(item.text.strip())
        return
    if item.negated:
        raise _Malformed(f"'-' cannot be used with {item.field}:")
    if item.field == "sort":
        if value not in SORTS:
            raise _Malformed(f"sort:{item.text} is unknown: use sort:date or sort:relevance")
        query.sort = value
        return
    day = _parse_day(value, today)
    if day is None:
        raise _Malformed(
            f"{item.field}:{item.text} is not a date: use YYYY-MM-DD, 7d, 2w, 3m or 1y"
        )
    if item.field == "before":
        query.before = day
    else:
        query.after = day


def _parse_day(value: str, today: date) -> str | None:
    """An ISO day for ``YYYY-MM-DD`` or a relative ``7d``/``2w``/``3m``/``1y`` (ago)."""
    relative = _RELATIVE.fullmatch(value)
    if relative:
        days = int(relative.group(1)) * _DAYS_PER_UNIT[relative.group(2)]
        try:
            return (today - timedelta(days=days)).isoformat()
        except OverflowError:
            return None
    try:
        return date.fromisoformat(value).isoformat() if len(value) == 10 else None
    except ValueError:
        return None
