"""The SQL behind one member's day and the floor's per-member summary of today.

Both read the derived tables (calls, call_rings, member_pauses,
member_sessions) over one day's window, through the indexes on time
(`calls_entered_at`, `call_rings_time`, `member_pauses_member`,
`member_sessions_member`), so the cost follows the day's volume, not the
store's history. The caller holds the read transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

#: A call may enter the queue this long before the day starts and still be answered in it.
ENTERED_BEFORE_S = 3 * 3600


def answered_per_member(db: Database, start: int, end: int) -> dict[str, int]:
    """Member → calls they answered in [start, end)."""
    rows = db.execute(
        "SELECT member, COUNT(*) FROM calls"
        " WHERE entered_at >= ? AND entered_at < ? AND answered_at >= ? AND answered_at < ?"
        " AND member IS NOT NULL GROUP BY member",
        (start - ENTERED_BEFORE_S, end, start, end),
    ).fetchall()
    return {member: count for member, count in rows}


def last_break_end_per_member(db: Database, start: int, end: int, reasons: Sequence[str],
                              open_end: int) -> dict[str, int]:  # fmt: skip
    """Member → when their last break (a pause with one of `reasons`) in [start, end) ended.

    A break still open counts as ending at `open_end`.
    """
    if not reasons:
        return {}
    marks = ",".join("?" * len(reasons))
    rows = db.execute(
        f"SELECT member, MAX(COALESCE(ended_at, ?)) FROM member_pauses"
        f" WHERE started_at >= ? AND started_at < ? AND reason IN ({marks}) GROUP BY member",
        (open_end, start, end, *reasons),
    ).fetchall()
    return {member: at for member, at in rows}


def member_calls(db: Database, member: str, start: int, end: int) -> list[tuple]:
    """(entered_at, answered_at, ended_at, queue, talk_s, wait_s, outcome, caller, callid)."""
    return db.execute(
        "SELECT entered_at, answered_at, ended_at, queue, talk_s, wait_s, outcome,"
        " caller_number, callid FROM calls"
        " WHERE entered_at >= ? AND entered_at < ? AND member = ? AND answered_at >= ?"
        " AND answered_at < ? ORDER BY answered_at, id",
        (start - ENTERED_BEFORE_S, end, member, start, end),
    ).fetchall()


def member_rings_missed(db: Database, member: str, start: int, end: int) -> list[tuple]:
    """(time, queue, event, ring_ms) of the rings the member did not answer that day."""
    return db.execute(
        "SELECT time, queue, event, ring_ms FROM call_rings"
        " WHERE time >= ? AND time < ? AND member = ? ORDER BY time, id",
        (start, end, member),
    ).fetchall()


def member_pauses(db: Database, member: str, start: int, end: int) -> list[tuple]:
    """(started_at, ended_at, queue, reason) of pauses overlapping [start, end)."""
    return db.execute(
        "SELECT started_at, ended_at, queue, reason FROM member_pauses"
        " WHERE member = ? AND started_at < ? AND (ended_at IS NULL OR ended_at > ?)"
        " ORDER BY started_at, id",
        (member, end, start),
    ).fetchall()


def member_sessions(db: Database, member: str, start: int, end: int) -> list[tuple]:
    """(added_at, removed_at, queue) of queue sessions overlapping [start, end)."""
    return db.execute(
        "SELECT added_at, removed_at, queue FROM member_sessions"
        " WHERE member = ? AND added_at < ? AND (removed_at IS NULL OR removed_at > ?)"
        " ORDER BY added_at, id",
        (member, end, start),
    ).fetchall()
