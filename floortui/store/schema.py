"""The store's schema as numbered migrations, so an older database file upgrades in place.

Tables and columns are named for someone opening the file in datasette:
`queue_log_events` keeps each line as written (its data fields in `data`,
`|`-separated as Asterisk writes them), with the file and line it came from;
times are Unix seconds (UTC) in `*_at` columns, durations end in `_s` or `_ms`,
and `*_readable` views show the same rows with ISO times.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("floortui")


@migrations(name="0001_core")
def _core(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE import_sources (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            format TEXT NOT NULL,
            layout TEXT,
            inode INTEGER,
            size_bytes INTEGER,
            offset_bytes INTEGER NOT NULL DEFAULT 0,
            lines_read INTEGER NOT NULL DEFAULT 0,
            lines_imported INTEGER NOT NULL DEFAULT 0,
            lines_set_aside INTEGER NOT NULL DEFAULT 0,
            first_line_sha1 TEXT,
            last_event_at INTEGER,
            first_imported_at TEXT,
            last_imported_at TEXT
        );
        CREATE INDEX import_sources_first_line ON import_sources(first_line_sha1);

        CREATE TABLE queue_log_events (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES import_sources(id),
            line_number INTEGER NOT NULL,
            time INTEGER NOT NULL,
            callid TEXT,
            queue TEXT,
            agent TEXT,
            event TEXT NOT NULL,
            data TEXT
        );

        CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES import_sources(id),
            line_number INTEGER NOT NULL,
            raw_text TEXT NOT NULL,
            reason TEXT NOT NULL,
            set_aside_at TEXT NOT NULL
        );
        CREATE INDEX quarantine_source ON quarantine(source_id, line_number);

        CREATE TABLE members (
            name TEXT PRIMARY KEY,
            team TEXT,
            project TEXT,
            hire_date TEXT,
            known_from TEXT NOT NULL
        );

        CREATE TABLE member_interfaces (
            interface TEXT PRIMARY KEY,
            member TEXT NOT NULL,
            known_from TEXT NOT NULL
        );

        CREATE TABLE calls (
            id INTEGER PRIMARY KEY,
            callid TEXT NOT NULL,
            queue TEXT NOT NULL,
            entered_at INTEGER,
            answered_at INTEGER,
            ended_at INTEGER,
            wait_s INTEGER,
            talk_s INTEGER,
            ring_s INTEGER,
            outcome TEXT,
            member TEXT,
            caller_number TEXT,
            position INTEGER,
            original_position INTEGER,
            exit_key TEXT,
            member_uniqueid TEXT,
            transferred_to TEXT,
            entered_logged INTEGER NOT NULL DEFAULT 1,
            source_id INTEGER,
            first_event_id INTEGER,
            last_event_id INTEGER
        );
        CREATE INDEX calls_entered_at ON calls(entered_at);

        CREATE TABLE call_rings (
            id INTEGER PRIMARY KEY,
            call_id INTEGER REFERENCES calls(id),
            callid TEXT,
            queue TEXT,
            member TEXT,
            time INTEGER NOT NULL,
            event TEXT NOT NULL,
            ring_ms INTEGER
        );
        CREATE INDEX call_rings_call ON call_rings(call_id);
        CREATE INDEX call_rings_time ON call_rings(time);

        CREATE TABLE member_pauses (
            id INTEGER PRIMARY KEY,
            member TEXT NOT NULL,
            queue TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER,
            reason TEXT,
            reason_history TEXT,
            started_by TEXT NOT NULL,
            ended_by TEXT,
            source_id INTEGER
        );
        CREATE INDEX member_pauses_member ON member_pauses(member, started_at);
        CREATE INDEX member_pauses_open ON member_pauses(ended_at) WHERE ended_at IS NULL;

        CREATE TABLE member_sessions (
            id INTEGER PRIMARY KEY,
            member TEXT NOT NULL,
            interface TEXT,
            queue TEXT,
            added_at INTEGER NOT NULL,
            removed_at INTEGER,
            added_paused INTEGER NOT NULL DEFAULT 0,
            added_by TEXT NOT NULL,
            ended_by TEXT,
            source_id INTEGER
        );
        CREATE INDEX member_sessions_member ON member_sessions(member, added_at);
        CREATE INDEX member_sessions_open ON member_sessions(removed_at) WHERE removed_at IS NULL;
        """
    )


@migrations(name="0002_readable_views")
def _readable_views(db: Database) -> None:
    """Views with ISO times, for reading the store in datasette or sqlite-utils."""
    db.executescript(
        """
        CREATE VIEW calls_readable AS
            SELECT id, callid, queue,
                   datetime(entered_at, 'unixepoch') AS entered_utc,
                   datetime(answered_at, 'unixepoch') AS answered_utc,
                   datetime(ended_at, 'unixepoch') AS ended_utc,
                   wait_s, talk_s, outcome, member, caller_number, transferred_to
            FROM calls;
        CREATE VIEW member_pauses_readable AS
            SELECT id, member, queue,
                   datetime(started_at, 'unixepoch') AS started_utc,
                   datetime(ended_at, 'unixepoch') AS ended_utc,
                   ended_at - started_at AS paused_s,
                   reason, started_by, ended_by
            FROM member_pauses;
        CREATE VIEW queue_log_readable AS
            SELECT e.id, s.path AS source, e.line_number,
                   datetime(e.time, 'unixepoch') AS time_utc,
                   e.callid, e.queue, e.agent, e.event, e.data
            FROM queue_log_events e JOIN import_sources s ON s.id = e.source_id;
        """
    )


