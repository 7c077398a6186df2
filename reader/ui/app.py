"""The reader app: settings, theme, keymap, global keys and the command palette."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reader.config import MARK_READ_MODES, SORT_ORDERS, Config
from reader.search import SearchIndex
from reader.store import Article, Library
from reader.ui import browser
from reader.ui.catalog import Catalog
from reader.ui.commands import APP_COMMANDS, SCREEN_COMMANDS, keymap_problems, keys_of
from reader.ui.finder import Finder, title_filter
from reader.ui.history import History
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.settings import Settings
from reader.ui.styles_cache import stop_pinning_styles_caches

Clock = Callable[[], datetime]


def default_finder(catalog: Catalog) -> Finder:
    """The search behind `/`: a title filter over the loaded articles."""
    return title_filter(lambda: catalog)


NO_BROWSER = "No web browser could be started; y copies the address instead."


class ReaderApp(App[None]):
    """Read saved articles: a list of them beside the one being read."""

    TITLE = "reader"
    BINDINGS = [command.binding() for command in APP_COMMANDS]

    def __init__(
        self,
        library: Library,
        *,
        config: Config | None = None,
        config_path: Path | None = None,
        history_path: Path | None = None,
        clock: Clock = datetime.now,
        finder: Callable[[Catalog], Finder] = default_finder,
        open_index: Callable[[Library], SearchIndex] | None = SearchIndex.open,
        on_first_rows: Callable[[ReaderApp], None] | None = None,
        on_article_shown: Callable[[ReaderApp, str], None] | None = None,
        preload: Future[tuple[list[Article], list[Article]]] | None = None,
        first_page: list[Article] | None = None,
        notices: Sequence[str] = (),
    ) -> None:
        super().__init__()
        stop_pinning_styles_caches()
        self.library = library
        self.settings = Settings(config or Config(), config_path)
        self.history = History(history_path)
        self.clock = clock
        self.finder = finder
        #: Opens the full-text index (None: titles only).
        self.open_index = open_index
        self._on_first_rows = on_first_rows
        self._on_article_shown = on_article_shown
        self.preload = preload
        #: The newest articles, shown while ``preload`` reads the whole library.
        self.first_page = first_page
        #: Said once the app is on screen: warnings printed before it would be hidden.
        self.notices = list(notices)
        self._settings_applied = False

    @property
    def config(self) -> Config:
        """The settings now."""
        return self.settings.config

    def on_mount(self) -> None:
        """Apply the saved theme and keymap, then show the main screen."""
        found: list[str] = []
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        else:
            found.append(
                f"theme {self.config.theme!r} is not one of the themes "
                "(ctrl+p, then Theme, lists them); using the default"
            )
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
            found.extend(keymap_problems(self.config.keymap))
        self._settings_applied = True
        first_page, self.first_page = self.first_page, None
        preload, self.preload = self.preload, None
        main = MainScreen(
            self.library,
            self.settings,
            history=self.history,
            today=lambda: self.clock().date(),
            now=self.clock,
            title_filter=self.finder,
            open_index=self.open_index,
            first_page=first_page,
            preload=preload,
        )
        self.push_screen(main)
        where = f"{self.settings.path}: " if self.settings.path else ""
        for notice in [*self.notices, *(where + problem for problem in found)]:
            self.notify(notice, severity="warning", timeout=10, markup=False)

    def watch_theme(self, theme: str) -> None:
        """Remember the chosen theme."""
        if self._settings_applied and theme != self.config.theme:
            self.change_config(theme=theme)

    def change_config(self, **changes: object) -> None:
        """Change settings and save them."""
        problem = self.settings.change(**changes)
        if problem:
            self.notify(problem, severity="error", markup=False)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open a checked link; say so when no browser could be started, instead of nothing."""
        if not browser.open_in_browser(url):
            self.notify(NO_BROWSER, severity="warning", timeout=5)

    def action_help(self) -> None:
        """?: every key."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.config.keymap))

    def action_set_mark_read(self, mode: str) -> None:
        """When opening an article marks it read: on open, at the end, or never."""
        if mode in MARK_READ_MODES:
            self.change_config(mark_read=mode)
            self.notify(f"Articles are marked read: {_MARK_READ_WORDS[mode]}.", timeout=3)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette: every command that applies now, then settings, then Textual's own."""
        if isinstance(screen, MainScreen):
            for command in SCREEN_COMMANDS:
                if screen.check_action(command.id, ()):
                    keys = ", ".join(
                        self.get_key_display(Binding(key, ""))
                        for key in keys_of(command, self.config.keymap)
                    )
                    yield SystemCommand(
                        f"{command.help} ({keys})" if keys else command.help,
                        command.title,
                        _runner(screen, command.id),
                    )
            for order in SORT_ORDERS if screen.check_action("cycle_sort", ()) else ():
                yield SystemCommand(
                    f"Sort by {order}", "Order the list", _runner(screen, f"set_sort('{order}')")
                )
            for mode in MARK_READ_MODES:
                yield SystemCommand(
                    f"Mark read: {_MARK_READ_WORDS[mode]}",
                    "When an article counts as read",
                    _runner(self, f"set_mark_read('{mode}')"),
                )
        yield SystemCommand("Help: every key (?)", "List every binding", self.action_help)
        yield from super().get_system_commands(screen)

    # ----- hooks for the benchmark ----------------------------------------------------

    @on(MainScreen.FirstRowsShown)
    def first_rows_shown(self) -> None:
        """The first list of titles has been painted."""
        if self._on_first_rows is not None:
            self._on_first_rows(self)

    @on(MainScreen.ArticleShown)
    def article_shown(self, message: MainScreen.ArticleShown) -> None:
        """An article's first screenful has been rendered: once it is painted, say so."""
        if self._on_article_shown is not None:
            self.call_after_refresh(self._on_article_shown, self, message.article_id)


_MARK_READ_WORDS = {"open": "on open", "end": "at the end", "never": "never"}


def _runner(target: App[None] | Screen[None], action: str) -> Callable[[], object]:
    """A palette callback running ``action`` on ``target``."""

    async def run() -> None:
        await target.run_action(action)

    return run
