"""SQL for recording files: what a scan already knows, storing what it found, and the links.

A recording meets its call through `recordings.callid = calls.callid` (the
caller's uniqueid), so a recording scanned before its queue_log was imported
links by itself once the call arrives: nothing here stores a call id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

#: Rows written per transaction: a monitor folder can hold hundreds of thousands of files.
BATCH_ROWS = 500

RECORDING_COLUMNS = (
    "path", "callid", "leg", "container", "codec", "sample_rate", "channels", "duration_s",
    "size_bytes", "modified_at", "status", "problem", "found_at",
)  # fmt: skip
_UPSERT = (
    f"INSERT INTO recordings ({', '.join(RECORDING_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(RECORDING_COLUMNS))})"
    " ON CONFLICT(path) DO UPDATE SET "
    # found_at stays the first time the file was seen.
    + ", ".join(f"{c} = excluded.{c}" for c in RECORDING_COLUMNS if c not in ("path", "found_at"))
)


@dataclass(frozen=True)
class KnownFile:
    """What the store holds about one file, enough to tell whether to read it again."""

    size_bytes: int | None
    modified_at: int | None
    status: str
    problem: str | None


def known_files(db: Database, under: str | None = None) -> dict[str, KnownFile]:
    """path → what was stored, for every file (or those whose path starts with `under`)."""
    sql = "SELECT path, size_bytes, modified_at, status, problem FROM recordings"
    params: list[Any] = []
    if under is not None:
        # substr, not LIKE: a folder name may hold % or _.
        sql += " WHERE substr(path, 1, ?) = ?"
        params = [len(under), under]
    return {
        path: KnownFile(size, modified, status, problem)
        for path, size, modified, status, problem in db.execute(sql, params)
    }


def upsert_recordings(db: Database, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update rows keyed by path, in batches; returns how many were written."""
    written = 0
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(tuple(row.get(c) for c in RECORDING_COLUMNS))
        if len(batch) >= BATCH_ROWS:
            written += _write(db, batch)
            batch = []
    if batch:
        written += _write(db, batch)
    return written


def _write(db: Database, batch: list[tuple[Any, ...]]) -> int:
    with db.atomic():
        db.conn.executemany(_UPSERT, batch)
    return len(batch)


def mark_missing(db: Database, paths: Iterable[str], problem: str) -> int:
    """Mark files that are no longer on disk; the row stays so the call shows what was lost."""
    batch = [(problem, path) for path in paths]
    if batch:
        with db.atomic():
            db.conn.executemany(
                "UPDATE recordings SET status = 'missing', problem = ? WHERE path = ?", batch
            )
    return len(batch)


def callids_with_calls(db: Database) -> set[str]:
    """The recordings' callids that a call in `calls` has.

    Scans `calls` once and looks each callid up in the recordings' index, so it
    stays cheap however many calls the store holds (calls.callid has no index).
    """
    return {
        callid
        for (callid,) in db.execute(
            "SELECT DISTINCT c.callid FROM calls c"
            " WHERE c.callid IN (SELECT callid FROM recordings)"
        )
    }


def recordings_for_call(db: Database, callid: str) -> list[dict]:
    """One call's recording files: the mixed one first, then in/out, then other legs."""
    return list(
        db.query(
            "SELECT * FROM recordings WHERE callid = ?"
            " ORDER BY CASE leg WHEN 'mixed' THEN 0 WHEN 'in' THEN 1 WHEN 'out' THEN 2 ELSE 3 END,"
            " leg, path",
            [callid],
        )
    )


def count_linked(db: Database) -> int:
    """How many recording files belong to a call the store knows."""
    return db.execute(
        "SELECT count(*) FROM recordings WHERE callid IN (SELECT callid FROM calls)"
    ).fetchone()[0]
