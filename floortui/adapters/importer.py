"""Import log files into the store, batch by batch, resuming where the last run stopped.

A file is known by the hash of its first line, so the same log imported again
(or renamed by logrotate) continues from its stored offset and adds nothing
twice. Each batch of lines and the new offset commit together; a partial last
line (the PBX has not finished writing it) waits for its newline.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sqlite_utils import Database

from floortui.adapters.batch_writer import Batch, InlineWriter, ProcessWriter, WriterFailed
from floortui.adapters.cdr import CdrLayout, ParsedCdr, interface_of_channel, parse_cdr
from floortui.adapters.chunks import LineChunks, gc_paused
from floortui.adapters.detect import REALTIME_NO_HEADER, Detected, FormatError, detect_file
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


class ImportFailed(Exception):
    """A file that cannot be imported at all; the message is one line for the user."""


@dataclass
class ImportSummary:
    """What one run of the importer did to one file."""

    path: str
    detected: Detected
    lines_read: int = 0
    imported: int = 0
    set_aside: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    resumed_at_line: int = 0
    partial_line_waiting: bool = False
    source_id: int | None = None
    note: str | None = None  # something a person should know about this file
    calls: int | None = None  # CDR: distinct uniqueids, the calls behind the rows
    linked: int | None = None  # CDR: of those, calls queue_log knows

    def add(self, lines_read: int, imported: int, set_aside: list[tuple[int, str, str]]) -> None:
        """Count one batch."""
        self.lines_read += lines_read
        self.imported += imported
        self.set_aside += len(set_aside)
        self.reasons.update(_reason_kind(reason) for _, _, reason in set_aside)

    def describe(self) -> str:
        parts = [f"{self.path}: {self.detected.describe()}"]
        if self.calls is not None:
            parts.append(
                f"{self.calls:,} {'call' if self.calls == 1 else 'calls'} by uniqueid, "
                f"{self.linked or 0:,} of them in queue_log"
            )
        if self.note:
            parts.append(self.note)
        if self.resumed_at_line:
            parts.append(f"resumed after line {self.resumed_at_line:,}")
        lines = "line" if self.imported == 1 else "lines"
        parts.append(f"{self.imported:,} {lines} imported, {self.set_aside:,} set aside")
        text = "; ".join(parts)
        if self.reasons:
            worst = ", ".join(
                f"{count} × {reason}" for reason, count in self.reasons.most_common(3)
            )
            text += f" ({worst})"
        if self.partial_line_waiting:
            text += "; the last line has no newline yet and waits"
        return text


def first_line_hash(head: bytes) -> str | None:
    end = head.find(b"\n")
    return hashlib.sha1(head[:end]).hexdigest() if end >= 0 else None


def _reason_kind(reason: str) -> str:
    """Group set-aside reasons for the summary ('time 'x' is not ...' → 'bad time')."""
    if reason.startswith("time "):
        return "bad time"
    if reason.startswith("event name"):
        return "bad event name"
    return reason.split(" (")[0]


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
            return Detected("csv", "columns mapped in config.yaml", len(settings.columns))
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
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after the import
        except OSError as exc:  # gone or locked since it was detected
            raise ImportFailed(f"{path}: cannot read ({exc.strerror or exc})") from None
        with handle:
            return self.import_handle(handle, path, detected, progress)

    def import_handle(self, handle: BinaryIO, path: Path, detected: Detected,
                      progress: Progress | None = None) -> ImportSummary:  # fmt: skip
        """Import what is new in an open file: a follower keeps the handle across rotations."""
        try:
            if detected.format == "queue_log":
                return self._import_queue_log(handle, path, detected, progress)
            return self._import_cdr(handle, path, detected, progress)
        except (WriterFailed, ConcurrentImport) as exc:
            raise ImportFailed(f"{path}: {exc}; the lines before it are imported") from None

    def _import_queue_log(self, handle: BinaryIO, path: Path, detected: Detected,
                          progress: Progress | None) -> ImportSummary:  # fmt: skip
        summary = ImportSummary(str(path), detected)
        tz = self.config.day.tz
        source, head = self._source(handle, path, detected, summary)
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
        batches = _Batches(self, source.id, stat.st_size, remaining >= PIPELINE_MIN_BYTES)
        chunks = LineChunks(handle)
        with gc_paused(), batches:
            for text, end in chunks:
                parsed = Parsed()
                if realtime is None:
                    dirty = has_control_bytes(chunks.raw)
                    count = parse_text(text, line_number, tz, parsed, dirty)
                else:
                    parse_realtime_rows(text, line_number, source.id, tz, realtime, parsed)
                    count = text.count("\n")
                batches.submit(
                    parsed, chunks.raw, line_number, offset + end, line_number + count - 1
                )
                offset += end
                line_number += count
                summary.add(count, len(parsed.events), parsed.set_aside)
                if progress is not None:
                    progress(offset, stat.st_size, summary.lines_read)
        summary.partial_line_waiting = chunks.partial
        if summary.imported and cdr_queries.has_legs(self.store.db):
            # CDR imported before this log: its legs can name members only now.
            self.learn_member_interfaces(since_call=first_call)
        return summary

    def _source(self, handle: BinaryIO, path: Path, detected: Detected,
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
            source = self.store.find_source(first_hash, stat.st_size)
            if source is None:
                source = self.store.add_source(str(path), detected.format, detected.layout,
                                               stat.st_ino, stat.st_size, first_hash)  # fmt: skip
            elif source.path != str(path) or source.inode != stat.st_ino:
                self.store.note_path(source.id, str(path), stat.st_ino, stat.st_size)
        summary.source_id = source.id
        summary.resumed_at_line = source.lines_read
        return source, head

    def _import_cdr(self, handle: BinaryIO, path: Path, detected: Detected,
                    progress: Progress | None) -> ImportSummary:  # fmt: skip
        summary = ImportSummary(str(path), detected)
        source, head = self._source(handle, path, detected, summary)
        if source is None:
            return summary
        first_leg = cdr_queries.next_leg_id(self.store.db)
        settings = self.source_settings(path)
        if detected.format == "csv" and settings is not None:
            layout = CdrLayout(detected.layout, tuple(settings.columns or ()),
                               settings.time_format, settings.header)  # fmt: skip
        else:
            layout = CdrLayout.cdr_csv(detected.columns or 16)
        offset, line_number = source.offset_bytes, source.lines_read + 1
        if layout.header and offset == 0:
            offset, line_number = head.find(b"\n") + 1, 2
        size = os.fstat(handle.fileno()).st_size
        handle.seek(offset)
        tz = self.config.day.tz
        uniqueids: set[str] = set()
        chunks = LineChunks(handle)
        for text, end in chunks:
            parsed = ParsedCdr()
            count = parse_cdr(text, line_number, source.id, layout, tz, parsed)
            offset += end
            line_number += count
            self.store.write_cdr_batch(source.id, parsed.rows, parsed.set_aside,
                                       offset_bytes=offset, lines_read=line_number - 1,
                                       size_bytes=size)  # fmt: skip
            uniqueids |= parsed.uniqueids
            summary.add(count, len(parsed.rows), parsed.set_aside)
            if progress is not None:
                progress(offset, size, summary.lines_read)
        summary.partial_line_waiting = chunks.partial
        if "uniqueid" in layout.columns:
            summary.calls = len(uniqueids)
            summary.linked = cdr_queries.count_linked_calls(self.store.db, source.id)
        else:
            summary.note = "no uniqueid column (loguniqueid=no): legs cannot be joined to calls"
        if summary.imported:
            self.learn_member_interfaces(since_leg=first_leg)
        return summary

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


class _Batches:
    """Derives each parsed batch and hands it to a writer; one per file import."""

    def __init__(self, importer: Importer, source_id: int, size_bytes: int,
                 big: bool) -> None:  # fmt: skip
        self.importer = importer
        self.source_id = source_id
        self.size_bytes = size_bytes
        self.big = big
        self.writer: InlineWriter | ProcessWriter | None = None

    def __enter__(self) -> _Batches:
        path = self.importer.store.path()
        if self.big and path:
            self.writer = ProcessWriter(path)
        else:
            self.writer = InlineWriter(self.importer.store)
        return self

    def submit(self, parsed: Parsed, raw: bytes, first_line_number: int, offset: int,
               lines_read: int) -> None:  # fmt: skip
        importer = self.importer
        deriver = importer.deriver
        deriver.source_id = self.source_id
        first_id = importer.next_event_id()
        events = parsed.events
        deriver.feed_all(first_id, events)
        importer._next_event_id = first_id + len(events)
        self.writer.submit(
            Batch(
                source_id=self.source_id,
                lines=raw if parsed.rows is None else b"",
                first_line_number=first_line_number,
                first_event_id=first_id,
                event_count=len(events),
                skip={number for number, _, _ in parsed.set_aside},
                time_fixes=parsed.time_fixes,
                rows=parsed.rows,
                changes=deriver.take_changes(),
                set_aside=parsed.set_aside,
                offset_bytes=offset,
                lines_read=lines_read,
                size_bytes=self.size_bytes,
                last_event_at=int(events[-1][0]) if events else None,
            )
        )

    def __exit__(self, kind, error, trace) -> None:
        if error is not None:
            if isinstance(self.writer, ProcessWriter):
                self.writer.abandon()
            self.importer._reset()
            return
        try:
            self.writer.close()
        except BaseException:
            self.importer._reset()
            raise


def _csv_row(line: bytes) -> list[str]:
    return next(csv.reader([line.decode("utf-8", "replace").rstrip("\r\n")]))
