"""Knowing a file again: by what it holds up to where it was read, not by its name.

A first line is only where to look: every export of a mapped CSV with a header,
the realtime table's CSV and a log whose first line was copied all share one.
A file continues a source only when the block before the stored offset (the
last BLOCK_BYTES read) is still what was read; otherwise it is a new source and
imports whole. A renamed or rotated file, or a copy that kept growing, holds
the same bytes there and continues.
"""

from __future__ import annotations

import hashlib
import os
from typing import BinaryIO

from floortui.store.imports import SourceState

#: How much of the file before the stored offset must match.
BLOCK_BYTES = 4096


def first_line_hash(head: bytes) -> str | None:
    """SHA-1 of the first line (without its newline); None until that line is complete."""
    end = head.find(b"\n")
    return hashlib.sha1(head[:end]).hexdigest() if end >= 0 else None


def block_hash(handle: BinaryIO, offset: int) -> str:
    """SHA-1 of the last BLOCK_BYTES (or fewer, near the start) before `offset`."""
    size = min(BLOCK_BYTES, offset)
    return hashlib.sha1(os.pread(handle.fileno(), size, offset - size)).hexdigest()


def holds_what_was_read(handle: BinaryIO, source: SourceState) -> bool:
    """Whether the file still holds, up to the source's offset, what was read there.

    A store from before 0004_import_integrity has no block hash: its sources
    are known by their first line alone, as they were then.
    """
    if source.offset_block_sha1 is None:
        return True
    return block_hash(handle, source.offset_bytes) == source.offset_block_sha1
