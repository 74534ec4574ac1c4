"""Reading a growing log in batches of complete lines, quickly.

A batch is about CHUNK_BYTES of whole lines: large enough that commits are
rare, small enough to stay in the CPU's cache and to fit the writer's pipe.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import BinaryIO

CHUNK_BYTES = 512 * 1024


class LineChunks:
    """Complete lines from the handle's position, about CHUNK_BYTES at a time.

    Yields (text, bytes it took); a last line without its newline is left
    unread, and `partial` says whether there was one.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.partial = False
        self.raw = b""  # the bytes of the text last yielded

    def __iter__(self) -> Iterator[tuple[str, int]]:
        pending = b""
        while chunk := self.handle.read(CHUNK_BYTES):
            buffer = pending + chunk
            end = buffer.rfind(b"\n") + 1
            if end == 0:
                pending = buffer
                continue
            pending = buffer[end:]
            self.raw = buffer[:end]
            yield self.raw.decode("utf-8", "replace"), end
        self.partial = bool(pending)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Bulk parsing makes millions of small lists that are never cyclic: skip the collector."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
