"""Migrations for the daily QA sample (range 0060-0069).

The sample is floortui's own record, not a person's write: each row is one
call drawn for QA on a working day, with the reason and the reviewer it was
given to, the seed it was drawn with and when (`drawn_at`, wall clock, UTC).
What was drawn never changes (a top-up only adds rows), so the table is
append-only; it refers to a call by the caller's uniqueid, queue and member,
which stay the same when the derived `calls` table is rebuilt.
"""

from __future__ import annotations

from sqlite_utils import Database

from floortui.store.schema import migrations


@migrations(name="0060_samples")
def _samples(db: Database) -> None:
    """The day's sampled calls; `draw` counts the draws of the day (1, then top-ups)."""
    db.executescript(
        """
        CREATE TABLE samples (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            callid TEXT NOT NULL,
            queue TEXT NOT NULL,
            member TEXT NOT NULL,
            answered_at INTEGER,
            talk_s INTEGER,
            reason TEXT NOT NULL,
            reviewer TEXT,
            seed INTEGER NOT NULL,
            draw INTEGER NOT NULL,
            drawn_at TEXT NOT NULL,
            UNIQUE (day, callid, queue, member)
        );
        CREATE INDEX samples_day_member ON samples(day, member);
        CREATE VIEW samples_readable AS
            SELECT id, day, callid, queue, member,
                   datetime(answered_at, 'unixepoch') AS answered_utc, talk_s,
                   reason, reviewer, seed, draw, drawn_at
            FROM samples;
        CREATE TRIGGER samples_no_update BEFORE UPDATE ON samples BEGIN
            SELECT RAISE(ABORT, 'samples is append-only: what was drawn stays drawn'); END;
        CREATE TRIGGER samples_no_delete BEFORE DELETE ON samples BEGIN
            SELECT RAISE(ABORT, 'samples is append-only: what was drawn stays drawn'); END;
        """
    )
