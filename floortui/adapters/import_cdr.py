"""Import CDR CSV (cdr_csv's Master.csv or a mapped layout) into the store, batch by batch.

Each batch of rows commits with the file's offset, like queue_log; a broken row
is set aside alone (see csv_records), and a record whose quoted field runs past
the end of a batch is read again with the next one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from floortui.adapters.cdr import CdrLayout, ParsedCdr, parse_cdr
from floortui.adapters.chunks import LineChunks
from floortui.adapters.detect import Detected
from floortui.adapters.identity import block_hash
from floortui.adapters.import_summary import ImportSummary
from floortui.store import cdr as cdr_queries

if TYPE_CHECKING:
    from floortui.adapters.importer import Importer, Progress


def import_cdr(importer: Importer, handle: BinaryIO, path: Path, detected: Detected,
               progress: Progress | None) -> ImportSummary:  # fmt: skip
    """Import what is new in an open CDR file."""
    summary = ImportSummary(str(path), detected)
    source, head = importer.source_of(handle, path, detected, summary)
    if source is None:
        return summary
    store = importer.store
    first_leg = cdr_queries.next_leg_id(store.db)
    settings = importer.source_settings(path)
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
    tz = importer.config.day.tz
    uniqueids: set[str] = set()
    known = KnownLegs(importer, source.id, summary)
    chunks = LineChunks(handle)
    for text, end in chunks:
        parsed = ParsedCdr()
        count = parse_cdr(text, line_number, source.id, layout, tz, parsed, chunks.final)
        offset += end - chunks.give_back(text.count("\n") - count)
        line_number += count
        already = known.drop(parsed)
        store.write_cdr_batch(source.id, parsed.rows, parsed.set_aside, offset_bytes=offset,
                              lines_read=line_number - 1, size_bytes=size,
                              offset_block_sha1=block_hash(handle, offset),
                              blank=parsed.blank, already_imported=already)  # fmt: skip
        uniqueids |= parsed.uniqueids
        summary.add(count, len(parsed.rows), parsed.set_aside, parsed.blank)
        summary.already_imported += already
        summary.joined += parsed.joined
        if progress is not None:
            progress(offset, size, summary.lines_read)
    summary.partial_line_waiting = chunks.partial
    if "uniqueid" in layout.columns:
        summary.calls = len(uniqueids)
        summary.linked = cdr_queries.count_linked_calls(store.db, source.id)
    else:
        summary.note = "no uniqueid column (loguniqueid=no): legs cannot be joined to calls"
    if summary.imported:
        importer.learn_member_interfaces(since_leg=first_leg)
    return summary


class KnownLegs:
    """Recognises CDR rows another file already brought in (a backup, an overlapping export).

    A row is the same leg when every field is equal; it is looked for only where
    the batch's start times overlap another CDR source's, and each stored leg
    matches one row at most.
    """

    def __init__(self, importer: Importer, source_id: int, summary: ImportSummary) -> None:
        self.db = importer.store.db
        self.summary = summary
        self.others = importer.store.other_sources(source_id, ("cdr", "csv"))
        self.matched: set[int] = set()

    def drop(self, parsed: ParsedCdr) -> int:
        """Take the rows stored before out of `parsed`; returns how many."""
        starts = [row[9] for row in parsed.rows if row[9] is not None]
        if not self.others or not starts:
            return 0
        low, high = min(starts), max(starts)
        sources = [
            source_id
            for source_id, (_, first, last) in self.others.items()
            if (first is None or first <= high) and last >= low
        ]
        if not sources:
            return 0
        stored: dict[tuple, list[tuple[int, int]]] = {}
        for leg_id, source_id, *fields in cdr_queries.legs_between(self.db, low, high, sources):
            if leg_id not in self.matched:
                stored.setdefault(tuple(fields), []).append((leg_id, source_id))
        kept = []
        for row in parsed.rows:
            found = stored.get(tuple(row[:-2]))
            if found:
                leg_id, source_id = found.pop()
                self.matched.add(leg_id)
                self.summary.already_from[self.others[source_id][0]] += 1
            else:
                kept.append(row)
        already = len(parsed.rows) - len(kept)
        parsed.rows = kept
        return already
