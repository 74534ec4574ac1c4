"""What the shift-log screen and `report shift` ask, and how the app records alerts in it.

Every entry is written through the PeopleWriter (who and when). Notes have a
category the supervisor picks; automatic entries (an alert raised, a break
action taken) are written by floortui on behalf of the user whose app raised
them, marked `automatic`, and an alert is logged once a day, however often
the panel recomputes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from floortui.config import Config
from floortui.domain.workday import day_bounds, working_day_of
from floortui.store import shift_log as store
from floortui.store.db import read_transaction
from floortui.store.people import PeopleWriter, PersonWrite, PersonWriteFailed

#: The categories of a supervisor's note (issue 8 §5); `alert` and `break` are floortui's own.
CATEGORIES = ("system problem", "dropped calls", "call peak", "staffing", "other")
AUTOMATIC_CATEGORIES = ("alert", "break")


@dataclass(frozen=True, slots=True)
class ShiftLogEntry:
    """One line of the shift log."""

    at: int
    category: str
    text: str
    by: str
    automatic: bool
    subject: str | None
    written_at: int

    def as_report(self) -> dict:
        """The object `floortui report shift --format json` prints."""
        return {
            "time": self.at,
            "category": self.category,
            "text": self.text,
            "by": self.by,
            "automatic": self.automatic,
        }


def add_note(writer: PeopleWriter, by: str, at: int, category: str, text: str) -> PersonWrite:
    """The supervisor's note at `at` (data time); refused when empty or of no known category."""
    if category not in CATEGORIES:
        raise PersonWriteFailed(f"a note's category is one of {', '.join(CATEGORIES)}")
    if not text.strip():
        raise PersonWriteFailed("a note needs some text")
    return store.write_entry(writer, at, category, text.strip(), by)


class _AlreadyLogged(Exception):
    """Raised inside the write to roll it back: this alert is in today's log already."""


def record_alert(writer: PeopleWriter, config: Config, by: str, at: int, text: str,
                 subject: str | None = None) -> PersonWrite | None:  # fmt: skip
    """Log an alert the app raised, once per working day (None: already logged).

    The check and the write are one transaction on the writer's connection, so two
    screens raising the same alert at once still log it once.
    """
    day = working_day_of(at, config.day.tz, config.day.day_start_hour)
    start, _ = day_bounds(day, config.day.tz, config.day.day_start_hour)

    def rows(conn, written: PersonWrite) -> None:
        if store.automatic_entry_exists(conn, start, text, subject):
            raise _AlreadyLogged
        store.insert_entry(conn, written.id, at, "alert", text, by, automatic=True,
                           subject=subject)  # fmt: skip

    try:
        return writer.write("shift.auto", subject, {"at": at, "text": text}, by, rows=rows)
    except _AlreadyLogged:
        return None


def entries(db: Database, config: Config, day: dt.date) -> list[ShiftLogEntry]:
    """The shift log of working day `day`, oldest first."""
    start, end = day_bounds(day, config.day.tz, config.day.day_start_hour)
    with read_transaction(db):
        rows = store.entries_between(db, start, end)
    return [
        ShiftLogEntry(at, category, text, by, bool(auto), subject, written_at)
        for at, category, text, by, auto, subject, written_at in rows
    ]
