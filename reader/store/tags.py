"""What a tag may be, and the one form a list of tags is stored in.

Tags come from the user (``reader tag``, the app's prompt) and from other readers' exports
(wallabag tags, Omnivore labels, Pocket tags, feed categories). Whatever their origin they
are kept the same way, so that ``tag:name`` matches, lists compare and a re-import that
adds a tag the article already has changes nothing: each tag one safe line with no spaces
at its ends and no comma (commas separate tags in the exports that list them as text),
duplicates dropped without regard to case (the first spelling wins), sorted without regard
to case.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.sanitize import one_line

#: The longest tag kept, in characters; an import's longer labels are cut.
MAX_LENGTH = 100
#: The most tags an article keeps: a state shard is rewritten on every mark, so a hostile
#: export must not be able to make it large.
MAX_TAGS = 100


def tag_problem(text: str) -> str | None:
    """Why ``text`` is not a tag a user may give; None when it is one."""
    tag = one_line(text)
    if not tag:
        return "a tag cannot be empty"
    if "," in tag:
        return f"{tag!r}: a tag cannot hold a comma"
    if len(tag) > MAX_LENGTH:
        return f"{tag[:20]!r}...: a tag is at most {MAX_LENGTH} characters"
    return None


def normalised(tags: Iterable[object]) -> list[str]:
    """``tags`` in their stored form: one line each, split at commas, stripped, cut to
    ``MAX_LENGTH``, duplicates (ignoring case) dropped, sorted ignoring case."""
    kept: dict[str, str] = {}
    for value in tags:
        if not isinstance(value, str):
            continue
        for part in one_line(value).split(","):
            tag = part.strip()[:MAX_LENGTH].rstrip()
            if tag and len(kept) < MAX_TAGS:
                kept.setdefault(tag.casefold(), tag)
    return sorted(kept.values(), key=lambda tag: (tag.casefold(), tag))


def spelt_as_known(tags: Iterable[str], known: Iterable[str]) -> list[str]:
    """``tags`` each in the spelling the library already gives it: a tag is one tag
    whatever its case, so "LOCAL" typed where "local" exists (or "long Read" completed
    from "Long Read") does not start a second spelling of it."""
    spelling = {tag.casefold(): tag for tag in known}
    return normalised(spelling.get(tag.casefold(), tag) for tag in normalised(tags))


def without(tags: Iterable[str], removed: Iterable[str]) -> list[str]:
    """``tags`` less every tag in ``removed`` (ignoring case)."""
    gone = {tag.casefold() for tag in normalised(removed)}
    return [tag for tag in normalised(tags) if tag.casefold() not in gone]
