"""``.gz`` files, decompressed in memory with a cap checked while decompressing."""

from __future__ import annotations

import zlib

from reader.ingest.files import describe_size


class TooLarge(ValueError):
    """Decompressing went past the cap."""


def gunzip(data: bytes, limit: int) -> bytes:
    """The decompressed bytes (all gzip members); ``TooLarge`` or ``ValueError`` with a reason.

    ``limit`` is what the file inside may hold (``reader.ingest.files.input_limit``): a
    gzip bomb stops there, having used no more memory than that.
    """
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            while rest:
                out += inflater.decompress(rest, max(1, limit + 1 - len(out)))
                if len(out) > limit:
                    raise TooLarge(f"decompresses to more than {describe_size(limit)}")
                rest = inflater.unconsumed_tail
                if inflater.eof:
                    break
        except zlib.error as error:
            raise ValueError(f"damaged gzip data ({error})") from None
        if not inflater.eof:
            raise ValueError("gzip data is cut short")
        rest = inflater.unused_data.lstrip(b"\x00")
    return bytes(out)
