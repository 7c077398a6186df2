"""An article's text as the reader sees it: blocks, plain text, sentences, links, and finding
a quoted passage again (what highlights are anchored to)."""
