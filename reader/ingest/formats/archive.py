"""Zip archives, read in memory member by member: nothing is ever extracted to disk.

Caps on the member count, each member's size and the total size stop zip bombs; sizes
are counted while decompressing, since the sizes a zip declares can lie.
"""

from __future__ import annotations

import io
import zipfile

from reader.ingest.formats.items import Failure
from reader.sanitize import one_line

MAX_MEMBERS = 50_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024


class MemberTooLarge(ValueError):
    """A member decompressed past a cap."""


def members(name: str, data: bytes) -> tuple[list[zipfile.ZipInfo], zipfile.ZipFile] | Failure:
    """The archive's file members in name order, or why it cannot be read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        return Failure(name, f"not a readable zip archive ({error})")
    infos = [info for info in archive.infolist() if not info.is_dir() and _wanted(info.filename)]
    if len(infos) > MAX_MEMBERS:
        return Failure(name, f"archive holds {len(infos)} files; the limit is {MAX_MEMBERS}")
    return sorted(infos, key=lambda info: info.filename), archive


def _wanted(member: str) -> bool:
    """Skips metadata folders and hidden files that archivers add."""
    parts = member.replace("\\", "/").split("/")
    return not any(part.startswith(".") and part not in (".", "..") for part in parts) and (
        "__MACOSX" not in parts
    )


def member_label(name: str, member: str) -> str:
    """How an archive member is named in messages: ``archive.zip:inner/path.html``."""
    return f"{name}:{one_line(member)}"


class TotalTooLarge(MemberTooLarge):
    """The archive as a whole decompressed past its cap."""


class Budget:
    """Bytes still allowed out of one archive."""

    def __init__(self, total: int | None = None) -> None:
        self.left = MAX_TOTAL_BYTES if total is None else total

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        """The member's bytes; ``MemberTooLarge`` past either cap, ``ValueError`` if unreadable."""
        limit = min(MAX_MEMBER_BYTES, self.left)
        if info.file_size > limit:
            raise self._refusal(limit)
        chunks: list[bytes] = []
        size = 0
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(1 << 20):
                    size += len(chunk)
                    if size > limit:
                        raise self._refusal(limit)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as error:
            raise ValueError(f"cannot be read from the archive ({one_line(str(error))})") from None
        self.left -= size
        return b"".join(chunks)

    def _refusal(self, limit: int) -> MemberTooLarge:
        if limit < MAX_MEMBER_BYTES:
            total = MAX_TOTAL_BYTES // 1048576
            return TotalTooLarge(f"archive decompresses to more than {total} MB; the rest skipped")
        return MemberTooLarge(f"decompresses to more than {limit // 1048576} MB; refused")
