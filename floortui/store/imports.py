"""The importer's side of the store: sources and their offsets, raw events, derived rows.

Every batch of lines is written in one transaction together with the source's
new offset, so a re-run of the same file adds nothing and an import killed
half-way resumes exactly where its last batch ended.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlite_utils import Database

from floortui.store.cdr import CDR_INSERT
from floortui.store.db import database_file
from floortui.store.rows import (
    CALL_COLUMNS,
    PAUSE_COLUMNS,
    RING_COLUMNS,
    SESSION_COLUMNS,
    Changes,
    PauseRow,
    SessionRow,
)
from floortui.store.stored_events import StoredEvents
from floortui.store.turns import ImportTurns

_EVENT_INSERT = (
    "INSERT INTO queue_log_events (time, callid, queue, agent, event, data, source_id,"
    " line_number) VALUES (?,?,?,?,?,?,?,?)"
)


def _upsert(table: str, columns: tuple[str, ...]) -> str:
    marks = ",".join("?" * len(columns))
    return f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})"


_CALL_UPSERT = _upsert("calls", CALL_COLUMNS)
_OPEN_CALLS = f"SELECT {', '.join(CALL_COLUMNS)} FROM calls WHERE ended_at IS NULL ORDER BY id"
_PAUSE_UPSERT = _upsert("member_pauses", PAUSE_COLUMNS)
_SESSION_UPSERT = _upsert("member_sessions", SESSION_COLUMNS)
_RING_INSERT = _upsert("call_rings", RING_COLUMNS).replace("OR REPLACE ", "")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _states(cursor) -> Iterator[SourceState]:
    """import_sources rows as SourceState, by the cursor's own column names."""
    names = [d[0] for d in cursor.description]
    fields = SourceState.__dataclass_fields__
    for row in cursor:
        values = dict(zip(names, row, strict=True))
        yield SourceState(**{name: values[name] for name in fields})


class ConcurrentImport(Exception):
    """Two importers wrote to one store at once; the later batch was not written."""


@dataclass
class SourceState:
    """Where an import of one file stands."""

    id: int
    path: str
    format: str
    layout: str | None
    inode: int | None
    offset_bytes: int
    lines_read: int
    lines_imported: int
    lines_set_aside: int
    first_line_sha1: str | None
    last_event_at: int | None
    offset_block_sha1: str | None = None
    first_event_at: int | None = None
    lines_blank: int = 0
    lines_already_imported: int = 0


@dataclass
class DeriverState:
    """What a queue_log deriver needs to carry on from the store."""

    interfaces: dict[str, str]
    members: list[str]
    open_calls: list[list]
    open_pauses: list[PauseRow]
    open_sessions: list[SessionRow]
    next_ids: tuple[int, int, int]


