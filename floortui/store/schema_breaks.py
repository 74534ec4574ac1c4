"""Migrations for the break rotation's actions and the shift log (range 0050-0059).

Both are people's writes: each row points at its `person_writes` row (who
and when, wall clock) and carries `at`, the floor's own time (the data
clock: a replayed shift's 10:05), which is what a break is matched against
the PBX's pauses by. Append-only: a correction is a new row.
"""

from __future__ import annotations

from sqlite_utils import Database

from floortui.store.schema import migrations


def _append_only(table: str) -> str:
    return "\n".join(
        f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} BEGIN"
        f" SELECT RAISE(ABORT, '{table} is append-only: write a new row instead'); END;"
        for op in ("UPDATE", "DELETE")
    )


@migrations(name="0050_break_actions")
def _break_actions(db: Database) -> None:
    """A supervisor's break actions: `sent` on break, `returned`, `skipped` (with a reason)."""
    db.executescript(
        """
        CREATE TABLE break_actions (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            member TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('sent', 'returned', 'skipped')),
            at INTEGER NOT NULL,
            reason TEXT,
            minutes INTEGER,
            note TEXT,
            written_by TEXT NOT NULL
        );
        CREATE INDEX break_actions_at ON break_actions(at);
        CREATE VIEW break_actions_readable AS
            SELECT id, member, action, datetime(at, 'unixepoch') AS at_utc, reason, minutes,
                   note, written_by
            FROM break_actions;
        """
        + _append_only("break_actions")
    )


@migrations(name="0051_shift_log")
def _shift_log(db: Database) -> None:
    """The shift log: the supervisor's notes and floortui's automatic entries, by time."""
    db.executescript(
        """
        CREATE TABLE shift_log (
            id INTEGER PRIMARY KEY,
            write_id INTEGER NOT NULL REFERENCES person_writes(id),
            at INTEGER NOT NULL,
            category TEXT NOT NULL,
            text TEXT NOT NULL,
            automatic INTEGER NOT NULL DEFAULT 0,
            subject TEXT,
            written_by TEXT NOT NULL
        );
        CREATE INDEX shift_log_at ON shift_log(at);
        CREATE VIEW shift_log_readable AS
            SELECT id, datetime(at, 'unixepoch') AS at_utc, category, text, automatic,
                   subject, written_by
            FROM shift_log;
        """
        + _append_only("shift_log")
    )


@migrations(name="0052_day_indexes")
def _day_indexes(db: Database) -> None:
    """Indexes for reading one day's pauses and sessions (the break panel does it each poll).

    Without them a day's read scans every pause and session the store ever had.
    """
    db.executescript(
        """
        CREATE INDEX IF NOT EXISTS member_pauses_started ON member_pauses(started_at);
        CREATE INDEX IF NOT EXISTS member_sessions_added ON member_sessions(added_at);
        """
    )