@migrations(name="0003_cdr_legs_and_recordings")
def _cdr_legs_and_recordings(db: Database) -> None:
    """CDR rows and recording files; both meet the calls through the caller's uniqueid.

    `cdr_legs.uniqueid` and `recordings.callid` equal `calls.callid` for the
    caller's leg; the member's leg is the CDR row whose uniqueid is the call's
    `member_uniqueid` (CONNECT's second field). The joins go from calls into
    these smaller, indexed tables, so the big tables need no extra index.
    """
    db.executescript(
        """
        CREATE TABLE cdr_legs (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES import_sources(id),
            line_number INTEGER NOT NULL,
            accountcode TEXT,
            src TEXT,
            dst TEXT,
            dcontext TEXT,
            clid TEXT,
            channel TEXT,
            dstchannel TEXT,
            lastapp TEXT,
            lastdata TEXT,
            start_at INTEGER,
            answer_at INTEGER,
            end_at INTEGER,
            duration_s INTEGER,
            billsec_s INTEGER,
            disposition TEXT,
            amaflags TEXT,
            uniqueid TEXT,
            userfield TEXT,
            peeraccount TEXT,
            linkedid TEXT,
            sequence INTEGER
        );
        CREATE INDEX cdr_legs_uniqueid ON cdr_legs(uniqueid);
        CREATE INDEX cdr_legs_start ON cdr_legs(start_at);

        CREATE TABLE recordings (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            callid TEXT NOT NULL,
            leg TEXT NOT NULL,
            container TEXT,
            codec TEXT,
            sample_rate INTEGER,
            channels INTEGER,
            duration_s REAL,
            size_bytes INTEGER,
            modified_at INTEGER,
            status TEXT NOT NULL,
            problem TEXT,
            found_at TEXT NOT NULL
        );
        CREATE INDEX recordings_callid ON recordings(callid);

        CREATE VIEW calls_with_recordings AS
            SELECT c.id AS call_id, c.callid, c.queue, c.member,
                   datetime(c.entered_at, 'unixepoch') AS entered_utc,
                   r.path, r.leg, r.codec, r.duration_s, r.status
            FROM calls c JOIN recordings r ON r.callid = c.callid;
        """
    )


@migrations(name="0004_import_integrity")
def _import_integrity(db: Database) -> None:
    """What lets the importer account for every line and know a file by its content.

    `offset_block_sha1` hashes the last 4 KiB before `offset_bytes`: a file is the
    same source only when that block is still what was read (a first line alone
    is shared by every export with the same header). `first_event_at` and
    `last_event_at` bound the source's events, so a new file is checked for
    lines already imported only where its times overlap another source.
    Lines read = imported + set aside + `lines_blank` + `lines_already_imported`.

    `import_batches` records each committed queue_log batch's event ids and times:
    finding stored lines in a time range reads those id ranges by primary key, so
    the big `queue_log_events` table needs no time index.
    """
    db.executescript(
        """
        ALTER TABLE import_sources ADD COLUMN offset_block_sha1 TEXT;
        ALTER TABLE import_sources ADD COLUMN first_event_at INTEGER;
        ALTER TABLE import_sources ADD COLUMN lines_blank INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE import_sources ADD COLUMN lines_already_imported INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE import_batches (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES import_sources(id),
            first_event_id INTEGER NOT NULL,
            last_event_id INTEGER NOT NULL,
            first_event_at INTEGER NOT NULL,
            last_event_at INTEGER NOT NULL
        );
        CREATE INDEX import_batches_time ON import_batches(last_event_at, first_event_at);

        -- Stores from before this migration: one batch per source, its whole range.
        INSERT INTO import_batches
            (source_id, first_event_id, last_event_id, first_event_at, last_event_at)
            SELECT source_id, min(id), max(id), min(time), max(time)
            FROM queue_log_events GROUP BY source_id;
        UPDATE import_sources SET
            first_event_at = (SELECT first_event_at FROM import_batches b
                              WHERE b.source_id = import_sources.id),
            last_event_at = coalesce((SELECT last_event_at FROM import_batches b
                                      WHERE b.source_id = import_sources.id), last_event_at);
        """
    )


@migrations(name="0005_raw_lines_never_change")
def _raw_lines_never_change(db: Database) -> None:
    """What the phone system wrote is kept as written: no UPDATE or DELETE, by anyone.

    The importer only ever appends raw lines (derived tables are what it
    rebuilds), so these triggers cost it nothing and make the promise hold
    for every other writer, a person's or a script's, too.
    """
    statements = []
    for table in ("queue_log_events", "cdr_legs"):
        for op in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} BEGIN"
                f" SELECT RAISE(ABORT, '{table} keeps each line as the phone system wrote it');"
                " END;"
            )
    db.executescript("\n".join(statements))


# Migrations for writes made by people live in their own module and come after these.
from floortui.store import schema_people as _schema_people  # noqa: E402, F401
