"""What can be known of a store without opening it, and opening it later.

Kept free of sqlite_utils (about 50 ms to import): `floortui run` checks the
file here, starts the app, and the store is opened (and migrated) the first
time it is read (floortui.queries.opening.StoreOpener), in the worker that
loads the floor after the first paint.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

#: SQLite's names for "this connection may not write here".
_READ_ONLY_ERRORS = {
    "SQLITE_READONLY",
    "SQLITE_READONLY_DIRECTORY",
    "SQLITE_READONLY_RECOVERY",
    "SQLITE_READONLY_CANTINIT",
    "SQLITE_READONLY_DBMOVED",
    "SQLITE_READONLY_ROLLBACK",
    "SQLITE_CANTOPEN",
}


class StoreError(Exception):
    """The database file cannot be opened or is not a floortui store."""


class StoreReadOnly(StoreError):
    """The store can be read but not written (a read-only file, folder or disk)."""


def store_problem(exc: sqlite3.Error) -> str:
    """What went wrong with the store, in a person's words, from a SQLite error.

    Looks through the errors raised while handling it too: a rollback that
    fails after SQLITE_FULL must not hide that the disk is full.
    """
    seen: BaseException | None = exc
    errors = []
    while seen is not None and len(errors) < 5:
        if isinstance(seen, sqlite3.Error):
            errors.append(seen)
        seen = seen.__context__
    for error in errors:
        name = getattr(error, "sqlite_errorname", "") or ""
        if name.startswith("SQLITE_FULL") or "disk is full" in str(error):
            return "the store's disk is full (database or disk is full)"
        if name in _READ_ONLY_ERRORS or "readonly database" in str(error):
            return "the store is read-only"
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return "another program holds the store's write lock (database is locked)"
        if name.startswith("SQLITE_IOERR"):
            return f"the store cannot be written ({error})"
    return f"the store failed ({exc})"


def side_file(path: Path, suffix: str) -> Path:
    """SQLite's `-wal` or `-shm` file beside the store."""
    return path.with_name(path.name + suffix)


def writable(path: str | os.PathLike[str]) -> bool:
    """Whether floortui may write the store at `path`: the file, its folder and WAL files.

    The folder counts because SQLite writes its `-wal` and `-shm` files next to
    the store. os.access also says no on a read-only mount, even to root.
    """
    path = Path(path)
    sides = [path, path.parent or Path(".")]
    sides += [s for s in (side_file(path, "-wal"), side_file(path, "-shm")) if s.exists()]
    return all(os.access(side, os.W_OK) for side in sides)


def probe(path: str | os.PathLike[str]) -> None:
    """Raise StoreError unless `path` is an SQLite database that can be read: what a person
    must hear at the command line, before an app opens on a file that is not a store."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no store there")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", None) != "SQLITE_CANTOPEN":  # WAL, read-only dir
            raise StoreError(f"{path}: not a usable SQLite database ({exc})") from None
    finally:
        conn.close()
