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
    unread, and `partial` says whether there was one. A reader that cannot
    judge the last lines of a batch yet (a CSV record still open) gives them
    back, and gets them again in front of the next batch; `final` says that no
    more lines will follow them in this pass.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.partial = False
        self.final = False
        self.raw = b""  # the bytes of the text last yielded
        self._held = b""

    def give_back(self, lines: int) -> int:
        """Read the last `lines` lines of the batch again next time; returns their bytes."""
        if lines <= 0:
            return 0
        cut = len(self.raw)
        for _ in range(lines):
            cut = self.raw.rfind(b"\n", 0, cut - 1) + 1 if cut > 1 else 0
        self._held = self.raw[cut:]
        return len(self._held)

    def __iter__(self) -> Iterator[tuple[str, int]]:
        pending = b""
        while True:
            chunk = self.handle.read(CHUNK_BYTES)
            held, self._held = self._held, b""
            if not chunk and not held:
                break
            self.final = not chunk
            buffer = held + pending + chunk
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
