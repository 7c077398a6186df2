"""Compiled regular expressions kept between processes, as ``.pyc`` files keep bytecode.

The cleaner's cues are some seventy regular expressions. Python compiles a pattern in
pure Python, so a fresh process spends about 25 ms on them: a quarter of a
``reader clean`` run over a batch of pages, which scripts run in loops. The compiled
program ``re`` hands to ``_sre.compile`` is plain data (a list of integers), so it is
stored in the user's cache folder and given back to ``_sre.compile`` next time.

Only the exact Python build that wrote an entry reads it (the file name carries the
interpreter's cache tag and ``_sre``'s version); the file carries a checksum; an entry is
stored only if the pattern it makes equals ``re.compile``'s; ``_sre`` checks every
program it is given. Anything unexpected (another Python, a damaged or unwritable file,
a changed internal API) falls back to ``re.compile``: the cache can make start-up
faster, never make a pattern wrong. ``$READER_PATTERN_CACHE`` names another file, or
turns the cache off when empty.
"""

from __future__ import annotations

import atexit
import binascii
import marshal
import os
import re
import sys

# typing costs 3 ms of start-up, which this module exists to save.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import AnyStr

try:
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python implementation
    _sre = None

#: An entry: the arguments ``_sre.compile`` takes after the pattern itself.
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
Key = tuple[str | bytes, int]

CACHE_ENV = "READER_PATTERN_CACHE"

_entries: dict[Key, Entry] | None = None
_new: dict[Key, Entry] = {}


def compile_cached(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, from the cache when this Python compiled it before."""
    flags = int(flags)
    entries = _loaded()
    entry = entries.get((source, flags))
    if entry is not None:
        try:
            pattern: re.Pattern[AnyStr] = _sre.compile(source, *entry)
        except Exception:  # an entry this Python cannot use: compile afresh
            entries.pop((source, flags), None)
        else:
            if pattern.pattern == source:
                return pattern
    pattern = re.compile(source, flags)
    entry = _entry_for(source, flags, pattern)
    if entry is not None:
        entries[(source, flags)] = _new[(source, flags)] = entry
        if len(_new) == 1:
            atexit.register(save)
    return pattern


def _entry_for(source: AnyStr, flags: int, pattern: re.Pattern[AnyStr]) -> Entry | None:
    """What ``re`` hands to ``_sre.compile`` for this pattern, or None if not reproducible.

    The steps are those of ``re._compiler.compile``; the result is kept only when the
    pattern it makes equals ``re.compile``'s (patterns compare by flags and program).
    """
    if _sre is None:
        return None
    try:
        parsed = _parser.parse(source, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # plain ints marshal
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry: Entry = (
            int(flags | parsed.state.flags),
            code,
            int(parsed.state.groups) - 1,
            {str(name): int(index) for name, index in groupindex.items()},
            tuple(indexgroup),
        )
        if _sre.compile(source, *entry) != pattern:
            return None
    except Exception:
        return None
    return entry


def cache_file() -> str | None:
    """Where this Python's entries live: ``$READER_PATTERN_CACHE`` (a file; empty turns
    the cache off), else the XDG cache folder."""
    if _sre is None:
        return None
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return override or None
    name = f"patterns-{sys.implementation.cache_tag}-{_sre.MAGIC}-{sys.hexversion:x}.marshal"
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return os.path.join(base, "reader", name)
    from platformdirs import user_cache_dir

    return os.path.join(user_cache_dir("reader", appauthor=False), name)


def _loaded() -> dict[Key, Entry]:
    """The cached entries, read once per process; an unreadable file reads as empty."""
    global _entries
    if _entries is None:
        _entries = _read(cache_file())
    return _entries


def _read(path: str | None) -> dict[Key, Entry]:
    if not path:
        return {}
    try:
        with open(path, "rb") as file:
            stored = file.read()  # whole: marshal.load would read it piece by piece
        payload = stored[4:]
        if binascii.crc32(payload).to_bytes(4, "big") != stored[:4]:
            return {}  # damaged or cut short: start again
        data = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def save() -> None:
    """Add the entries this process compiled to the file (atomically; errors ignored)."""
    path = cache_file()
    if not _new or not path:
        return
    temp = f"{path}.{os.getpid()}.tmp"
    try:
        merged = _read(path)
        merged.update(_new)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        payload = marshal.dumps(merged)
        with open(temp, "wb") as file:
            file.write(binascii.crc32(payload).to_bytes(4, "big") + payload)
        os.replace(temp, path)
    except (OSError, ValueError):
        import contextlib  # only here: its import costs start-up

        with contextlib.suppress(OSError):
            os.remove(temp)
        return
    _new.clear()
