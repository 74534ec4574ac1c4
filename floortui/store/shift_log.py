"""The shift log's SQL: the supervisor's notes and floortui's automatic entries.

A note is a people's write (`PeopleWriter.write("shift.note", ...)`); an
automatic entry (an alert raised, an action taken) is written the same way,
by the person whose floortui raised it, marked `automatic`. `insert_entry` is
also what other writes call inside their own transaction (a break action
logs itself with the action, or not at all).
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from floortui.store.people import PeopleWriter, PersonWrite


def insert_entry(conn: sqlite3.Connection, write_id: int, at: int, category: str, text: str,
                 by: str, *, automatic: bool, subject: str | None = None) -> None:  # fmt: skip
    """Add one shift-log row inside a PeopleWriter transaction."""
    conn.execute(
        "INSERT INTO shift_log (write_id, at, category, text, automatic, subject, written_by)"
        " VALUES (?,?,?,?,?,?,?)",
        (write_id, at, category, text, int(automatic), subject, by),
    )


def write_entry(writer: PeopleWriter, at: int, category: str, text: str, by: str, *,
                automatic: bool = False, subject: str | None = None) -> PersonWrite:  # fmt: skip
    """Store a note (or an automatic entry) with who wrote it and when."""
    kind = "shift.auto" if automatic else "shift.note"
    payload = {"at": at, "category": category, "text": text}
    return writer.write(
        kind, subject, payload, by,
        rows=lambda conn, w: insert_entry(conn, w.id, at, category, text, by,
                                          automatic=automatic, subject=subject),
    )  # fmt: skip


def entries_between(db: Database, start: int, end: int) -> list[tuple]:
    """(at, category, text, written_by, automatic, subject, written_at) in [start, end)."""
    return db.execute(
        "SELECT l.at, l.category, l.text, l.written_by, l.automatic, l.subject, w.written_at"
        " FROM shift_log l JOIN person_writes w ON w.id = l.write_id"
        " WHERE l.at >= ? AND l.at < ? ORDER BY l.at, l.id",
        (start, end),
    ).fetchall()


def automatic_entry_exists(conn: sqlite3.Connection | Database, start: int, text: str,
                           subject: str | None) -> bool:  # fmt: skip
    """Whether this alert was already logged since `start` (an alert is logged once)."""
    row = conn.execute(
        "SELECT 1 FROM shift_log WHERE automatic = 1 AND at >= ? AND text = ?"
        " AND subject IS ? LIMIT 1",
        (start, text, subject),
    ).fetchone()
    return row is not None
