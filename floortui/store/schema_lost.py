"""Migrations for lost calls (0020-0029): the supervisor's "called back" marks.

A mark is a person's write: its who and when are the `person_writes` row it
belongs to (`write_id`), and the mark itself is kept here for reading by
callid. Marks are never changed: a later attempt is a new row, the latest
counts, and every earlier one stays to be read back.
"""

from __future__ import annotations

from sqlite_utils import Database

from floortui.store.schema import migrations


@migrations(name="0020_lost_call_callbacks")
def _lost_call_callbacks(db: Database) -> None:
    """One row per "called back" mark on a lost call (`callid` = the caller's uniqueid)."""
    db.executescript(
        """
        CREATE TABLE lost_call_callbacks (
            write_id INTEGER PRIMARY KEY REFERENCES person_writes(id),
            callid TEXT NOT NULL,
            queue TEXT,
            caller_number TEXT,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX lost_call_callbacks_callid ON lost_call_callbacks(callid, write_id);
        CREATE TRIGGER lost_call_callbacks_no_update BEFORE UPDATE ON lost_call_callbacks
        BEGIN
            SELECT RAISE(ABORT, 'lost_call_callbacks is append-only: mark again instead');
        END;
        CREATE TRIGGER lost_call_callbacks_no_delete BEFORE DELETE ON lost_call_callbacks
        BEGIN
            SELECT RAISE(ABORT, 'lost_call_callbacks is append-only: mark again instead');
        END;
        CREATE VIEW lost_call_callbacks_readable AS
            SELECT c.write_id, c.callid, c.queue, c.caller_number, c.note, w.written_by,
                   datetime(w.written_at, 'unixepoch') AS written_utc
            FROM lost_call_callbacks c JOIN person_writes w ON w.id = c.write_id;
        """
    )
