"""One reader per input format; ``dispatch.prepare_bytes`` picks the reader for some bytes."""
