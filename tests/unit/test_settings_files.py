"""The files reader keeps beside the library (settings, search history) are written as the
library's own are: replaced whole and made durable, or left as they were."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader.config import Config, load_config, save_config
from reader.ui.history import History


def failing_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fsync fails, as on a disk going bad: nothing may be taken for saved."""

    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", fsync)


def test_settings_are_saved_durably_or_left_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config" / "config.toml"
    save_config(Config(theme="nord"), path)
    assert load_config(path) == (Config(theme="nord"), [])
    failing_disk(monkeypatch)
    with pytest.raises(OSError) as raised:
        save_config(Config(theme="gruvbox", words_per_minute=300), path)
    assert raised.value.filename == str(path)  # the file asked for, not a temp name
    monkeypatch.undo()
    assert load_config(path) == (Config(theme="nord"), [])
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


def test_search_history_is_saved_durably_or_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "search_history"
    History(path).add("night trains")
    failing_disk(monkeypatch)
    History(path).add("ferry")  # a failing disk costs the newest query, never the file
    monkeypatch.undo()
    assert History(path).entries == ["night trains"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["search_history"]


def test_the_readmes_example_config_loads_without_a_warning(tmp_path: Path) -> None:
    """A newcomer copies the README's config file: every setting in it must load, and its
    [keymap] must not give a key two jobs (it once made f bookmark instead of list links)."""
    import re

    from project_paths import REPO

    from reader.ui.commands import keymap_problems

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [example] = [
        block for block in re.findall(r"```toml\n(.*?)```", readme, re.S) if "[keymap]" in block
    ]
    path = tmp_path / "config.toml"
    path.write_text(example, encoding="utf-8")
    config, warnings = load_config(path)
    assert warnings == []
    assert config.keymap and keymap_problems(config.keymap) == []
