"""Queries behind the Calls screen: one page of calls, and one call's events."""

from __future__ import annotations

from sqlite_utils import Database

from floortui.vocabulary import OUTCOME_GROUPS, CallFilter

CALL_LIST_COLUMNS = (
    "id", "callid", "queue", "entered_at", "answered_at", "ended_at", "wait_s", "talk_s",
    "outcome", "member", "caller_number", "recordings",
)  # fmt: skip
_RECORDINGS = "(SELECT count(*) FROM recordings r WHERE r.callid = calls.callid) AS recordings"


def _where(flt: CallFilter) -> tuple[str, list]:
    clauses, params = [], []
    if flt.queue:
        clauses.append("queue = ?")
        params.append(flt.queue)
    if flt.member:
        clauses.append("member = ?")
        params.append(flt.member)
    if flt.outcome_group:
        outcomes = OUTCOME_GROUPS[flt.outcome_group]
        named = [o for o in outcomes if o is not None]
        parts = []
        if named:
            parts.append(f"outcome IN ({','.join('?' * len(named))})")
            params.extend(named)
        if None in outcomes:
            parts.append("ended_at IS NULL")
        clauses.append("(" + " OR ".join(parts) + ")")
    if flt.since is not None:
        clauses.append("entered_at >= ?")
        params.append(flt.since)
    if flt.until is not None:
        clauses.append("entered_at < ?")
        params.append(flt.until)
    if flt.text:
        clauses.append("(callid LIKE ? OR caller_number LIKE ?)")
        params.extend([f"%{flt.text}%"] * 2)
    if flt.recording is not None:
        exists = "EXISTS (SELECT 1 FROM recordings r WHERE r.callid = calls.callid)"
        clauses.append(exists if flt.recording else f"NOT {exists}")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_calls(db: Database, flt: CallFilter, limit: int = 500, offset: int = 0) -> list[dict]:
    """Newest first."""
    where, params = _where(flt)
    return list(
        db.query(
            f"SELECT {', '.join(CALL_LIST_COLUMNS[:-1])}, {_RECORDINGS} FROM calls{where}"
            " ORDER BY entered_at DESC, id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    )


def count_calls(db: Database, flt: CallFilter) -> int:
    where, params = _where(flt)
    return db.execute(f"SELECT count(*) FROM calls{where}", params).fetchone()[0]


def call(db: Database, call_id: int) -> dict | None:
    return next(db.query("SELECT * FROM calls WHERE id = ?", [call_id]), None)


def call_events(db: Database, call_id: int) -> list[dict]:
    """The raw lines of one call in one queue, in file order, custom events included.

    The call's first and last event ids bound a rowid range, so no index on
    callid is needed in the big raw table.
    """
    row = db.execute(
        "SELECT callid, first_event_id, last_event_id FROM calls WHERE id = ?", [call_id]
    ).fetchone()
    if row is None:
        return []
    callid, first, last = row
    return list(
        db.query(
            "SELECT id, time, queue, agent, event, data FROM queue_log_events"
            " WHERE id BETWEEN ? AND ? AND callid = ? ORDER BY id",
            [first, last, callid],
        )
    )


def latest_entered_at(db: Database) -> int | None:
    return db.execute("SELECT max(entered_at) FROM calls").fetchone()[0]


def queue_names(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT queue FROM calls ORDER BY queue")]


def member_names(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM members ORDER BY name")]
