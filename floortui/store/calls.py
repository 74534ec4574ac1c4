"""Queries behind the Calls screen: one page of calls, and one call's events."""

from __future__ import annotations

from sqlite_utils import Database

from floortui.vocabulary import OUTCOME_GROUPS, CallFilter

CALL_LIST_COLUMNS = (
    "id", "callid", "queue", "entered_at", "answered_at", "ended_at", "wait_s", "talk_s",
    "outcome", "member", "caller_number", "recordings", "recordings_bad",
)  # fmt: skip
#: Only a file that reads whole counts as a recording; empty, unreadable, missing and
#: still-being-written ones are counted apart, so the list can mark them differently.
_RECORDINGS = (
    "(SELECT count(*) FROM recordings r WHERE r.callid = calls.callid AND r.status = 'ok')"
    " AS recordings,"
    " (SELECT count(*) FROM recordings r WHERE r.callid = calls.callid AND r.status != 'ok')"
    " AS recordings_bad"
)


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
        exists = (
            "EXISTS (SELECT 1 FROM recordings r WHERE r.callid = calls.callid AND r.status = 'ok')"
        )
        clauses.append(exists if flt.recording else f"NOT {exists}")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_calls(db: Database, flt: CallFilter, limit: int = 500, offset: int = 0,
               not_newer_than: tuple[int, int] | None = None) -> list[dict]:  # fmt: skip
    """Newest first; with `not_newer_than` (entered_at, id), only that call and older ones."""
    where, params = _where(flt)
    if not_newer_than is not None:
        older = "(entered_at < ? OR (entered_at = ? AND id <= ?))"
        where = f"{where} AND {older}" if where else f" WHERE {older}"
        entered_at, call_id = not_newer_than
        params = [*params, entered_at, entered_at, call_id]
    return list(
        db.query(
            f"SELECT {', '.join(CALL_LIST_COLUMNS[:-2])}, {_RECORDINGS} FROM calls{where}"
            " ORDER BY entered_at DESC, id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    )


def count_calls(db: Database, flt: CallFilter) -> int:
    where, params = _where(flt)
    return db.execute(f"SELECT count(*) FROM calls{where}", params).fetchone()[0]


def count_newer(db: Database, flt: CallFilter, entered_at: int, call_id: int) -> int:
    """How many matching calls sort above (entered_at, call_id) in the newest-first list."""
    where, params = _where(flt)
    newer = "(entered_at > ? OR (entered_at = ? AND id > ?))"
    where = f"{where} AND {newer}" if where else f" WHERE {newer}"
    return db.execute(
        f"SELECT count(*) FROM calls{where}", [*params, entered_at, entered_at, call_id]
    ).fetchone()[0]


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
