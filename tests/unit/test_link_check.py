"""Which links the app offers to open: only well-formed http(s) addresses."""

from __future__ import annotations

from reader.ui.links import check_link


def test_web_links_pass_and_others_are_refused_with_a_reason() -> None:
    assert check_link("https://example.org/a").problem is None
    for href in ("https://example.com:abc/x", "http://[::1", "javascript:alert(1)", "file:///etc"):
        verdict = check_link(href)
        assert verdict.problem is not None and verdict.problem.startswith("Not opened"), href
