"""Migrations for what people write from the app (actions, evaluations, coaching).

Registered on the same `migrations` as the import schema, after it: numbered
from 0010 so the importer's own migrations (0001-0009) keep their order.
Floor checkpoints live here too: the importer never reads them, and keeping
them out of schema.py lets the import schema change without touching them.
"""

from __future__ import annotations

from sqlite_utils import Database

from floortui.store.schema import migrations


@migrations(name="0010_floor_checkpoints")
def _floor_checkpoints(db: Database) -> None:
    """Every member's floor state, saved every few minutes of data time.

    "The floor at 14:05" is then the checkpoint before it plus the few
    minutes of events after it, however long the store's history is.
    `event_id` is the last queue_log_events row the state includes; `time` is
    the newest event time up to it (times are only nearly in order); `basis`
    identifies the interface links and wrap-up times the state was built with,
    since another basis gives another state.
    """
    db.executescript(
        """
        CREATE TABLE floor_checkpoints (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL,
            time INTEGER NOT NULL,
            basis TEXT NOT NULL,
            state_json TEXT NOT NULL,
            written_at INTEGER NOT NULL
        );
        CREATE INDEX floor_checkpoints_time ON floor_checkpoints(basis, time);
        CREATE VIEW floor_checkpoints_readable AS
            SELECT id, event_id, datetime(time, 'unixepoch') AS time_utc, basis,
                   length(state_json) AS state_bytes,
                   datetime(written_at, 'unixepoch') AS written_utc
            FROM floor_checkpoints;
        """
    )


@migrations(name="0011_person_writes")
def _person_writes(db: Database) -> None:
    """Who wrote what, when: one row per write a person made from the app, never changed.

    `kind` names the write (`break.sent`, `callback.marked`, `evaluation.saved`...),
    `subject` what it is about (a member, a call's uniqueid), `payload` the
    write itself as JSON. Triggers make the table append-only: a correction is
    a new row, so the audit can always be read back as it happened.
    """
    db.executescript(
        """
        CREATE TABLE person_writes (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            subject TEXT,
            payload TEXT NOT NULL,
            written_by TEXT NOT NULL,
            written_at INTEGER NOT NULL
        );
        CREATE INDEX person_writes_kind ON person_writes(kind, subject);
        CREATE INDEX person_writes_time ON person_writes(written_at);
        CREATE TRIGGER person_writes_no_update BEFORE UPDATE ON person_writes
        BEGIN
            SELECT RAISE(ABORT, 'person_writes is append-only: write a new row instead');
        END;
        CREATE TRIGGER person_writes_no_delete BEFORE DELETE ON person_writes
        BEGIN
            SELECT RAISE(ABORT, 'person_writes is append-only: write a new row instead');
        END;
        CREATE VIEW person_writes_readable AS
            SELECT id, kind, subject, payload, written_by,
                   datetime(written_at, 'unixepoch') AS written_utc
            FROM person_writes;
        """
    )


# Each kind of write registers its own migrations after these, in its own number range.
from floortui.store import schema_breaks as _schema_breaks  # noqa: E402, F401
from floortui.store import schema_claims as _schema_claims  # noqa: E402, F401
from floortui.store import schema_evaluations as _schema_evaluations  # noqa: E402, F401
from floortui.store import schema_lost as _schema_lost  # noqa: E402, F401
from floortui.store import schema_samples as _schema_samples  # noqa: E402, F401
