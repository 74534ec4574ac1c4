"""A person's write goes before the import's next batch: turns taken through a lock file.

SQLite's busy handler is not fair. A writer that finds the store locked sleeps
and tries again, and an import that commits a batch and begins the next one
straight away takes the lock back each time in between: a supervisor's
"send on break" then waits for dozens of batches, not one. So a person's
writer holds an exclusive `flock` on `<store>-people` while it waits for and
makes its write, and the importer, before each batch, passes through a shared
lock on the same file: it waits for the person's write, never the other way.

The lock file is made by the first person's write and left beside the store
(like SQLite's own `-wal` and `-shm`). Where `flock` does not exist, or the
file cannot be made, turns are simply not taken and SQLite's waiting is all
there is.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - not a POSIX system
    fcntl = None  # type: ignore[assignment]


def turn_file(store_path: str) -> str:
    """The lock file beside the store at `store_path`."""
    return f"{store_path}-people"


@contextlib.contextmanager
def persons_turn(store_path: str) -> Iterator[None]:
    """Hold the turn while a person's write waits for the store and is made."""
    fd = _open(store_path, create=True)
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class ImportTurns:
    """The importer's side: before each batch, let a waiting person's write go first."""

    def __init__(self, store_path: str | None) -> None:
        self.store_path = store_path
        self._fd: int | None = None

    def let_people_first(self) -> None:
        """Return at once, or when the person whose write is waiting has made it."""
        if self.store_path is None or fcntl is None:
            return
        if self._fd is None:
            self._fd = _open(self.store_path, create=False)
            if self._fd is None:
                return  # no person has written to this store yet
        fcntl.flock(self._fd, fcntl.LOCK_SH)
        fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _open(store_path: str, *, create: bool) -> int | None:
    if fcntl is None:
        return None
    flags = os.O_RDWR | (os.O_CREAT if create else 0)
    try:
        return os.open(turn_file(store_path), flags, 0o664)
    except OSError:
        return None
