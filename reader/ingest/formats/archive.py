"""Zip archives, read in memory member by member: nothing is ever extracted to disk.

Caps on the member count, each member's size, the archive's total and its compression
ratio stop zip bombs. The ratio is checked on the sizes the archive declares before
anything is decompressed; a member can never expand past its declared size (``zipfile``
stops there and finds the checksum wrong), so the declared sizes bound the real ones.
"""

from __future__ import annotations

import io
import stat
import zipfile

from reader.ingest.files import MIB, describe_size, input_limit
from reader.ingest.formats.items import Failure
from reader.sanitize import one_line

MAX_MEMBERS = 50_000
#: All members together expand to at most this, archives and ``.gz`` files inside included.
#: An archive is read in memory as a whole, so this bounds what reading one can hold (its
#: articles' raw text and cleaned bodies: up to twice what the members expand to). It is
#: sized for real exports (thousands of saved pages come to a few hundred MB), not for
#: bombs: those are refused by the ratio check below before anything is decompressed, and
#: each member is held to the limit of the same file on its own
#: (``reader.ingest.files.input_limit``).
MAX_TOTAL_BYTES = 256 * MIB
#: Deflate shrinks real pages, text and exports 3 to 10 times, repetitive markup some
#: 30 times; a zip bomb expands hundreds of times (deflate allows up to 1,032). An archive
#: declaring more than this many times its own size is refused as a bomb.
MAX_RATIO = 100
#: The ratio is enforced past this many expanded bytes, so that a small archive of odd
#: files (a short file of one repeated character) is not taken for a bomb.
RATIO_GRACE_BYTES = 1 * MIB


class MemberTooLarge(ValueError):
    """A member decompressed past a cap."""


class TotalTooLarge(MemberTooLarge):
    """The archive as a whole decompressed past its cap: the rest of it is not read."""


def members(name: str, data: bytes) -> tuple[list[zipfile.ZipInfo], zipfile.ZipFile] | Failure:
    """The archive's file members in name order, or why it cannot be read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        return Failure(name, f"not a readable zip archive ({error})")
    infos = [info for info in archive.infolist() if not info.is_dir() and _wanted(info.filename)]
    if len(infos) > MAX_MEMBERS:
        return Failure(name, f"archive holds {len(infos)} files; the limit is {MAX_MEMBERS}")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_RATIO * len(data) + RATIO_GRACE_BYTES:
        archive.close()
        return Failure(
            name,
            f"expands to {describe_size(declared)}, over {MAX_RATIO} times its size: "
            "a zip bomb; refused",
        )
    return sorted(infos, key=lambda info: info.filename), archive


def _wanted(member: str) -> bool:
    """Skips metadata folders and hidden files that archivers add."""
    parts = member.replace("\\", "/").split("/")
    return not any(part.startswith(".") and part not in (".", "..") for part in parts) and (
        "__MACOSX" not in parts
    )


def is_link(info: zipfile.ZipInfo) -> bool:
    """A member that an unzip on a Unix system would make a symbolic link.

    Read in memory its bytes are only the path it points to, never what is there; it is
    left out with a note, as a folder import leaves the links it meets.
    """
    return stat.S_ISLNK(info.external_attr >> 16)


def member_label(name: str, member: str) -> str:
    """How an archive member is named in messages: ``archive.zip:inner/path.html``."""
    return f"{name}:{one_line(member)}"


class Budget:
    """Bytes still allowed out of one archive, shared with the archives and ``.gz`` in it."""

    def __init__(self, total: int | None = None) -> None:
        self.left = MAX_TOTAL_BYTES if total is None else total

    def charge(self, size: int) -> None:
        """Count ``size`` more expanded bytes; ``TotalTooLarge`` past the archive's cap."""
        if size > self.left:
            self.left = 0  # nothing more is read from this archive
            raise TotalTooLarge(
                f"archive decompresses to more than {describe_size(MAX_TOTAL_BYTES)}; "
                "the rest skipped"
            )
        self.left -= size

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        """The member's bytes; ``MemberTooLarge`` past its own cap, ``TotalTooLarge`` past
        the archive's, ``ValueError`` if unreadable."""
        own = input_limit(info.filename, expanded=True)
        if info.file_size > own:
            raise _too_large(own)
        self.charge(info.file_size)  # what it may expand to: zipfile reads no further
        chunks: list[bytes] = []
        try:
            with archive.open(info) as stream:
                # in chunks: read() at once would inflate all the data there is (a lying
                # member's gigabyte) before cutting it to the declared size
                while chunk := stream.read(1 << 20):
                    chunks.append(chunk)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as error:
            raise ValueError(f"cannot be read from the archive ({one_line(str(error))})") from None
        return b"".join(chunks)


def _too_large(limit: int) -> MemberTooLarge:
    return MemberTooLarge(f"decompresses to more than {describe_size(limit)}; refused")
