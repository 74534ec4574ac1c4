"""Rotated logs that logrotate compressed: `queue_log.2.gz`, `Master.csv.1.xz`.

A centre importing last month's history finds most of it compressed (logrotate's
`compress`, with gzip by default, or `compresscmd` xz / bzip2). The importer reads a
file through offsets, `pread` and `fstat` (a file is known by what it holds, and a
big import hands batches to a second process), so a compressed log is expanded
into an unnamed temporary file beside the store and read like any other; the
store records it under the compressed file's name. A file cut short (copied
while logrotate was still writing it) gives up the lines it holds, and the
summary says where it ended.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

#: What a compressed file starts with → its name, as logrotate's `compresscmd` calls it.
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"\xfd7zXZ\x00", "xz"), (b"BZh", "bzip2"))
_OPENERS: dict[str, Callable[..., BinaryIO]] = {
    "gzip": gzip.open,
    "xz": lzma.open,
    "bzip2": bz2.open,
}
#: What a damaged or cut-short stream raises while it is read.
DAMAGED = (EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile, ValueError)
_COPY_BYTES = 1 << 16


def compression_of(head: bytes) -> str | None:
    """The compression a file's first bytes announce (None: not compressed)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            # bzip2's "BZh" is followed by the block size, '1'..'9'; a text log could
            # start with "BZh" but hardly with that and then binary.
            if kind == "bzip2" and not (len(head) > 3 and 0x31 <= head[3] <= 0x39):
                continue
            return kind
    return None


def compression_of_file(path: Path) -> str | None:
    """The compression `path`'s first bytes announce (None: not compressed); OSError."""
    with open(path, "rb") as handle:
        return compression_of(handle.read(8))


def open_expanded(path: Path, kind: str) -> BinaryIO:
    """A reader of the expanded bytes (the start is enough to tell the log's format)."""
    return _OPENERS[kind](path, "rb")


def read_start(path: Path, kind: str, size: int) -> tuple[bytes, bool]:
    """Up to `size` expanded bytes from the start, and whether the stream broke off before
    them (damaged, or cut short): a stream damaged early gives what came."""
    out = bytearray()
    try:
        with open_expanded(path, kind) as stream:
            while len(out) < size:
                block = stream.read1(size - len(out))
                if not block:
                    break
                out += block
    except DAMAGED:
        return bytes(out), True
    return bytes(out), False


@dataclass
class Expanded:
    """A compressed log expanded into a temporary file, open for reading at its start."""

    handle: BinaryIO
    #: How many bytes of log it expanded to.
    size: int
    #: None when the whole stream expanded; otherwise why it stopped short.
    cut_short: str | None = None

    def note(self, kind: str) -> str | None:
        """What the import summary says of it (None: nothing to say)."""
        if self.cut_short is None:
            return None
        return (f"the {kind} file ends early ({self.cut_short}) after {self.size:,} bytes of log: "
                f"the lines before are imported")  # fmt: skip


def expand(path: Path, kind: str, folder: Path | None) -> Expanded:
    """Expand `path` into an unnamed temporary file in `folder` (the store's, so it lands
    on the disk the store already fills); OSError when there is no room for it."""
    out = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - the caller closes it
    cut_short = None
    try:
        with open_expanded(path, kind) as stream:
            try:
                # read1: what one step expands, so a stream cut short gives up all before it
                while block := stream.read1(_COPY_BYTES):
                    out.write(block)
            except DAMAGED as exc:
                cut_short = _reason(exc)
    except BaseException:
        out.close()
        raise
    out.flush()
    size = out.tell()
    out.seek(0)
    return Expanded(out, size, cut_short)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "cut short"
    return f"damaged: {exc}" if str(exc) else "damaged"