class ImportStore(StoredEvents):
    """SQL for importing; the adapters call it and never write SQL themselves."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.conn = db.conn
        self.turns = ImportTurns(database_file(db))

    @classmethod
    def bulk_writer(cls, path: str) -> ImportStore:
        """A store for the bulk writer process only: batches, through apsw.

        apsw binds parameters about twice as fast as the sqlite3 module, and a
        big import spends most of its time binding; the file is the same
        SQLite database either way (both speak WAL).
        """
        import apsw

        conn = apsw.Connection(path)
        conn.setbusytimeout(30_000)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-65536")
        # Checkpoint (and fsync the database) every 64 MiB of WAL, not every 4 MiB.
        conn.execute("PRAGMA wal_autocheckpoint=16384")
        store = cls.__new__(cls)
        store.db = None
        store.conn = conn
        store.turns = ImportTurns(path)
        return store

    def path(self) -> str | None:
        """The database file, or None for an in-memory store."""
        return self.conn.execute("PRAGMA database_list").fetchone()[2] or None

    # -- sources --------------------------------------------------------------

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the store's write lock: an import that is still committing finishes first.

        Reading where a file stands under the lock means a writer left behind by
        a killed import can never commit a batch after that reading. A person's
        write that is waiting goes first (floortui.store.turns).
        """
        self.turns.let_people_first()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # After SQLITE_FULL (and a few other errors) SQLite has rolled back already;
            # a second ROLLBACK would hide the real error behind "no transaction is active".
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def find_source(self, first_line_sha1: str, size_bytes: int,
                    same_content: Callable[[SourceState], bool]) -> SourceState | None:  # fmt: skip
        """The source already imported that this file continues, if any.

        A first line is only where to look (every export with the same header
        shares it); `same_content` says whether the file still holds what was
        read up to the source's offset.
        """
        cursor = self.conn.execute(
            "SELECT * FROM import_sources WHERE first_line_sha1 = ? ORDER BY id DESC",
            (first_line_sha1,),
        )
        for state in list(_states(cursor)):
            if state.offset_bytes <= size_bytes and same_content(state):
                return state
        return None

    def source(self, source_id: int) -> SourceState:
        cursor = self.conn.execute("SELECT * FROM import_sources WHERE id = ?", (source_id,))
        return next(_states(cursor))

    def add_source(self, path: str, fmt: str, layout: str | None, inode: int | None,
                   size_bytes: int, first_line_sha1: str | None) -> SourceState:  # fmt: skip
        with self.db.atomic():
            cursor = self.conn.execute(
                "INSERT INTO import_sources (path, format, layout, inode, size_bytes,"
                " first_line_sha1, first_imported_at) VALUES (?,?,?,?,?,?,?)",
                (path, fmt, layout, inode, size_bytes, first_line_sha1, _now()),
            )
        return self.source(cursor.lastrowid)

    def note_path(self, source_id: int, path: str, inode: int | None, size_bytes: int) -> None:
        """The same file, found again (perhaps renamed by logrotate)."""
        with self.db.atomic():
            self.conn.execute(
                "UPDATE import_sources SET path = ?, inode = ?, size_bytes = ? WHERE id = ?",
                (path, inode, size_bytes, source_id),
            )

    # -- state the deriver carries across batches ------------------------------

    def sync_config_members(self, agents: Iterable[tuple[str, list[str], dict]]) -> None:
        """Members and interfaces from config.yaml; config wins over what the logs taught."""
        with self.db.atomic():
            for name, interfaces, details in agents:
                self.conn.execute(
                    "INSERT INTO members (name, team, project, hire_date, known_from)"
                    " VALUES (?,?,?,?, 'config') ON CONFLICT(name) DO UPDATE SET"
                    " team = excluded.team, project = excluded.project,"
                    " hire_date = excluded.hire_date, known_from = 'config'",
                    (name, details.get("team"), details.get("project"), details.get("hire_date")),
                )
                for interface in interfaces:
                    self.conn.execute(
                        "INSERT OR REPLACE INTO member_interfaces (interface, member, known_from)"
                        " VALUES (?, ?, 'config')",
                        (interface, name),
                    )

    def deriver_state(self) -> DeriverState:
        conn = self.conn

        def rows(cls, sql: str) -> list:
            cursor = conn.execute(sql)
            names = [d[0] for d in cursor.description]
            return [cls.from_mapping(dict(zip(names, r, strict=True))) for r in cursor]

        def next_id(table: str) -> int:
            return (conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0) + 1

        return DeriverState(
            interfaces=dict(conn.execute("SELECT interface, member FROM member_interfaces")),
            members=[r[0] for r in conn.execute("SELECT name FROM members")],
            open_calls=[list(row) for row in conn.execute(_OPEN_CALLS)],
            open_pauses=rows(PauseRow, "SELECT * FROM member_pauses WHERE ended_at IS NULL"),
            open_sessions=rows(
                SessionRow, "SELECT * FROM member_sessions WHERE removed_at IS NULL"
            ),
            next_ids=(next_id("calls"), next_id("member_pauses"), next_id("member_sessions")),
        )

    # -- one batch, one transaction --------------------------------------------

    def next_event_id(self) -> int:
        return (self.conn.execute("SELECT max(id) FROM queue_log_events").fetchone()[0] or 0) + 1

    def write_batch(self, batch, rows: list[list]) -> None:
        """Write one batch (floortui.adapters.batch_writer.Batch) and its event rows at once.

        The events get ids from `batch.first_event_id` on; if another process
        wrote events meanwhile, the batch is refused rather than misnumbered.
        """
        with self.write_lock():
            if rows and self.next_event_id() != batch.first_event_id:
                raise ConcurrentImport(
                    "another import wrote to this store at the same time; run this one again"
                )
            if rows:
                self.write_events(rows)
                if batch.first_event_at is not None:
                    self.conn.execute(
                        "INSERT INTO import_batches (source_id, first_event_id, last_event_id,"
                        " first_event_at, last_event_at) VALUES (?,?,?,?,?)",
                        (batch.source_id, batch.first_event_id,
                         batch.first_event_id + len(rows) - 1, batch.first_event_at,
                         batch.last_event_at),
                    )  # fmt: skip
            self.write_changes(batch.changes)
            if batch.set_aside:
                self.set_aside(batch.source_id, batch.set_aside)
            self.advance_source(
                batch.source_id,
                offset_bytes=batch.offset_bytes,
                lines_read=batch.lines_read,
                imported=len(rows),
                set_aside=len(batch.set_aside),
                first_event_at=batch.first_event_at,
                last_event_at=batch.last_event_at,
                size_bytes=batch.size_bytes,
                offset_block_sha1=batch.offset_block_sha1,
                blank=batch.blank,
                already_imported=batch.already_imported,
            )

    def write_cdr_batch(self, source_id: int, rows: list[list],
                        set_aside: list[tuple[int, str, str]], *, offset_bytes: int,
                        lines_read: int, size_bytes: int, offset_block_sha1: str | None = None,
                        blank: int = 0, already_imported: int = 0) -> None:  # fmt: skip
        """CDR rows, set-aside rows and the file's new offset, in one transaction."""
        with self.db.atomic():
            if rows:
                self.conn.executemany(CDR_INSERT, rows)
            if set_aside:
                self.set_aside(source_id, set_aside)
            self.advance_source(
                source_id,
                offset_bytes=offset_bytes,
                lines_read=lines_read,
                imported=len(rows),
                set_aside=len(set_aside),
                first_event_at=min((r[9] for r in rows if r[9] is not None), default=None),
                last_event_at=max((r[11] or r[9] for r in rows), default=None),
                size_bytes=size_bytes,
                offset_block_sha1=offset_block_sha1,
                blank=blank,
                already_imported=already_imported,
            )

    def write_derived(self, changes: Changes) -> None:
        with self.db.atomic():
            self.write_changes(changes)

    def write_events(self, events: list[list]) -> None:
        self.conn.executemany(_EVENT_INSERT, events)

    def write_changes(self, changes: Changes) -> None:
        conn = self.conn
        if changes.new_members:
            conn.executemany(
                "INSERT OR IGNORE INTO members (name, known_from) VALUES (?, 'queue_log')",
                [(name,) for name in changes.new_members],
            )
        if changes.calls:
            conn.executemany(_CALL_UPSERT, changes.calls)
        if changes.rings:
            conn.executemany(_RING_INSERT, changes.rings)
        if changes.pauses:
            conn.executemany(_PAUSE_UPSERT, changes.pauses)
        if changes.sessions:
            conn.executemany(_SESSION_UPSERT, changes.sessions)

    def set_aside(self, source_id: int, lines: list[tuple[int, str, str]]) -> None:
        now = _now()
        self.conn.executemany(
            "INSERT INTO quarantine (source_id, line_number, raw_text, reason, set_aside_at)"
            " VALUES (?,?,?,?,?)",
            [(source_id, number, text, reason, now) for number, text, reason in lines],
        )

    def advance_source(self, source_id: int, *, offset_bytes: int, lines_read: int,
                       imported: int, set_aside: int, last_event_at: int | None,
                       size_bytes: int, first_event_at: int | None = None,
                       offset_block_sha1: str | None = None, blank: int = 0,
                       already_imported: int = 0) -> None:  # fmt: skip
        """The source's new offset and counts; its event times widen to this batch's."""
        self.conn.execute(
            "UPDATE import_sources SET offset_bytes = :offset, lines_read = :lines_read,"
            " lines_imported = lines_imported + :imported,"
            " lines_set_aside = lines_set_aside + :set_aside,"
            " lines_blank = lines_blank + :blank,"
            " lines_already_imported = lines_already_imported + :already,"
            " first_event_at = coalesce(min(first_event_at, :first), first_event_at, :first),"
            " last_event_at = coalesce(max(last_event_at, :last), last_event_at, :last),"
            " offset_block_sha1 = :block, size_bytes = :size, last_imported_at = :now"
            " WHERE id = :id",
            {"offset": offset_bytes, "lines_read": lines_read, "imported": imported,
             "set_aside": set_aside, "blank": blank, "already": already_imported,
             "first": first_event_at, "last": last_event_at, "block": offset_block_sha1,
             "size": size_bytes, "now": _now(), "id": source_id},
        )  # fmt: skip
