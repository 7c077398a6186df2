"""The kept lines of a text dump as Markdown, and the dropped ones with their reasons."""

from __future__ import annotations

from reader.clean.credits import byline_name, is_caption_like, is_credited_caption
from reader.clean.dump_lines import GOOD, HAS_DIGIT, SHORT, TABLE_ROW, Line
from reader.clean.dump_scoring import HARD
from reader.clean.model import Removed


def line_drop_reason(ln: Line) -> str | None:
    """Why a line inside the body region is dropped, or None to keep it."""
    if ln.reason is not None:
        return ln.reason
    if ln.kind == GOOD:
        # however long: "A man rides to work in La Paz on May 2. REUTERS/Jo Amory"
        return "caption" if is_credited_caption(ln.text) else None
    if byline_name(ln.text):
        return "byline"
    if is_caption_like(ln.text):
        return "caption"
    return None


def removed_lines(
    lines: list[Line], kept_ids: set[int], title_idx: int | None, reasons: dict[int, str]
) -> list[Removed]:
    """List the dropped lines in page order with a reason for each.

    Consecutive dropped lines with the same reason (a menu, a run of teasers) make
    one block, their lines joined with newlines.
    """
    removed: list[Removed] = []
    run: list[str] = []
    run_reason = ""
    prev_idx = -2
    last_hard: tuple[int, str] | None = None
    for ln in lines:
        idx, reason = ln.idx, ln.reason
        if reason in HARD:
            last_hard = (idx, reason or "")
        if idx in kept_ids or idx == title_idx:
            continue
        reason = reasons.get(idx) or reason
        if reason is None and ln.kind == GOOD:
            # Prose just after an appeal or a comments heading belongs to it.
            near = last_hard is not None and idx - last_hard[0] <= 8
            reason = last_hard[1] if near and last_hard else "teaser"
        reason = reason or "short line outside body"
        if run and (reason != run_reason or idx != prev_idx + 1):
            removed.append(Removed("\n".join(run), run_reason))
            run = []
        run.append(ln.raw)
        run_reason, prev_idx = reason, idx
    if run:
        removed.append(Removed("\n".join(run), run_reason))
    return removed


def _is_table_row(ln: Line) -> bool:
    """Whether a line is a row of a plain-text table (columns aligned with spaces)."""
    return ln.kind != GOOD and "  " in ln.text and TABLE_ROW.regex.search(ln.text) is not None


def _is_heading(ln: Line, nxt: Line | None) -> bool:
    """Whether a kept line is a subheading: short, unpunctuated, alone, followed by prose."""
    return (
        nxt is not None
        and nxt.kind == GOOD
        and ln.kind == SHORT
        and ln.blank_before
        and 2 <= ln.wc <= 15
        and not (ln.bullet or ln.numbered or ln.quantity or ln.sentence)
        and ln.text[:1].isalnum()
        and ln.text[-1:] not in ",;"
        and not HAS_DIGIT.regex.search(ln.text[-4:])
    )


def _escape_start(text: str) -> str:
    """Backslash-escape a paragraph start that Markdown would read as a heading, quote or list."""
    if text[:1] in "#>" or text[:2] in ("- ", "+ ", "* ") or text in ("-", "+", "*"):
        return "\\" + text
    return text


def render(kept: list[Line]) -> str:
    """Render kept lines as Markdown: paragraphs, list items, headings and tables."""
    out: list[str] = []
    mode = ""  # "list" or "table" while inside one, else ""
    for k, ln in enumerate(kept):
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        if ln.bullet or ln.numbered or ln.quantity:
            item = ln.text if ln.numbered else f"- {ln.text}"
            if mode == "list":
                out[-1] += "\n" + item
            else:
                out.append(item)
            mode = "list"
        elif _is_table_row(ln):
            if mode == "table":
                out[-1] = out[-1][:-3] + ln.text + "\n```"
            else:
                out.append("```\n" + ln.text + "\n```")
            mode = "table"
        else:
            mode = ""
            if _is_heading(ln, nxt):
                out.append("## " + ln.text)
            else:
                out.append(_escape_start(ln.text))
    return "\n\n".join(out)
