"""Saved searches ("views"): a name, a query and a place in the user's order.

Kept in the library, in ``views.json`` (a TinyDB table ``views``, one document per view:
``{"name", "query", "position"}``), so scripts see the views the app shows. The file is
small and rewritten whole on each change, through the same atomic storage as the shards,
under the library's write lock; a damaged file is set aside and its previous copy
restored, with a message, as for a shard. Here are the rules (what a view may be named,
the file's shape, the edits) and ``SavedViews``, the file as the ``Library`` keeps it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import repeat
from pathlib import Path

from reader.sanitize import one_line
from reader.store import recovery
from reader.store.atomic import StepHook
from reader.store.errors import DamagedFile, LockTimeout, StoreError
from reader.store.layout import Layout
from reader.store.locks import WriteLock
from reader.store.storage import SafeJSONStorage, Tables, parse_tables

TABLE = "views"
#: The longest view name and query kept, in characters.
MAX_NAME = 100
MAX_QUERY = 2000


class UnknownView(StoreError):
    """A view name given by the user names no saved view."""


class InvalidView(StoreError):
    """A view name or query the store refuses (empty, several lines, too long)."""


@dataclass(frozen=True)
class SavedView:
    """One saved search: shown by ``name``, listing what ``query`` finds; ``position`` is
    its place in the user's order (0 first)."""

    name: str
    query: str
    position: int


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a view; None when it can."""
    if not one_line(name):
        return "a view needs a name"
    if one_line(name) != name.strip():
        return f"view name {one_line(name)!r}: one line of text, please"
    if len(name.strip()) > MAX_NAME:
        return f"a view name is at most {MAX_NAME} characters"
    return None


def query_problem(query: str) -> str | None:
    """Why ``query`` cannot be saved; None when it can. Whether it parses is the search's
    business (``parse_problem``, which the commands saving a view ask first): the store
    still reads, shows and removes a view whose query stopped parsing after an upgrade."""
    if not one_line(query):
        return "a view needs a query"
    if len(one_line(query)) > MAX_QUERY:
        return f"a view's query is at most {MAX_QUERY} characters"
    return None


def table_problem(table: object) -> str | None:
    """Why a ``views`` table is not a table of views; None when it is."""
    if type(table) is not dict:
        return "its table is not an object"
    docs = list(table.values())
    if not all(type(doc) is dict for doc in docs):
        return "a view is not an object"
    for field, kind in (("name", str), ("query", str), ("position", int)):
        if set(map(type, map(dict.get, docs, repeat(field)))) - {kind}:
            return f"a view's {field} is not {'text' if kind is str else 'a whole number'}"
    names = [doc["name"].casefold() for doc in docs]
    if len(set(names)) != len(names):
        return "two views have the same name"
    return None


class SavedViews:
    """A library's ``views.json``: read without a lock, changed under the write lock.

    ``warnings`` is the library's list of messages, where a recovery says what it did.
    """

    def __init__(
        self, layout: Layout, lock: WriteLock, warnings: list[str], hook: StepHook | None = None
    ) -> None:
        self.layout = layout
        self.path = layout.views
        self.lock = lock
        self.warnings = warnings
        self.storage = SafeJSONStorage(self.path, hook=hook)

    def all(self) -> list[SavedView]:
        """The views in the user's order; a damaged file is recovered first (when this
        process may write the library; else ``DamagedFile``)."""
        try:
            return self._read()
        except DamagedFile as damage:
            with self.lock.held_if_possible() as refused:
                if isinstance(refused, LockTimeout):
                    raise refused from None
                if refused is not None:
                    why = (refused.strerror if isinstance(refused, OSError) else None) or refused
                    raise DamagedFile(
                        damage.path, f"{damage.reason}; not repaired ({why})"
                    ) from None
                self._recover(damage)
            return self._read()

    def change(self, edit: Callable[[list[SavedView]], list[SavedView]]) -> list[SavedView]:
        """Replace the views with ``edit`` of them, under the write lock; returns the new ones."""
        with self.lock.held():
            try:
                views = edit(self._read())
            except DamagedFile as damage:
                self._recover(damage)
                views = edit(self._read())
            self._write(views)  # a failed write leaves the file, and forgets what it read
        return views

    def check(self) -> list[str]:
        """The file's damage as a problem for ``reader check`` (then recovered)."""
        try:
            views_of(self.path, parse_tables(self.path, self.path.read_bytes()))
        except FileNotFoundError:
            return []
        except DamagedFile as damage:
            with contextlib.suppress(DamagedFile, LockTimeout):
                self.all()
            return [str(damage)]
        return []

    def _read(self) -> list[SavedView]:
        tables = self.storage.read()
        return [] if tables is None else views_of(self.path, tables)

    def _write(self, views: list[SavedView]) -> None:
        """Replace the file with these views, numbered in their order."""
        table = {
            str(number): {"name": view.name, "query": view.query, "position": number - 1}
            for number, view in enumerate(views, start=1)
        }
        self.storage.write({TABLE: table})

    def _recover(self, damage: DamagedFile) -> None:
        """Set a damaged file aside and restore its last good copy, saying so. Call under
        the write lock."""
        self.storage.forget()
        try:  # another process may have recovered it meanwhile
            self._read()
            return
        except DamagedFile:
            pass
        previous = previous_views(self.path)
        how = "restored its previous copy"
        if previous is None:
            how = "no good copy was left: the saved views start empty"
        aside = recovery.set_aside(self.layout, self.path)
        self._write(previous or [])
        self.warnings.append(f"{damage.path}: {damage.reason}; moved to {aside}, {how}")


