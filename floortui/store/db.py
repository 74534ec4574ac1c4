"""Opening the store: one SQLite file in WAL mode, migrated to the current schema.

WAL lets the floor screens read while the importer writes; `synchronous=NORMAL`
keeps every committed batch safe from a crash of floortui (only a power cut can
lose the last batches, never corrupt the file), which is what lets an import
that was killed simply run again.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from floortui.store.opening import (
    _READ_ONLY_ERRORS,
    StoreError,
    StoreReadOnly,
    store_problem,
    writable,
)
from floortui.store.schema import migrations

__all__ = [
    "StoreError", "StoreReadOnly", "database_file", "holds_no_import", "open_database",
    "open_for_reading", "read_transaction", "store_problem", "writable",
]  # fmt: skip


def open_database(path: str | os.PathLike[str], read_only: bool = False) -> Database:
    """Open (creating if needed) and migrate the store at `path`.

    With `read_only`, the file must exist and is never written, not even to
    upgrade it: a store on a read-only disk or shared for viewing can still
    be read.
    """
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise StoreError(f"{path}: the folder {str(path.parent)!r} does not exist")
    if read_only:
        return _open_read_only(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-65536")  # 64 MiB: bulk imports touch many index pages
        db = Database(conn)
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", None) in _READ_ONLY_ERRORS and path.is_file():
            raise StoreReadOnly(f"{path}: the store is read-only ({exc})") from None
        if isinstance(exc, sqlite3.OperationalError):
            raise StoreError(f"{path}: {store_problem(exc)}") from None
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
    return db


def open_for_reading(path: str | os.PathLike[str]) -> tuple[Database, bool]:
    """The existing store at `path` and whether it may be written: (db, writable).

    A store that may not be written is opened read-only rather than refused,
    so reports and the app in view-only mode still work on it.
    """
    path = Path(path)
    if not path.exists():
        raise StoreError(f"{path}: no store there")
    if writable(path):
        try:
            return open_database(path), True
        except StoreReadOnly:
            pass
    return open_database(path, read_only=True), False


def _open_read_only(path: Path) -> Database:
    """Open without writing a byte: `mode=ro`, or `immutable=1` where WAL cannot work.

    In WAL mode a reader needs the `-shm` file; in a read-only folder with no
    `-shm` left behind, SQLite can only open the file as immutable. That is
    safe there: nobody can write to a folder we may not write either, and a
    WAL file left next to it (whose lines immutable would not see) comes with
    its `-shm`, so `mode=ro` reads it.
    """
    if not path.is_file():
        raise StoreError(f"{path}: no store there")
    uri = path.resolve().as_uri()
    problem: sqlite3.DatabaseError | None = None
    for options in ("mode=ro", "immutable=1"):
        conn = sqlite3.connect(
            f"{uri}?{options}", uri=True, isolation_level=None, check_same_thread=False,
            timeout=30,
        )  # fmt: skip
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            conn.close()
            problem = exc
            if getattr(exc, "sqlite_errorname", None) != "SQLITE_CANTOPEN":
                break
            continue
        db = Database(conn)
        try:
            pending = migrations.pending(db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
        if pending:
            known = bool(migrations.applied(db))
            conn.close()
            what = "made by an older floortui" if known else "not a floortui store"
            raise StoreError(f"{path}: {what}, and read-only, so it cannot be upgraded here")
        return db
    raise StoreError(f"{path}: not a usable SQLite database ({problem})")


def holds_no_import(db: Database) -> bool:
    """True when no file and no recording was ever recorded in the store.

    Such a store, made by an import in which every file failed, is removed
    rather than left for `report` to read as "no calls". Any source row means
    lines may have been committed, and those are never thrown away.
    """
    row = db.execute(
        "SELECT EXISTS (SELECT 1 FROM import_sources) OR EXISTS (SELECT 1 FROM recordings)"
        " OR EXISTS (SELECT 1 FROM queue_log_events) OR EXISTS (SELECT 1 FROM cdr_legs)"
    ).fetchone()
    return not row[0]


@contextlib.contextmanager
def read_transaction(db: Database) -> Iterator[Database]:
    """Read in one snapshot of the store: what a follower commits meanwhile is not seen.

    In WAL mode a deferred transaction's first read fixes the snapshot, so a
    report's "now", its calls and its pauses all come from the same moment and
    a figure can never go backwards between two reports. Nested use (a query
    helper inside a larger read) joins the outer transaction.

    Threads that share one connection (the app's workers) take turns: without
    the turn, two could both find no transaction open and both BEGIN ("cannot
    start a transaction within a transaction"), or one could join another's
    snapshot and have it committed under it.
    """
    with _turn(db):
        conn = db.conn
        if conn.in_transaction:
            yield db
            return
        conn.execute("BEGIN")
        try:
            yield db
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")


_TURNS_MADE = threading.Lock()


def _turn(db: Database) -> threading.RLock:
    """The store's read turn (re-entrant: a nested read in the same thread joins)."""
    turn = getattr(db, "_floortui_read_turn", None)
    if turn is None:
        with _TURNS_MADE:
            turn = getattr(db, "_floortui_read_turn", None)
            if turn is None:
                turn = db._floortui_read_turn = threading.RLock()
    return turn


def database_file(db: Database) -> str | None:
    """The file behind an open store, or None for one in memory (another thread opens its own)."""
    return db.conn.execute("PRAGMA database_list").fetchone()[2] or None
