"""Import log files into the store, batch by batch, resuming where the last run stopped.

A file is known by what it holds up to where it was read (see identity), so the
same log imported again, or renamed by logrotate, continues from its stored
offset and adds nothing twice, while another file that merely starts the same
way imports whole. Each batch of lines and the new offset commit together; a
partial last line (the PBX has not finished writing it) waits for its newline.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from sqlite_utils import Database

from floortui.adapters.batch_writer import WriterFailed
from floortui.adapters.cdr import interface_of_channel
from floortui.adapters.chunks import LineChunks, gc_paused
from floortui.adapters.compressed import compression_of_file, expand
from floortui.adapters.detect import REALTIME_NO_HEADER, Detected, FormatError, detect_file
from floortui.adapters.identity import block_hash, first_line_hash, holds_what_was_read
from floortui.adapters.import_batches import QueueLogBatches
from floortui.adapters.import_cdr import import_cdr
from floortui.adapters.import_summary import ImportSummary
from floortui.adapters.queue_log import (
    Parsed,
    RealtimeCsv,
    has_control_bytes,
    parse_realtime_rows,
    parse_text,
)
from floortui.adapters.queue_log_derive import QueueLogDeriver
from floortui.config import Config, SourceSettings
from floortui.store import cdr as cdr_queries
from floortui.store.imports import ConcurrentImport, ImportStore, SourceState

#: From this much new text on, a second process stores lines while this one reads ahead.
PIPELINE_MIN_BYTES = 8 * 1024 * 1024

Progress = Callable[[int, int, int], None]  # (bytes done, bytes in file, lines done)

__all__ = ["ImportFailed", "ImportSummary", "Importer", "first_line_hash"]


class ImportFailed(Exception):
    """A file that cannot be imported at all; the message is one line for the user."""


class Importer:
    """Imports files into one store, keeping the calls still open between files and batches."""

    def __init__(self, db: Database, config: Config | None = None) -> None:
        self.config = config or Config()
        self.store = ImportStore(db)
        self.store.sync_config_members(
            (a.name, a.interface, a.model_dump(include={"team", "project", "hire_date"}))
            for a in self.config.agents
        )
        self._deriver: QueueLogDeriver | None = None
        self._next_event_id: int | None = None

    @property
    def deriver(self) -> QueueLogDeriver:
        if self._deriver is None:
            state = self.store.deriver_state()
            self._deriver = QueueLogDeriver(
                state.interfaces,
                state.members,
                state.open_calls,
                state.open_pauses,
                state.open_sessions,
                state.next_ids,
            )
        return self._deriver

    def source_settings(self, path: Path) -> SourceSettings | None:
        """The config's entry for this file, if it has one (a mapped CSV needs its columns)."""
        try:
            resolved = path.resolve()
        except OSError:
            return None
        for source in self.config.sources:
            if source.path.resolve() == resolved:
                return source
        return None

    def detect(self, path: Path, fmt: str = "auto") -> Detected:
        """The file's format, or ImportFailed with one line saying why it cannot be read."""
        settings = self.source_settings(path)
        if fmt == "auto" and settings is not None:
            fmt = settings.format
        if fmt == "csv":
            if settings is None or not settings.columns:
                raise ImportFailed(
                    f"{path}: a csv source needs its columns described under sources: in "
                    "config.yaml (columns, time_format, header)"
                )
            if not path.is_file():
                raise ImportFailed(f"{path}: no such file")
            try:
                compression = compression_of_file(path)
            except OSError as exc:
                raise ImportFailed(f"{path}: cannot read ({exc.strerror or exc})") from None
            return Detected("csv", "columns mapped in config.yaml", len(settings.columns),
                            compression)  # fmt: skip
        try:
            detected = detect_file(path)
        except FileNotFoundError:
            raise ImportFailed(f"{path}: no such file") from None
        except IsADirectoryError:
            raise ImportFailed(f"{path}: is a directory, not a log file") from None
        except PermissionError:
            raise ImportFailed(
                f"{path}: permission denied (floortui only needs to read it)"
            ) from None
        except OSError as exc:
            raise ImportFailed(f"{path}: cannot read ({exc.strerror or exc})") from None
        except FormatError as exc:
            raise ImportFailed(str(exc)) from None
        if fmt != "auto" and fmt != detected.format:
            if fmt == "queue_log":
                return Detected("queue_log", "flat file (as asked)")
            raise ImportFailed(
                f"{path}: asked to read it as {fmt}, but it looks like {detected.describe()}"
            )
        return detected

    def import_path(self, path: str | os.PathLike[str], fmt: str = "auto",
                    progress: Progress | None = None) -> ImportSummary:  # fmt: skip
        """Import what is new in one file."""
        path = Path(path)
        detected = self.detect(path, fmt)
        if detected.compression is not None:
            return self._import_compressed(path, detected, progress)
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after the import
        except OSError as exc:  # gone or locked since it was detected
            raise ImportFailed(f"{path}: cannot read ({exc.strerror or exc})") from None
        with handle:
            return self.import_handle(handle, path, detected, progress)

    def _import_compressed(self, path: Path, detected: Detected,
                           progress: Progress | None) -> ImportSummary:  # fmt: skip
        """A rotated log logrotate compressed: expanded beside the store, then read as any."""
        kind = detected.compression or ""
        store_path = self.store.path()
        folder = Path(store_path).parent if store_path else None
        try:
            expanded = expand(path, kind, folder)
        except OSError as exc:
            where = f" in {folder}" if folder else ""
            why = exc.strerror or exc
            raise ImportFailed(
                f"{path}: cannot expand the {kind} file{where} ({why}); nothing imported from it"
            ) from None
        with expanded.handle:
            summary = self.import_handle(expanded.handle, path, detected, progress)
        note = expanded.note(kind)
        if note is not None:
            summary.note = f"{summary.note}; {note}" if summary.note else note
        return summary

    def import_handle(self, handle: BinaryIO, path: Path, detected: Detected,
                      progress: Progress | None = None) -> ImportSummary:  # fmt: skip
        """Import what is new in an open file: a follower keeps the handle across rotations."""
        try:
            if detected.format == "queue_log":
                return self._import_queue_log(handle, path, detected, progress)
            return import_cdr(self, handle, path, detected, progress)
        except (WriterFailed, ConcurrentImport) as exc:
            raise ImportFailed(f"{path}: {exc}; the lines before it are imported") from None

    def _import_queue_log(self, handle: BinaryIO, path: Path, detected: Detected,
                          progress: Progress | None) -> ImportSummary:  # fmt: skip
        summary = ImportSummary(str(path), detected)
        tz = self.config.day.tz
        source, head = self.source_of(handle, path, detected, summary)
        if source is None:
            return summary
        stat = os.fstat(handle.fileno())
        offset, line_number = source.offset_bytes, source.lines_read + 1
        # Calls this import may give a member to: the ones still open, and the new ones.
        deriver = self.deriver
        first_call = min((call[0] for call in deriver.open_calls.values()),
                         default=deriver.next_call_id)  # fmt: skip
        realtime: RealtimeCsv | None = None
        if detected.layout == REALTIME_NO_HEADER:
            names = ["time", "callid", "queuename", "agent", "event"]
            names += [f"data{i}" for i in range(1, 6)]
            realtime = RealtimeCsv(["id", *names] if detected.columns == 11 else names)
        elif detected.layout == "realtime table CSV":
            header_end = head.find(b"\n") + 1
            realtime = RealtimeCsv(_csv_row(head[:header_end]))
            if offset == 0:
                offset, line_number = header_end, 2
        handle.seek(offset)
        remaining = stat.st_size - offset
        big = remaining >= PIPELINE_MIN_BYTES
        batches = QueueLogBatches(self, source, stat.st_size, big, summary)
        chunks = LineChunks(handle)
        with gc_paused(), batches:
            for text, end in chunks:
                parsed = Parsed()
                given = 0
                if realtime is None:
                    dirty = has_control_bytes(chunks.raw)
                    count = parse_text(text, line_number, tz, parsed, dirty)
                else:
                    count = parse_realtime_rows(text, line_number, source.id, tz, realtime,
                                                parsed, chunks.final)  # fmt: skip
                    given = chunks.give_back(text.count("\n") - count)
                    summary.joined += parsed.csv_counts.joined
                offset += end - given
                batches.submit(parsed, chunks.raw, text, line_number, offset,
                               line_number + count - 1, block_hash(handle, offset))  # fmt: skip
                line_number += count
                if progress is not None:
                    progress(offset, stat.st_size, summary.lines_read)
        summary.partial_line_waiting = chunks.partial
        if summary.imported and cdr_queries.has_legs(self.store.db):
            # CDR imported before this log: its legs can name members only now.
            self.learn_member_interfaces(since_call=first_call)
        return summary

    def source_of(self, handle: BinaryIO, path: Path, detected: Detected,
                  summary: ImportSummary) -> tuple[SourceState | None, bytes]:  # fmt: skip
        """The store's record of this file (new or continued), and the file's first bytes."""
        stat = os.fstat(handle.fileno())
        handle.seek(0)
        head = handle.read(64 * 1024)
        first_hash = first_line_hash(head)
        if first_hash is None:
            summary.partial_line_waiting = bool(head)
            return None, head
        with self.store.write_lock():
            source = self.store.find_source(
                first_hash, stat.st_size, lambda known: holds_what_was_read(handle, known)
            )
            if source is None:
                source = self.store.add_source(str(path), detected.format, detected.layout,
                                               stat.st_ino, stat.st_size, first_hash)  # fmt: skip
            elif source.path != str(path) or source.inode != stat.st_ino:
                self.store.note_path(source.id, str(path), stat.st_ino, stat.st_size)
        summary.source_id = source.id
        summary.resumed_at_line = source.lines_read
        return source, head

    def learn_member_interfaces(self, since_call: int = 0,
                                since_leg: int = 0) -> list[tuple[str, str]]:  # fmt: skip
        """Link interfaces to member names through CDR, and re-derive if that merges members.

        queue_log names a member by interface on ADDMEMBER/REMOVEMEMBER and by name
        on calls and pauses; the CDR row of an answered call shows the member's
        channel, and CONNECT shows the name: together, which interface is whose.
        """
        votes: dict[str, Counter[str]] = {}
        for member, channel in cdr_queries.member_channels(self.store.db, since_call, since_leg):
            interface = interface_of_channel(channel)
            if interface and interface != member:
                votes.setdefault(interface, Counter())[member] += 1
        known = cdr_queries.known_interfaces(self.store.db)
        learned = [
            (interface, counts.most_common(1)[0][0])
            for interface, counts in votes.items()
            if interface not in known or known[interface][1] == "cdr"
        ]
        learned = [(i, m) for i, m in learned if known.get(i, (None,))[0] != m]
        if not learned:
            return []
        cdr_queries.learn_interfaces(self.store.db, learned)
        if cdr_queries.members_named_like_interfaces(self.store.db, (i for i, _ in learned)):
            self.rebuild_derived()
        self._reset()
        return learned

    def rebuild_derived(self) -> None:
        """Derive calls, rings, pauses and sessions again from every stored queue_log line."""
        self._reset()
        self.store.clear_derived()
        deriver = self.deriver
        for first_id, events, source_ids in self.store.stored_events():
            deriver.source_id = source_ids
            deriver.feed_all(first_id, events)
            self.store.write_derived(deriver.take_changes())
        self._reset()

    def _reset(self) -> None:
        """Forget derived state: the store is the truth again (after a failed batch)."""
        self._deriver = None
        self._next_event_id = None

    def next_event_id(self) -> int:
        if self._next_event_id is None:
            self._next_event_id = self.store.next_event_id()
        return self._next_event_id


def _csv_row(line: bytes) -> list[str]:
    return next(csv.reader([line.decode("utf-8", "replace").rstrip("\r\n")]))
