"""The break rotation's SQL: the supervisor's actions, and what the log says about a day.

Actions are people's writes (`PeopleWriter.write`), each one `person_writes`
row plus one `break_actions` row committed together, and, in the same
transaction, the shift log's automatic entry for it, so the shift log can
never miss an action that was saved. The reads give plain tuples for
floortui.domain.break_day, which decides what they mean.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from sqlite_utils import Database

from floortui.store.people import PeopleWriter, PersonWrite
from floortui.store.shift_log import insert_entry

ACTIONS = ("sent", "returned", "skipped")


def write_action(writer: PeopleWriter, member: str, action: str, at: int, by: str, *,
                 reason: str | None = None, minutes: int | None = None,
                 note: str | None = None, log_text: str | None = None) -> PersonWrite:  # fmt: skip
    """Store one break action (`break.sent|returned|skipped`) with who, when and, when
    `log_text` is given, the shift log's automatic entry for it."""
    if action not in ACTIONS:
        raise ValueError(f"a break action is one of {', '.join(ACTIONS)}, not {action!r}")
    payload = {"at": at, "reason": reason, "minutes": minutes, "note": note}

    def rows(conn: sqlite3.Connection, written: PersonWrite) -> None:
        conn.execute(
            "INSERT INTO break_actions (write_id, member, action, at, reason, minutes, note,"
            " written_by) VALUES (?,?,?,?,?,?,?,?)",
            (written.id, member, action, at, reason, minutes, note, by),
        )
        if log_text:
            insert_entry(conn, written.id, at, "break", log_text, by, automatic=True,
                         subject=member)  # fmt: skip

    return writer.write(f"break.{action}", member, payload, by, rows=rows)


def actions_between(db: Database, start: int, end: int) -> list[tuple]:
    """(member, at, action, reason, minutes, note, written_by) with `at` in [start, end)."""
    return db.execute(
        "SELECT member, at, action, reason, minutes, note, written_by FROM break_actions"
        " WHERE at >= ? AND at < ? ORDER BY at, id",
        (start, end),
    ).fetchall()


#: A session or pause is looked for this far before the day (one still open: any age).
LOOK_BACK_S = 7 * 86400


def sessions_between(db: Database, start: int, end: int) -> list[tuple]:
    """(member, added_at, removed_at) of each session overlapping [start, end)."""
    return db.execute(
        "SELECT member, added_at, removed_at FROM member_sessions"
        " WHERE added_at < ? AND (added_at >= ? OR removed_at IS NULL)"
        " AND (removed_at IS NULL OR removed_at > ?) ORDER BY added_at",
        (end, start - LOOK_BACK_S, start),
    ).fetchall()


def pauses_between(db: Database, start: int, end: int) -> list[tuple]:
    """(member, started_at, ended_at, reasons [(t, reason)...], started_by) overlapping."""
    rows = db.execute(
        "SELECT member, started_at, ended_at, reason_history, reason, started_by"
        " FROM member_pauses WHERE started_at < ? AND (started_at >= ? OR ended_at IS NULL)"
        " AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at, id",
        (end, start - LOOK_BACK_S, start),
    ).fetchall()
    found = []
    for member, started, ended, history, reason, by in rows:
        try:
            reasons = [(int(t), r) for t, r in json.loads(history or "[]")]
        except (ValueError, TypeError):
            reasons = []
        found.append((member, started, ended, reasons or [(started, reason)], by))
    return found


def activity_between(db: Database, start: int, end: int) -> dict[str, list[int]]:
    """Member → times they rang for, answered or ended a call in [start, end)."""
    found: dict[str, list[int]] = defaultdict(list)
    for member, t in db.execute(
        "SELECT member, time FROM call_rings WHERE time >= ? AND time < ? AND member IS NOT NULL"
        " UNION ALL SELECT member, answered_at FROM calls WHERE entered_at >= ? AND"
        " entered_at < ? AND answered_at >= ? AND answered_at < ? AND member IS NOT NULL"
        " UNION ALL SELECT member, ended_at FROM calls WHERE entered_at >= ? AND"
        " entered_at < ? AND answered_at IS NOT NULL AND ended_at >= ? AND ended_at < ?"
        " AND member IS NOT NULL",
        (start, end, start - 86400, end, start, end, start - 86400, end, start, end),
    ):
        found[member].append(t)
    return dict(found)


def calls_per_hour(db: Database, windows: list[tuple[int, int]]) -> dict[int, int]:
    """Calls that entered a queue in each window, counted per hour since the epoch (UTC)."""
    counts: dict[int, int] = defaultdict(int)
    for start, end in windows:
        for bucket, n in db.execute(
            "SELECT entered_at / 3600, count(*) FROM calls WHERE entered_at >= ?"
            " AND entered_at < ? GROUP BY 1",
            (start, end),
        ):
            counts[bucket] += n
    return dict(counts)
