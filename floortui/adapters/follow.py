"""Follow live log files: import each line within a second of the PBX writing it.

The importer already resumes a file from its stored offset (a file is known by
what it holds up to there), so following is mostly noticing what logrotate did under the
path, without importing a line twice or losing one:

- renamed (``queue_log`` → ``queue_log.1``, a new ``queue_log`` created): the
  PBX writes to the old file until it reopens its log, so the old handle stays
  open and is drained on every pass until the new file has its first bytes;
- copied then truncated (same inode): the file is shorter than what was read,
  or its first line changed, or the block before the read position did (a file
  rewritten with the same first line, such as a CSV export's header). Lines
  written after the last pass but before the copy are only in the copy, so a
  copy lying next to the file is drained too; then the file is read from its
  start, a new source by its new content.

A path that does not exist yet, or has no complete first line, is waited for.
"""

from __future__ import annotations

import glob
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from floortui.adapters.compressed import compression_of_file
from floortui.adapters.detect import Detected
from floortui.adapters.identity import block_hash, first_line_hash
from floortui.adapters.importer import Importer, ImportFailed, ImportSummary

#: The importer hashes the first line within the first 64 KiB; so does the follower.
_HEAD_BYTES = 64 * 1024
#: How long the status says a rotation happened, so a person glancing at it can see it.
ROTATED_NOTICE_S = 10.0
#: logrotate's compressed copies cannot hold the tail of a copytruncated file yet.
_COMPRESSED = (".gz", ".bz2", ".xz", ".zst", ".lz4", ".Z")
#: Rotated copies looked at after a copytruncate, newest first.
_COPIES_CHECKED = 5


@dataclass
class _Open:
    """One open file: the identity and first line it had, and how far it was read."""

    handle: BinaryIO
    identity: tuple[int, int]  # (st_dev, st_ino): a rename keeps it, a new file changes it
    first_hash: str | None = None
    position: int = 0  # the handle's position after the last import (partial line included)
    block: str | None = None  # block_hash before `position`, when it was reached

    def head_hash(self) -> str | None:
        return first_line_hash(os.pread(self.handle.fileno(), _HEAD_BYTES, 0))

    def size(self) -> int:
        return os.fstat(self.handle.fileno()).st_size

    def rewritten(self) -> bool:
        """Whether what was read is no longer there: truncated, or other bytes in its place."""
        if self.size() < self.position:
            return True
        return self.block is not None and block_hash(self.handle, self.position) != self.block


@dataclass
class _Followed:
    path: Path
    current: _Open | None = None  # the file now at `path`
    draining: _Open | None = None  # the file renamed away, until the PBX writes to the new one
    detected: Detected | None = None  # a path keeps its format across rotations
    rotated_at: float | None = None  # time.monotonic() of the last rotation seen
    rotation: str = ""
    read_whole: tuple[int, int, int] | None = None  # a compressed file: what was read of it


