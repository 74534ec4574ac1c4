"""The app's way to the people's writer, which lives in the store the app may not import.

The app makes one writer lazily (a view-only app never opens one) and closes
it on exit; screens write through `floortui.queries` functions that take it.
"""

from __future__ import annotations

from sqlite_utils import Database

from floortui.store.people import PeopleWriter, PersonWriteFailed

__all__ = ["PeopleWriter", "PersonWriteFailed", "writer_for"]


def writer_for(db: Database) -> PeopleWriter:
    """A writer on the same file as `db` (raises PersonWriteFailed for an in-memory store)."""
    return PeopleWriter.for_store(db)