def views_of(path: Path, tables: Tables) -> list[SavedView]:
    """The views of a parsed file, in order; ``DamagedFile`` unless of the right shape."""
    if TABLE not in tables:
        raise DamagedFile(path, f"holds no {TABLE!r} table")
    problem = table_problem(tables[TABLE])
    if problem:
        raise DamagedFile(path, f"not a views file ({problem})")
    views = [
        SavedView(doc["name"], doc["query"], doc["position"]) for doc in tables[TABLE].values()
    ]
    return sorted(views, key=lambda view: (view.position, view.name.casefold()))


def previous_views(path: Path) -> list[SavedView] | None:
    """The views of the file's previous copy (``NAME.prev``), None if it is unusable."""
    previous = path.with_name(path.name + ".prev")
    try:
        return views_of(previous, parse_tables(previous, previous.read_bytes()))
    except (OSError, DamagedFile):
        return None


def find(views: list[SavedView], name: str) -> SavedView:
    """The view called ``name`` (ignoring case); ``UnknownView`` if none is."""
    wanted = name.strip().casefold()
    for view in views:
        if view.name.casefold() == wanted:
            return view
    raise UnknownView(f"no view named {one_line(name)!r}")


def saved(views: list[SavedView], name: str, query: str) -> list[SavedView]:
    """``views`` with ``query`` saved as ``name``: a view of that name (ignoring case)
    gets the new query and keeps its place; a new one goes last."""
    problem = name_problem(name) or query_problem(query)
    if problem:
        raise InvalidView(problem)
    name, query = name.strip(), one_line(query)
    try:
        old = find(views, name)
    except UnknownView:
        return renumbered([*views, SavedView(name, query, len(views))])
    return [replace(view, name=name, query=query) if view is old else view for view in views]


def removed(views: list[SavedView], name: str) -> list[SavedView]:
    """``views`` without the one called ``name``; ``UnknownView`` if none is."""
    gone = find(views, name)
    return renumbered([view for view in views if view is not gone])


def moved(views: list[SavedView], name: str, position: int) -> list[SavedView]:
    """``views`` with ``name`` moved to ``position`` (0 first; beyond the ends: to the end)."""
    view = find(views, name)
    rest = [other for other in views if other is not view]
    place = min(max(position, 0), len(rest))
    return renumbered([*rest[:place], view, *rest[place:]])


def renumbered(views: list[SavedView]) -> list[SavedView]:
    """The views with positions 0, 1, 2... in their order."""
    return [replace(view, position=number) for number, view in enumerate(views)]