class Follower:
    """Tails log files and imports what is appended, surviving logrotate and restarts.

    Not thread-safe: one thread calls poll() (floortui.live.follow_sources is the loop).
    `status` has one key per path from the start, so another thread may read it while
    poll() updates it.
    """

    def __init__(self, importer: Importer, paths: list[Path], fmt: str = "auto") -> None:
        self.importer = importer
        self.fmt = fmt
        self._followed = [_Followed(Path(p)) for p in paths]
        self.status: dict[Path, str] = {f.path: "starting" for f in self._followed}

    def poll(self) -> list[ImportSummary]:
        """One pass over every path; the summaries of files that imported or set aside lines."""
        summaries: list[ImportSummary] = []
        for followed in self._followed:
            try:
                self.status[followed.path] = self._poll_one(followed, summaries)
            except ImportFailed as exc:
                self.status[followed.path] = "cannot read: " + _without_path(exc, followed.path)
            except OSError as exc:
                self.status[followed.path] = "cannot read: " + _os_reason(exc)
        return [s for s in summaries if s.imported or s.set_aside]

    def close(self) -> None:
        for followed in self._followed:
            for opened in (followed.current, followed.draining):
                if opened is not None:
                    opened.handle.close()
            followed.current = followed.draining = None

    def __enter__(self) -> Follower:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _poll_one(self, f: _Followed, out: list[ImportSummary]) -> str:
        """Import what is new for one path, in file order; returns the path's status."""
        try:
            st = os.stat(f.path)
        except FileNotFoundError:
            st = None
        if st is not None and f.current is None:
            # A rotated log logrotate compressed does not grow: read whole, again only
            # when another file takes its name (the store resumes what it already holds).
            # An unchanged one is known by its stat alone: no file opened on each pass.
            seen = (st.st_ino, st.st_size, st.st_mtime_ns)
            if f.read_whole == seen or compression_of_file(f.path) is not None:
                if f.read_whole != seen:
                    out.append(self.importer.import_path(f.path, self.fmt))
                    f.read_whole = seen
                return "read whole (compressed: a rotated log, not followed)"
        if f.current is not None and st is None:  # renamed, the new file not created yet
            for opened in (f.draining, f.current):
                if opened is not None:
                    self._read(f, opened, out)
            return "waiting for the file"
        if f.current is not None and (st.st_dev, st.st_ino) != f.current.identity:
            if f.draining is not None:  # rotated twice before the PBX wrote to the new file
                self._read(f, f.draining, out)
                f.draining.handle.close()
            f.draining, f.current = f.current, None
            f.rotated_at, f.rotation = time.monotonic(), "rotated, reading the new file"
        if f.current is None:
            if st is None:
                return "waiting for the file"
            handle = open(f.path, "rb")  # noqa: SIM115 - kept open across passes
            fst = os.fstat(handle.fileno())
            f.current = _Open(handle, (fst.st_dev, fst.st_ino))
        current = f.current
        head_hash = current.head_hash()
        if f.detected is None and head_hash is not None:
            f.detected = self.importer.detect(f.path, self.fmt)
        if f.draining is not None:
            # The PBX writes the new file only after its last line to the old one:
            # once the new file has bytes (seen before this drain), the old is done.
            new_has_bytes = st.st_size > 0
            if self._read(f, f.draining, out) and new_has_bytes:
                f.draining.handle.close()
                f.draining = None
        if current.first_hash is not None and (
            head_hash != current.first_hash or current.rewritten()
        ):
            self._drain_copy(f, current, out)
            current.first_hash, current.position, current.block = None, 0, None
            f.rotated_at, f.rotation = time.monotonic(), "copied and truncated, reading it anew"
        status = "waiting for its first line"
        if head_hash is not None:
            current.first_hash = head_hash
            self._read(f, current, out)
            status = "following"
        if f.rotated_at is not None and time.monotonic() - f.rotated_at < ROTATED_NOTICE_S:
            return f.rotation
        return status

    def _read(self, f: _Followed, opened: _Open, out: list[ImportSummary]) -> bool:
        """Import what is new through an open handle; False if the format is not known yet."""
        if f.detected is None:
            return False
        if opened.size() != opened.position:
            out.append(self.importer.import_handle(opened.handle, f.path, f.detected))
            opened.position = opened.handle.tell()
            opened.block = block_hash(opened.handle, opened.position)
        return True

    def _drain_copy(self, f: _Followed, truncated: _Open, out: list[ImportSummary]) -> None:
        """Import the tail of a copytruncated file from its copy, if one lies next to it.

        The copy starts with the same first line, so the store resumes it from
        the offset already read and imports only the lines the follower missed.
        """
        if f.detected is None:
            return
        pattern = glob.escape(str(f.path)) + "?*"
        candidates = [Path(p) for p in glob.glob(pattern) if not p.endswith(_COMPRESSED)]
        candidates.sort(key=_mtime, reverse=True)
        for candidate in candidates[:_COPIES_CHECKED]:
            try:
                with open(candidate, "rb") as handle:
                    fst = os.fstat(handle.fileno())
                    if (fst.st_dev, fst.st_ino) == truncated.identity:
                        continue
                    if first_line_hash(handle.read(_HEAD_BYTES)) != truncated.first_hash:
                        continue
                    out.append(self.importer.import_handle(handle, f.path, f.detected))
                    return
            except OSError:
                continue


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _without_path(exc: ImportFailed, path: Path) -> str:
    """The importer's message names the file; the status sits next to the path already."""
    return str(exc).removeprefix(f"{path}: ")


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied (floortui only needs to read it)"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a log file"
    return exc.strerror or str(exc)
