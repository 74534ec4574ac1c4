"""The store's side of lost calls: the day's queue entries and the "called back" marks.

The day's entries are one range read on `calls_entered_at`; marks are read
for the callids entered that day only, so however many years of marks the
store holds, a day reads its own.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from floortui.store.people import PeopleWriter, PersonWrite

#: What a person's "called back" write is recorded as in person_writes.
CALLED_BACK = "lost.called_back"
#: The outcomes of an unanswered queue entry, as queue_log names them.
LOST_OUTCOMES = ("ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY")
_LOST_IN = f"outcome IN ({','.join('?' * len(LOST_OUTCOMES))})"

ENTRY_COLUMNS = (
    "id", "callid", "queue", "caller_number", "entered_at", "answered_at", "outcome", "wait_s",
    "position", "original_position",
)  # fmt: skip


def day_lost_entries(db: Database, start: int, end: int) -> list[tuple]:
    """The unanswered queue entries that entered in [start, end), as ENTRY_COLUMNS, oldest first."""
    sql = (
        f"SELECT {', '.join(ENTRY_COLUMNS)} FROM calls"
        f" WHERE entered_at >= ? AND entered_at < ? AND answered_at IS NULL AND {_LOST_IN}"
        " ORDER BY entered_at, id"
    )
    return db.execute(sql, (start, end, *LOST_OUTCOMES)).fetchall()


def day_answered_callers(db: Database, start: int, end: int) -> list[tuple]:
    """(caller_number, entered_at, id) of every answered entry of [start, end).

    What a lost caller is matched against to tell whether they were reached
    later; three values a row, since a busy day answers tens of thousands.
    """
    sql = (
        "SELECT caller_number, entered_at, id FROM calls WHERE entered_at >= ? AND entered_at < ?"
        " AND answered_at IS NOT NULL AND caller_number IS NOT NULL"
    )
    return db.execute(sql, (start, end)).fetchall()


def lost_per_hour_since(db: Database, start: int, end: int) -> dict[int, int]:
    """Unanswered entries of [start, end) per hour since `start` (0 = the day's first hour)."""
    sql = (
        "SELECT (entered_at - ?) / 3600 AS hour, count(*) FROM calls"
        f" WHERE entered_at >= ? AND entered_at < ? AND answered_at IS NULL AND {_LOST_IN}"
        " GROUP BY hour"
    )
    return dict(db.execute(sql, (start, start, end, *LOST_OUTCOMES)).fetchall())


def latest_marks(db: Database, start: int, end: int) -> list[tuple]:
    """(callid, note, written_by, written_at, attempts) of the latest mark per callid of the day."""
    sql = """
        SELECT c.callid, c.note, w.written_by, w.written_at, n.attempts
        FROM (SELECT callid, max(write_id) AS last, count(*) AS attempts
              FROM lost_call_callbacks
              WHERE callid IN (SELECT callid FROM calls WHERE entered_at >= ? AND entered_at < ?)
              GROUP BY callid) AS n
        JOIN lost_call_callbacks c ON c.write_id = n.last
        JOIN person_writes w ON w.id = c.write_id
    """
    return db.execute(sql, (start, end)).fetchall()


def mark_history(db: Database, callid: str) -> list[tuple]:
    """(note, written_by, written_at) of every mark on `callid`, oldest first."""
    sql = (
        "SELECT c.note, w.written_by, w.written_at FROM lost_call_callbacks c"
        " JOIN person_writes w ON w.id = c.write_id WHERE c.callid = ? ORDER BY c.write_id"
    )
    return db.execute(sql, (callid,)).fetchall()


def mark_called_back(writer: PeopleWriter, callid: str, queue: str, caller: str | None,
                     note: str, by: str) -> PersonWrite:  # fmt: skip
    """Record that `by` called the caller of `callid` back; a later mark is a later attempt."""
    payload = {"callid": callid, "queue": queue, "caller": caller, "note": note}

    def add_mark(conn: sqlite3.Connection, written: PersonWrite) -> None:
        conn.execute(
            "INSERT INTO lost_call_callbacks (write_id, callid, queue, caller_number, note)"
            " VALUES (?,?,?,?,?)",
            (written.id, callid, queue, caller, note),
        )

    return writer.write(CALLED_BACK, callid, payload, by, rows=add_mark)
