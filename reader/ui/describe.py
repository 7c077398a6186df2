"""What the screen says about the list: the line above it, the header's subtitle, empty lists.

Plain functions of the screen's state, so the wording lives in one place and is cheap to test.
"""

from __future__ import annotations

from reader.config import SortOrder
from reader.store.library import PURGE_AFTER
from reader.ui.catalog import BOOKMARKED, DELETED, SAVED_PREFIX, UNREAD, Catalog
from reader.ui.finder import Found
from reader.ui.formatting import safe
from reader.ui.searching import SearchState
from reader.wording import counted

#: The reading pane of an empty library: how to fill it.
EMPTY_LIBRARY_HELP = (
    "The library is empty. Add articles from a terminal with reader import FILE... "
    "(text or HTML pages, Markdown, RSS and Atom feeds, wallabag, Pocket and Omnivore "
    "exports, zip archives, or a web address)."
)
#: The reading pane when the list is empty but the library is not.
NOTHING_TO_READ = "Nothing to read here."


def list_title(
    catalog: Catalog,
    view: str,
    search: SearchState | None,
    sort: SortOrder,
    count: int,
    found: Found | None,
) -> tuple[str, str]:
    """The line above the list (what is shown, how many, how sorted) and the header's
    subtitle (unread of total); ``found`` is the answer the list shows, if it shows one:
    the search's, or the saved search's (the view ``view``)."""
    if search is not None:
        what = f"Search: {' '.join(search.query.split())}"
        if found is not None and found.hint:
            what += f" · {found.hint}"
        elif found is not None and found.partial:
            what += " · showing the newest matches"
    else:
        what = catalog.view_label(view)
        feed = catalog.feed(view)
        if feed is not None and feed.status == "error":
            what += f" · ! {safe(feed.error or 'gone (410): no longer updated')}"
        error = catalog.saved_error(view)
        if error is not None:
            what += f" · ! {safe(error)}"
    if catalog.partial:
        return f"{what} · newest {count:,} · loading the rest…", "loading…"
    articles = counted(count, "article", grouped=True)
    if view == DELETED and search is None:
        return f"{what} · {articles} · {purge_note(catalog)}", subtitle_of(catalog)
    order = list_order(view, sort, found)
    return f"{what} · {articles}{order}", subtitle_of(catalog)


def list_order(view: str, sort: SortOrder, found: Found | None) -> str:
    """How the rows are ordered, as the title line ends: an answer's own order (the index
    ranks a query with a telling word, and lists the others newest first), else the view's
    sort; nothing when there is no row to order, or for a saved search not answered yet."""
    if found is not None and found.ids:
        return " · best first" if found.best_first else " · newest first"
    if found is not None or view.startswith(SAVED_PREFIX):
        return ""
    return f" · by {sort}"


def subtitle_of(catalog: Catalog) -> str:
    """The header's subtitle: unread of total."""
    return f"{catalog.unread:,} unread of {len(catalog):,}"


def purge_note(catalog: Catalog) -> str:
    """When the Deleted view's articles go for good: 30 days after each was deleted, the
    days left shown on each row where the reading time stands elsewhere."""
    days = PURGE_AFTER.days
    if not catalog.deleted:
        return f"kept {days} days after deletion; r restores"
    return f"each kept {days} days, days left at the right; r restores"


def empty_list(catalog: Catalog, view: str, search: SearchState | None) -> str:
    """What the list says when it has no rows."""
    found = search.found if search is not None else None
    if found is not None:
        return found.hint or found.empty
    if not len(catalog):
        return "The library is empty."
    error = catalog.saved_error(view)
    if error is not None:
        return f"This saved search cannot be read: {safe(error)}. The delete key removes it."
    return {
        UNREAD: "All read. Nothing new here.",
        BOOKMARKED: "No bookmarks yet: b bookmarks an article.",
        DELETED: "Nothing deleted: d deletes an article, and it waits here 30 days.",
    }.get(view, "No articles here.")


def empty_pane(catalog: Catalog) -> str:
    """What the reading pane says when the list has no rows."""
    return EMPTY_LIBRARY_HELP if not len(catalog) else NOTHING_TO_READ
