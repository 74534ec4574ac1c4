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
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from floortui.store.schema import migrations


class StoreError(Exception):
    """The database file cannot be opened or is not a floortui store."""


def open_database(path: str | os.PathLike[str]) -> Database:
    """Open (creating if needed) and migrate the store at `path`."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise StoreError(f"{path}: the folder {str(path.parent)!r} does not exist")
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-65536")  # 64 MiB: bulk imports touch many index pages
        db = Database(conn)
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
    return db


@contextlib.contextmanager
def read_transaction(db: Database) -> Iterator[Database]:
    """Read in one snapshot of the store: what a follower commits meanwhile is not seen.

    In WAL mode a deferred transaction's first read fixes the snapshot, so a
    report's "now", its calls and its pauses all come from the same moment and
    a figure can never go backwards between two reports. Nested use (a query
    helper inside a larger read) joins the outer transaction.
    """
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
