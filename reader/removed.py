"""What cleaning dropped from a page: shared by the cleaner that makes it and the store that
keeps it, so that neither imports the other.

A plain class, not a dataclass: importing ``dataclasses`` (which imports ``inspect``) takes
longer than the rest of the text cleaner's start-up.
"""

from __future__ import annotations


class Removed:
    """One block the cleaner dropped, kept so the app can show it and say why.

    Immutable and hashable, compared by value.
    """

    __slots__ = ("reason", "text")
    __match_args__ = ("text", "reason")
    text: str
    reason: str

    def __init__(self, text: str, reason: str) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "reason", reason)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Removed)
        return (self.text, self.reason) == (other.text, other.reason)

    def __hash__(self) -> int:
        return hash((self.text, self.reason))

    def __reduce__(self) -> tuple[type[Removed], tuple[str, str]]:
        # Rebuilt through __init__: pickling (worker processes) cannot set frozen fields.
        return (Removed, (self.text, self.reason))

    def __repr__(self) -> str:
        return f"Removed(text={self.text!r}, reason={self.reason!r})"
