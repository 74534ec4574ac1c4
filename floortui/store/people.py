"""Writes made by people from the app: who wrote what and when, under the importer's lock.

Supervisors mark breaks and call-backs, reviewers save scores, trainers log
coaching, often while a big import or a follower is writing. Every such write
goes through `PeopleWriter.write`: one transaction that takes the same write
lock as the importer (`BEGIN IMMEDIATE` on the same file), waiting at most for
the import's current batch, never for the whole import; it always records
the person and the time in `person_writes`, and the kind's own rows (a break
action, an evaluation) commit with that record or not at all.

The writer has a connection of its own, on which temporary triggers refuse
any INSERT, UPDATE or DELETE on the imported tables: a person's write can
add to the store but never alter what the phone system logged. (The triggers
are the connection's own, so the importer is not affected.)

Each kind of write has its own store module holding its SQL, e.g. a
`floortui/store/breaks.py` with::

    def mark_sent(writer: PeopleWriter, member: str, reason: str, by: str) -> PersonWrite:
        return writer.write(
            "break.sent", member, {"reason": reason}, by,
            rows=lambda conn, w: conn.execute(
                "INSERT INTO break_actions (write_id, member, action) VALUES (?,?,?)",
                (w.id, member, "sent"),
            ),
        )

and a screen calls it through `floortui.queries` from a thread worker
(`@work(thread=True, exit_on_error=False)`), so the screen never waits on
the lock and never holds SQL of its own.

A `PersonWriteFailed` raised there (the store stayed locked too long, a
read-only store, a refused change) ends the worker in the ERROR state with
the exception; the screen's `on_worker_state_changed` shows `str(error)`,
one line, and nothing was written.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from floortui.store.db import database_file
from floortui.store.turns import persons_turn

#: Each attempt at the lock waits this long (SQLite's busy timeout)...
BUSY_TIMEOUT_S = 2.0
#: ...and attempts go on for this long before the write is given up.
GIVE_UP_AFTER_S = 15.0

#: What the phone system logged and what floortui derived from it: never a person's to change.
IMPORTED_TABLES = (
    "import_sources", "import_batches", "queue_log_events", "quarantine", "calls",
    "call_rings", "member_pauses", "member_sessions", "cdr_legs", "recordings",
)  # fmt: skip


class PersonWriteFailed(Exception):
    """A person's write was not made; the message is one line for the screen."""


@dataclass(frozen=True)
class PersonWrite:
    """One row of `person_writes`: a write a person made, as stored."""

    id: int
    kind: str
    subject: str | None
    payload: dict
    written_by: str
    written_at: int

    @classmethod
    def from_row(cls, row: tuple) -> PersonWrite:
        id_, kind, subject, payload, written_by, written_at = row
        return cls(id_, kind, subject, json.loads(payload), written_by, written_at)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def _guard_imported_tables(conn: sqlite3.Connection) -> None:
    """Temporary triggers, on this connection only, refusing changes to imported tables."""
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in IMPORTED_TABLES:
        if table not in existing:
            continue
        for op in ("INSERT", "UPDATE", "DELETE"):
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS people_keep_{table}_{op.lower()}"
                f" BEFORE {op} ON main.{table} BEGIN SELECT RAISE(ABORT,"
                f" '{table} holds what was imported: a person''s write never changes it');"
                " END"
            )


class PeopleWriter:
    """The one way the app writes what people do; safe to share between worker threads."""

    def __init__(self, path: str | os.PathLike[str], *, busy_timeout_s: float = BUSY_TIMEOUT_S,
                 give_up_after_s: float = GIVE_UP_AFTER_S,
                 clock: Callable[[], float] = time.time) -> None:  # fmt: skip
        self.path = os.fspath(path)
        self.give_up_after_s = give_up_after_s
        self.clock = clock
        try:
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=busy_timeout_s
            )
            self.conn.execute("PRAGMA synchronous=NORMAL")
            _guard_imported_tables(self.conn)
        except sqlite3.Error as exc:
            raise PersonWriteFailed(f"{self.path}: cannot write to the store ({exc})") from None
        self._one_at_a_time = threading.Lock()

    @classmethod
    def for_store(cls, db: Database, **options: Any) -> PeopleWriter:
        """A writer on the same file as the app's (already migrated) store."""
        path = database_file(db)
        if path is None:
            raise PersonWriteFailed("an in-memory store cannot take writes from the app")
        return cls(path, **options)

    def write(self, kind: str, subject: str | None, payload: dict, written_by: str, *,
              rows: Callable[[sqlite3.Connection, PersonWrite], Any] | None = None,
              ) -> PersonWrite:  # fmt: skip
        """Record one write by `written_by`, and let `rows` add the kind's own rows with it.

        Both commit together under the importer's write lock, or neither does.
        Waits while an import batch holds the lock (retrying briefly), at most
        `give_up_after_s`.
        """
        if not written_by or not written_by.strip():
            raise PersonWriteFailed("a write needs the person who makes it")
        if not kind:
            raise PersonWriteFailed("a write needs a kind")
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        with self._one_at_a_time, persons_turn(self.path):
            self._begin_immediate()
            try:
                at = int(self.clock())
                cursor = self.conn.execute(
                    "INSERT INTO person_writes (kind, subject, payload, written_by, written_at)"
                    " VALUES (?,?,?,?,?)",
                    (kind, subject, text, written_by, at),
                )
                written = PersonWrite(cursor.lastrowid, kind, subject, json.loads(text),
                                      written_by, at)  # fmt: skip
                if rows is not None:
                    rows(self.conn, written)
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise PersonWriteFailed(f"{kind} by {written_by} was not saved: {exc}") from None
            except BaseException:
                self._rollback()
                raise
        return written

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _begin_immediate(self) -> None:
        """Take the write lock, trying again while an import batch holds it."""
        deadline = time.monotonic() + self.give_up_after_s
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise PersonWriteFailed(f"the store cannot be written: {exc}") from None
                if time.monotonic() >= deadline:
                    raise PersonWriteFailed(
                        f"the store stayed busy for {self.give_up_after_s:.0f} s; nothing was"
                        " saved, try again"
                    ) from None
                time.sleep(0.05)

    def history(self, kind: str | None = None, subject: str | None = None) -> list[PersonWrite]:
        """The writes of a kind (and subject), oldest first: the audit as it happened."""
        sql = "SELECT id, kind, subject, payload, written_by, written_at FROM person_writes"
        where, params = [], []
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        if subject is not None:
            where.append("subject = ?")
            params.append(subject)
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._one_at_a_time:
            rows = self.conn.execute(sql + " ORDER BY id", params).fetchall()
        return [PersonWrite.from_row(row) for row in rows]

    def close(self) -> None:
        with self._one_at_a_time:
            self.conn.close()
