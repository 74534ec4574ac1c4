"""One queue_log file's batches: judged, freed of lines already stored, derived, written.

Before a batch is derived, lines whose time is implausible are set aside, and
lines another file already brought in (a copy, a backup overlapping the live
log, a rotated file under another name) are recognised and left out: they
are counted, never derived twice. The check only runs where the batch's times
overlap another source's, so importing one file alone pays nothing for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from floortui.adapters.batch_writer import Batch, InlineWriter, ProcessWriter
from floortui.adapters.import_summary import ImportSummary
from floortui.adapters.plausible import implausible_times
from floortui.adapters.queue_log import Parsed, event_line_numbers
from floortui.store.imports import SourceState

if TYPE_CHECKING:
    from floortui.adapters.importer import Importer

#: Called with a batch's events as stored (file order) and the interface → member map.


class QueueLogBatches:
    """Judges, derives and hands each parsed batch to a writer; one per file import."""

    def __init__(self, importer: Importer, source: SourceState, size_bytes: int, big: bool,
                 summary: ImportSummary) -> None:  # fmt: skip
        self.importer = importer
        self.source_id = source.id
        self.size_bytes = size_bytes
        self.big = big
        self.summary = summary
        self.writer: InlineWriter | ProcessWriter | None = None
        self.previous_time = source.last_event_at
        self.others = importer.store.other_sources(source.id)
        self.matched: set[int] = set()  # stored events this file's lines were found to be

    def __enter__(self) -> QueueLogBatches:
        path = self.importer.store.path()
        if self.big and path:
            self.writer = ProcessWriter(path)
        else:
            self.writer = InlineWriter(self.importer.store)
        return self

    def submit(self, parsed: Parsed, raw: bytes, text: str, first_line_number: int,
               offset: int, lines_read: int, offset_block_sha1: str) -> None:  # fmt: skip
        """Judge, derive and write one batch of `text` (complete lines from `first_line_number`)."""
        importer = self.importer
        skip = {number for number, _, _ in parsed.set_aside}
        times = [event[0] for event in parsed.events]
        plain = parsed.rows is None and not parsed.time_fixes  # every time: ten digits, as text
        rejected, self.previous_time, low, high = implausible_times(
            times, self.previous_time, plain
        )
        dropped: dict[int, str | None] = dict(rejected)  # index → reason; None: stored already
        if self.others and low is not None:
            self._find_already_imported(parsed.events, low, high, dropped)
        already = sum(1 for reason in dropped.values() if reason is None)
        if dropped:
            _drop(parsed, text, first_line_number, dropped, skip)
        deriver = importer.deriver
        deriver.source_id = self.source_id
        first_id = importer.next_event_id()
        deriver.feed_all(first_id, parsed.events)
        if deriver.rejected:
            refused = {eid - first_id + k: reason for k, (eid, reason) in
                       enumerate(deriver.rejected)}  # fmt: skip
            deriver.rejected = []
            _drop(parsed, text, first_line_number, refused, skip)
        events = parsed.events
        importer._next_event_id = first_id + len(events)
        self.writer.submit(
            Batch(
                source_id=self.source_id,
                lines=raw if parsed.rows is None else b"",
                first_line_number=first_line_number,
                first_event_id=first_id,
                event_count=len(events),
                skip=skip,
                time_fixes=parsed.time_fixes,
                rows=parsed.rows,
                changes=deriver.take_changes(),
                set_aside=parsed.set_aside,
                offset_bytes=offset,
                lines_read=lines_read,
                size_bytes=self.size_bytes,
                first_event_at=low if events else None,
                last_event_at=high if events else None,
                offset_block_sha1=offset_block_sha1,
                blank=parsed.blank,
                already_imported=already,
            )
        )
        self.summary.add(lines_read - first_line_number + 1, len(events), parsed.set_aside,
                         parsed.blank)  # fmt: skip
        self.summary.already_imported += already

    def _find_already_imported(self, events: list[list], low: int, high: int,
                               dropped: dict[int, str | None]) -> None:  # fmt: skip
        """Mark (None in `dropped`) the events stored before from another source.

        Lines match when time, callid, queue, agent, event and data are equal;
        each stored line matches one line of this file at most, so a line the
        PBX really wrote twice is kept twice.
        """
        sources = [
            source_id
            for source_id, (_, first, last) in self.others.items()
            if (first is None or first <= high) and last >= low
        ]
        if not sources:
            return
        stored: dict[tuple, list[tuple[int, int]]] = {}
        for event_id, source_id, *key in self.importer.store.stored_events_between(
            low, high, sources
        ):
            if event_id not in self.matched:
                stored.setdefault(tuple(key), []).append((event_id, source_id))
        if not stored:
            return
        for index, event in enumerate(events):
            if index in dropped:
                continue
            key = (int(event[0]), event[1], event[2], event[3], event[4], event[5])
            found = stored.get(key)
            if found:
                event_id, source_id = found.pop()
                self.matched.add(event_id)
                dropped[index] = None
                self.summary.already_from[self.others[source_id][0]] += 1

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


def _drop(parsed: Parsed, text: str, first_line_number: int, dropped: dict[int, str | None],
          skip: set[int]) -> None:  # fmt: skip
    """Take events out of a parsed batch: set aside with their reason, or (None) left out.

    Rare (a stray line, an overlap with another file), so line numbers are
    worked out here rather than carried for every event.
    """
    if parsed.rows is not None:
        numbers = [row[-1] for row in parsed.rows]
    else:
        numbers = event_line_numbers(text, first_line_number, skip)
    lines = text.split("\n")
    keep = []
    for index in range(len(parsed.events)):
        if index not in dropped:
            keep.append(index)
            continue
        number = numbers[index]
        skip.add(number)
        reason = dropped[index]
        if reason is not None:
            parsed.set_aside.append((number, lines[number - first_line_number].rstrip("\r"),
                                     reason))  # fmt: skip
    parsed.events = [parsed.events[i] for i in keep]
    if parsed.rows is not None:
        parsed.rows = [parsed.rows[i] for i in keep]
