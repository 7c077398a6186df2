"""Counts in words, for every line that tells the user how many of something there are."""

from __future__ import annotations


def counted(number: int, noun: str, *, grouped: bool = False) -> str:
    """``1 article``, ``2 articles``; ``grouped`` writes ``2,000`` (the app's lists)."""
    figure = f"{number:,}" if grouped else str(number)
    return f"{figure} {noun}" + ("" if number == 1 else "s")
