"""What the import panel asks: every source's progress, and one source's set-aside lines."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from floortui.store import sources as source_store
from floortui.store.db import read_transaction


@dataclass(frozen=True)
class SetAside:
    """The lines of one file that could not be imported, named by that file."""

    path: str | None
    lines: list[dict]


def sources(db: Database) -> list[dict]:
    """Every imported source with its counts, read in one snapshot."""
    with read_transaction(db):
        return source_store.list_sources(db)


def set_aside(db: Database, source_id: int) -> SetAside:
    """A source's set-aside lines and its path (None if the source is gone)."""
    with read_transaction(db):
        path = next((s["path"] for s in source_store.list_sources(db) if s["id"] == source_id),
                    None)  # fmt: skip
        return SetAside(path, source_store.set_aside_lines(db, source_id))
