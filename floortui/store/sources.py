"""Queries behind the import panel: each source's progress and its set-aside lines."""

from __future__ import annotations

from sqlite_utils import Database


def list_sources(db: Database) -> list[dict]:
    """Each source with its counts, every line accounted for.

    lines_read = lines_imported + lines_set_aside + lines_blank +
    lines_already_imported, plus a CSV's header line and the extra lines
    of a CSV row whose quoted field spans several (the row counts once).
    """
    return list(
        db.query(
            "SELECT id, path, format, layout, lines_read, lines_imported, lines_set_aside,"
            " lines_blank, lines_already_imported, first_event_at, last_event_at,"
            " last_imported_at, offset_bytes, size_bytes"
            " FROM import_sources ORDER BY id"
        )
    )


def set_aside_lines(db: Database, source_id: int, limit: int = 1000) -> list[dict]:
    return list(
        db.query(
            "SELECT line_number, reason, raw_text FROM quarantine WHERE source_id = ?"
            " ORDER BY line_number LIMIT ?",
            [source_id, limit],
        )
    )
