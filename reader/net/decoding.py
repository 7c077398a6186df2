"""Compressed responses (gzip, deflate) unpacked as they arrive, never past a size cap.

httpx would unpack them too, but a whole received chunk at a time: 64 KB of a gzip bomb
is 64 MB before any cap is looked at. Here each step asks zlib for at most what the cap
still allows.
"""

from __future__ import annotations

import zlib
from typing import Protocol

#: What reader asks servers for: gzip and deflate, which zlib unpacks within a cap.
ACCEPT_ENCODING = "gzip, deflate"


class _Unpacker(Protocol):
    """What a ``zlib.decompressobj()`` offers that is used here (its class is private)."""

    @property
    def unconsumed_tail(self) -> bytes: ...
    @property
    def unused_data(self) -> bytes: ...
    @property
    def eof(self) -> bool: ...
    def decompress(self, data: bytes, max_length: int = 0, /) -> bytes: ...
    def flush(self, length: int = ..., /) -> bytes: ...


class TooLarge(Exception):
    """The unpacked body would pass the cap."""


class DecodingError(Exception):
    """The body is not what its Content-Encoding says."""


class Decoder:
    """Unpacks one response body chunk by chunk, holding it to ``limit`` bytes in all."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding = encoding.strip().lower()
        self.limit = limit
        self.size = 0
        self._zlib: _Unpacker | None = None
        self._raw_deflate = False
        if self.encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(wbits=zlib.MAX_WBITS | 32)
        elif self.encoding == "deflate":
            self._zlib = zlib.decompressobj()
        elif self.encoding not in ("", "identity"):
            raise DecodingError(f"unsupported Content-Encoding {encoding!r}")

    def feed(self, chunk: bytes) -> bytes:
        """The bytes ``chunk`` unpacks to; ``TooLarge`` once the total passes the cap."""
        if self._zlib is None:
            return self._count(chunk)
        out: list[bytes] = []
        data = chunk
        while data:
            try:
                piece = self._zlib.decompress(data, self.limit - self.size + 1)
            except zlib.error as error:
                if self.encoding == "deflate" and not self._raw_deflate and not self.size:
                    # Some servers send raw deflate without the zlib header.
                    self._raw_deflate = True
                    self._zlib = zlib.decompressobj(wbits=-zlib.MAX_WBITS)
                    continue
                raise DecodingError(f"damaged {self.encoding} data ({error})") from None
            out.append(self._count(piece))
            data = self._zlib.unconsumed_tail
            if self._zlib.eof and self._zlib.unused_data:
                # Another gzip member follows (allowed by the format).
                data = self._zlib.unused_data
                self._zlib = zlib.decompressobj(wbits=zlib.MAX_WBITS | 32)
        return b"".join(out)

    def flush(self) -> bytes:
        """Whatever is left once the body has ended."""
        if self._zlib is None:
            return b""
        return self._count(self._zlib.flush())

    def _count(self, piece: bytes) -> bytes:
        self.size += len(piece)
        if self.size > self.limit:
            raise TooLarge
        return piece
