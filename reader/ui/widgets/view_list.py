"""The sidebar: the views in folding groups (Library, Saved searches, Tags, Feeds, Sources).

A line-API scroll view, like the article list: it draws only the lines on screen, so a
library of a thousand sources and two hundred tags draws as fast as one of ten (an
``OptionList`` measures every entry first: 0.16 s for 1,200 of them).

A stream's count is its unread articles, after a ● as in the list; a collection
(Bookmarked, Reading, Highlights, Deleted) counts all it holds. A feed whose last update
failed is marked with a !.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.ui.catalog import GROUPS, View
from reader.ui.formatting import safe
from reader.ui.widgets.article_list import fit

UNREAD_MARK, FAILING_MARK = "●", "!"
OPEN_GROUP, FOLDED_GROUP = "▾", "▸"


@dataclass(frozen=True)
class Entry:
    """One line of the sidebar: a group's heading (``view`` None) or a view in it."""

    group: str
    view: View | None = None


class ViewList(ScrollView, can_focus=True, inherit_bindings=False):
    """Choose what the article list shows; counts change as articles are read."""

    COMPONENT_CLASSES = {"view-list--cursor", "view-list--heading", "view-list--count"}
    DEFAULT_CSS = """
    ViewList {
        width: 24;
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        background: $panel;
        & > .view-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .view-list--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground;
        }
        & > .view-list--heading { color: $text-muted; text-style: bold; }
        & > .view-list--count { color: $text-muted; }
    }
    """
    BINDINGS = [
        Binding("enter,space", "choose", "Show", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
    ]

    @dataclass
    class Chosen(Message):
        """The user moved onto a view (``picked`` False) or picked it (Enter, a click)."""

        key: str
        picked: bool = True

    @dataclass
    class Folded(Message):
        """The user folded a group (``folded`` True) or opened it again."""

        group: str
        folded: bool

    def __init__(self, *, folded: Collection[str] = (), id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: list[View] = []
        #: The groups shown folded (only their heading).
        self.folded: set[str] = set(folded)
        self.entries: list[Entry] = []
        self.cursor = 0
        #: The view the list shows (the cursor's home after a redraw).
        self.current = ""

    # ----- data ----------------------------------------------------------------------

    def show_views(self, views: Sequence[View], current: str) -> None:
        """Show ``views`` with their counts, the cursor on ``current``."""
        self.views = list(views)
        self.current = current
        self._lay_out(current)

    def _lay_out(self, keep: str | None) -> None:
        """Rebuild the lines (the heading of each group with views, then its views unless
        folded), the cursor on view ``keep`` (or its group's heading when folded)."""
        by_group: dict[str, list[View]] = {}
        for view in self.views:
            by_group.setdefault(view.group, []).append(view)
        entries: list[Entry] = []
        cursor = None
        for group in GROUPS:
            members = by_group.get(group)
            if not members:
                continue
            if keep is not None and cursor is None and any(v.key == keep for v in members):
                cursor = len(entries)  # the heading, unless the view itself is shown
            entries.append(Entry(group))
            if group in self.folded:
                continue
            for view in members:
                if view.key == keep:
                    cursor = len(entries)
                entries.append(Entry(group, view))
        self.entries = entries
        self.virtual_size = Size(self.size.width, len(entries))
        if cursor is not None:
            self.cursor = cursor
        self.cursor = max(0, min(self.cursor, len(entries) - 1))
        self._scroll_to_cursor()
        self.refresh()

    @property
    def highlighted_view(self) -> View | None:
        """The view under the cursor (None on a heading)."""
        if 0 <= self.cursor < len(self.entries):
            return self.entries[self.cursor].view
        return None

    def view_keys(self) -> list[str]:
        """Every view's key in the sidebar's order, those of folded groups left out (what
        ``]`` and ``[`` step through)."""
        return [view.key for view in self.views if view.group not in self.folded]

    # ----- moving and choosing -------------------------------------------------------

    def action_cursor_down(self) -> None:
        """The next line."""
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """The line before."""
        self.move_to(self.cursor - 1)

    def action_page(self, pages: int) -> None:
        """A screenful down (1) or up (-1)."""
        self.move_to(self.cursor + pages * max(self.size.height - 1, 1))

    def move_to(self, index: int) -> None:
        """Put the cursor on line ``index``; moving onto a view shows it."""
        index = max(0, min(index, len(self.entries) - 1))
        if index == self.cursor or not self.entries:
            return
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh()
        view = self.entries[index].view
        if view is not None:
            self.post_message(self.Chosen(view.key, picked=False))

    def action_choose(self) -> None:
        """Enter: show the view, or fold (or open) the group under the cursor."""
        if not self.entries:
            return
        entry = self.entries[self.cursor]
        if entry.view is not None:
            self.post_message(self.Chosen(entry.view.key))
        else:
            self.toggle_group(entry.group)

    def toggle_group(self, group: str) -> None:
        """Fold a group, or open it again; the cursor stays on its heading."""
        folded = group not in self.folded
        if folded:
            self.folded.add(group)
        else:
            self.folded.discard(group)
        self._lay_out(None)
        heading = next(i for i, e in enumerate(self.entries) if e.view is None and e.group == group)
        self.cursor = heading
        self._scroll_to_cursor()
        self.post_message(self.Folded(group, folded))

    def _scroll_to_cursor(self) -> None:
        height = max(self.size.height, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True, force=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True, force=True)

    def on_click(self, event: events.Click) -> None:
        """A click on a view shows it; on a heading, folds or opens its group."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + int(self.scroll_y)
        if 0 <= index < len(self.entries):
            self.cursor = index
            self.refresh()
            self.action_choose()

    # ----- drawing -------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual width equal to the visible width (no sideways scrolling)."""
        self.virtual_size = Size(event.size.width, len(self.entries))

    def render_line(self, y: int) -> Strip:
        """One screen line: a heading or a view with its count."""
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        base = self.rich_style
        if index >= len(self.entries):
            return Strip.blank(width, base)
        entry = self.entries[index]
        cursor = (
            self.get_component_rich_style("view-list--cursor") if index == self.cursor else None
        )
        if entry.view is None:
            return self._heading(entry.group, width, base, cursor)
        return self._view(entry.view, width, base, cursor)

    def _heading(self, group: str, width: int, base: Style, cursor: Style | None) -> Strip:
        style = base + self.get_component_rich_style("view-list--heading")
        if cursor is not None:
            style += cursor
        folded = group in self.folded
        mark = FOLDED_GROUP if folded else OPEN_GROUP
        count = sum(1 for view in self.views if view.group == group) if folded else 0
        text = f"{mark} {group}" + (f" ({count:,})" if count else "")
        return Strip([Segment(fit(text, width), style)], width)

    def _view(self, view: View, width: int, base: Style, cursor: Style | None) -> Strip:
        style = base if cursor is None else base + cursor
        count_style = style + self.get_component_rich_style("view-list--count")
        if cursor is not None:
            count_style = style
        count = self.count_text(view)
        mark = FAILING_MARK if view.failing else " "
        label_width = max(1, width - 3 - len(count))
        segments = [
            Segment(" " + mark, style),
            Segment(fit(safe(view.label), label_width) + " ", style),
            Segment(count, count_style),
        ]
        return Strip(segments).adjust_cell_length(width, style)

    @staticmethod
    def count_text(view: View) -> str:
        """A view's count as drawn: ● and the unread articles of a stream (nothing when
        all are read), the number a collection holds, … while it is not known yet."""
        if view.count is None:
            return "…"
        if view.unread:
            return f"{UNREAD_MARK}{view.count:,}" if view.count else ""
        return f"{view.count:,}"
