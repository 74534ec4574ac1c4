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
    chunks = LineChunks(handle)
    for text, end in chunks:
        parsed = ParsedCdr()
        count = parse_cdr(text, line_number, source.id, layout, tz, parsed, chunks.final)
        offset += end - chunks.give_back(text.count("\n") - count)
        line_number += count
        store.write_cdr_batch(source.id, parsed.rows, parsed.set_aside, offset_bytes=offset,
                              lines_read=line_number - 1, size_bytes=size,
                              offset_block_sha1=block_hash(handle, offset),
                              blank=parsed.blank)  # fmt: skip
        uniqueids |= parsed.uniqueids
        summary.add(count, len(parsed.rows), parsed.set_aside, parsed.blank)
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
