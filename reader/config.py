"""The user's settings: a small TOML file in the XDG config folder (``reader.paths.config_file``).

Only what a user chooses in the app lives here: the theme, when articles count as read,
the reading speed, the list's sort order, how wide the text column grows, the command
``|`` offers to pipe an article to, and key remappings. A bad value is reported and
replaced by its default, so a typo never keeps the app from starting.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, cast, get_args

MarkRead = Literal["open", "end", "never"]
SortOrder = Literal["date", "source", "title"]
MARK_READ_MODES: tuple[MarkRead, ...] = get_args(MarkRead)
SORT_ORDERS: tuple[SortOrder, ...] = get_args(SortOrder)
DEFAULT_THEME = "textual-dark"
#: The text column's widest (0: the whole pane), and the narrowest a setting may make it.
TEXT_WIDTH, NARROWEST_TEXT = 76, 30


@dataclass(frozen=True)
class Config:
    """Settings the app reads at start and writes when the user changes one."""

    theme: str = DEFAULT_THEME
    mark_read: MarkRead = "open"
    words_per_minute: int = 230
    sort: SortOrder = "date"
    #: The most columns of text in a line when the pane is wider (0: no limit).
    text_width: int = TEXT_WIDTH
    #: The command ``|`` offers first (the article's Markdown goes to its standard input).
    pipe_command: str = "less"
    #: The sidebar's groups shown folded (by name: "Tags", "Feeds", "Sources"...).
    folded: tuple[str, ...] = ()
    keymap: dict[str, str] = field(default_factory=dict)

    def but(self, **changes: object) -> Config:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def load_config(path: Path) -> tuple[Config, list[str]]:
    """The config at ``path`` (defaults when absent) and one warning per bad value."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(), []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Config(), [f"{path}: not read ({error}); using defaults"]
    warnings: list[str] = []
    default = Config()

    def bad(key: str, why: str) -> None:
        warnings.append(f"{path}: {key} {why}; using the default")

    theme = data.get("theme", default.theme)
    if not isinstance(theme, str) or not theme:
        bad("theme", "must be a theme name")
        theme = default.theme
    mark_read = data.get("mark_read", default.mark_read)
    if mark_read not in MARK_READ_MODES:
        bad("mark_read", f"must be one of {', '.join(MARK_READ_MODES)}")
        mark_read = default.mark_read
    wpm = data.get("words_per_minute", default.words_per_minute)
    if not isinstance(wpm, int) or isinstance(wpm, bool) or not 50 <= wpm <= 2000:
        bad("words_per_minute", "must be a whole number from 50 to 2000")
        wpm = default.words_per_minute
    sort = data.get("sort", default.sort)
    if sort not in SORT_ORDERS:
        bad("sort", f"must be one of {', '.join(SORT_ORDERS)}")
        sort = default.sort
    text_width = data.get("text_width", default.text_width)
    if (
        not isinstance(text_width, int)
        or isinstance(text_width, bool)
        or not (text_width == 0 or NARROWEST_TEXT <= text_width <= 1000)
    ):
        bad("text_width", f"must be 0 (no limit) or a whole number from {NARROWEST_TEXT} to 1000")
        text_width = default.text_width
    pipe_command = data.get("pipe_command", default.pipe_command)
    if not isinstance(pipe_command, str) or "\n" in pipe_command:
        bad("pipe_command", "must be a command on one line")
        pipe_command = default.pipe_command
    folded = data.get("folded", list(default.folded))
    if not isinstance(folded, list) or not all(isinstance(name, str) for name in folded):
        bad("folded", 'must be a list of group names, e.g. ["Sources"]')
        folded = list(default.folded)
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
    ):
        bad("keymap", 'must be a table of binding = "keys"')
        keymap = {}
    return (
        Config(
            theme=theme,
            mark_read=cast(MarkRead, mark_read),
            words_per_minute=wpm,
            sort=cast(SortOrder, sort),
            text_width=text_width,
            pipe_command=pipe_command,
            folded=tuple(folded),
            keymap=dict(keymap),
        ),
        warnings,
    )


def save_config(config: Config, path: Path) -> None:
    """Write ``config`` to ``path`` (atomically and durably: a crash never leaves half a file)."""
    from reader.store.atomic import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, to_toml(config).encode("utf-8"), keep_previous=False)


def to_toml(config: Config) -> str:
    """The TOML text of ``config``."""
    lines = [
        "# reader settings; the app rewrites this file when you change a setting.",
        f"theme = {_quote(config.theme)}",
        f"mark_read = {_quote(config.mark_read)}  # open | end | never",
        f"words_per_minute = {config.words_per_minute}",
        f"sort = {_quote(config.sort)}  # date | source | title",
        f"text_width = {config.text_width}  # widest line of text in columns; 0: no limit",
        f"pipe_command = {_quote(config.pipe_command)}  # what | offers to pipe an article to",
        f"folded = [{', '.join(map(_quote, config.folded))}]  # the sidebar's folded groups",
        "",
        '# Remap keys by binding id, e.g. next_article = "n,right"; `?` in the app lists the ids.',
        "[keymap]",
    ]
    lines.extend(f"{_quote(key)} = {_quote(value)}" for key, value in sorted(config.keymap.items()))
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    """A TOML basic string holding ``text``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch >= " " and ch != "\x7f" else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'
