"""The daily QA sample's SQL: the day's calls that can be listened to, and the drawn rows.

Reads give plain tuples for `floortui.domain.sampling`, which decides what is
drawn; the only write adds rows to `samples` (append-only). Nothing here
changes an imported table. A draw reads and adds under one write lock
(`draw_transaction`), so two draws of the same day at once (the app and
`floortui sample`) cannot both add the same day's rows.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator

from sqlite_utils import Database

#: `recordings.status` of a file that can be played.
USABLE = "ok"
#: How long a draw waits for an import batch holding the write lock.
WAIT_FOR_LOCK_S = 15.0

_ANSWERED = """
    SELECT c.callid, c.queue, c.member, c.entered_at, c.answered_at, c.talk_s
    FROM calls c
    WHERE c.entered_at >= ? AND c.entered_at < ?
      AND c.answered_at IS NOT NULL AND c.member IS NOT NULL AND c.talk_s >= ?
      AND EXISTS (SELECT 1 FROM recordings r WHERE r.callid = c.callid AND r.status = ?)
"""


def answered_with_recording(db: Database, start: int, end: int, min_talk_s: int) -> list[tuple]:
    """(callid, queue, member, entered_at, answered_at, talk_s) of calls that entered in
    [start, end), were answered and ended with at least `min_talk_s` of talk, and have a
    usable recording (status ok).

    A call still in progress has no talk yet, so it is left for a later top-up.
    """
    return db.execute(_ANSWERED, (start, end, min_talk_s, USABLE)).fetchall()


def day_samples(db: Database, day: str) -> list[tuple]:
    """(callid, queue, member, reason, reviewer, answered_at, talk_s) drawn for `day`."""
    return db.execute(
        "SELECT callid, queue, member, reason, reviewer, answered_at, talk_s FROM samples"
        " WHERE day = ? ORDER BY answered_at, callid, queue, member",
        (day,),
    ).fetchall()


def month_counts(db: Database, first_day: str, day: str) -> dict[str, int]:
    """Member → listens drawn on the days from `first_day` up to (not including) `day`."""
    return dict(
        db.execute(
            "SELECT member, count(*) FROM samples WHERE day >= ? AND day < ? GROUP BY member",
            (first_day, day),
        ).fetchall()
    )


def add_samples(db: Database, day: str, rows: Iterable[tuple], seed: int,
                drawn_at: str) -> int:  # fmt: skip
    """Add drawn rows (callid, queue, member, reason, reviewer, answered_at, talk_s) as the
    day's next draw; returns how many were added. Call inside `draw_transaction`."""
    sql = "SELECT coalesce(max(draw), 0) FROM samples WHERE day = ?"
    draw = db.execute(sql, (day,)).fetchone()[0] + 1
    batch = [(day, *row, seed, draw, drawn_at) for row in rows]
    db.conn.executemany(
        "INSERT INTO samples (day, callid, queue, member, reason, reviewer, answered_at,"
        " talk_s, seed, draw, drawn_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        batch,
    )
    return len(batch)


@contextlib.contextmanager
def draw_transaction(db: Database, wait_s: float = WAIT_FOR_LOCK_S) -> Iterator[Database]:
    """Read and add a draw under the write lock (BEGIN IMMEDIATE): one snapshot, one writer.

    Waits while an import batch holds the lock, at most `wait_s`; then the
    sqlite3 error goes up (the CLI prints it as one line).
    """
    conn = db.conn
    deadline = time.monotonic() + wait_s
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
