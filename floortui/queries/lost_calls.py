"""What the lost-calls screen, the hourly table and `report lost` ask about a day's lost calls.

Each answer reads in one read transaction: the day's "today" (the store's
latest line), its queue entries and its call-back marks come from the same
moment, so a caller is never shown reached and not reached at once while a
follower writes. Marking a caller as called back goes through the app's
PeopleWriter, from a worker thread.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from sqlite_utils import Database

from floortui.config import Config
from floortui.domain.lost_calls import (
    CallbackMark,
    LostCall,
    QueueEntry,
    hourly_counts,
    lost_per_hour,
    match_lost_calls,
)
from floortui.domain.workday import DayError, day_bounds, parse_day
from floortui.store import lost_calls as store
from floortui.store.db import read_transaction
from floortui.store.people import PeopleWriter, PersonWrite
from floortui.store.reports import last_event_at

__all__ = [
    "DayError",
    "LostDay",
    "callback_history",
    "lost_by_hour",
    "lost_calls_of_day",
    "lost_report",
    "mark_called_back",
]  # fmt: skip


@dataclass(frozen=True)
class LostDay:
    """One working day's lost calls, oldest first, and what the screen says around them."""

    day: dt.date
    start: int
    end: int
    calls: list[LostCall]
    #: Lost calls per clock hour, every hour of the day a key (see hourly_counts).
    by_hour: dict[int, int]
    #: The store's latest imported line: the data's "now".
    latest_event_at: int | None

    @property
    def to_call_back(self) -> int:
        return sum(1 for call in self.calls if call.to_call_back)


def _day(config: Config, day: dt.date | str | None, latest: int | None) -> dt.date:
    """A date as given, or `today`/`yesterday` (None: today) as of the data's latest line."""
    if isinstance(day, dt.date):
        return day
    now = latest if latest is not None else time.time()
    return parse_day(day or "today", config.day.tz, config.day.day_start_hour, now)


def lost_calls_of_day(db: Database, config: Config,
                      day: dt.date | str | None = None) -> LostDay:  # fmt: skip
    """Every unanswered queue entry of working day `day`, with reached-later and call-back marks.

    `day` is a date, `YYYY-MM-DD`, `today` or `yesterday` (the store's latest
    line's working day, or the wall clock's on an empty store); None is today.
    A mistyped day raises DayError.
    """
    tz, start_hour = config.day.tz, config.day.day_start_hour
    with read_transaction(db):
        latest = last_event_at(db)
        the_day = _day(config, day, latest)
        start, end = day_bounds(the_day, tz, start_hour)
        lost = [QueueEntry(*row) for row in store.day_lost_entries(db, start, end)]
        answered = store.day_answered_callers(db, start, end)
        marks = {row[0]: CallbackMark(*row) for row in store.latest_marks(db, start, end)}
    calls = match_lost_calls(lost, answered, marks)
    return LostDay(the_day, start, end, calls, lost_per_hour(calls, start, end, tz), latest)


def lost_by_hour(db: Database, config: Config, day: dt.date | str | None = None) -> dict[int, int]:
    """Lost calls per clock hour (0-23) of working day `day`, for the hourly table.

    Keys are every hour of the day in the day's order (06 ... 05 when the day
    starts at 06:00), 0 when none was lost; counted in SQL, so it costs no
    more than the hourly table's own sums.
    """
    tz = config.day.tz
    with read_transaction(db):
        the_day = _day(config, day, last_event_at(db))
        start, end = day_bounds(the_day, tz, config.day.day_start_hour)
        buckets = store.lost_per_hour_since(db, start, end)
    return hourly_counts(buckets, start, end, tz)


def lost_report(db: Database, config: Config, day: dt.date | str | None) -> list[dict]:
    """`floortui report lost`: one object per unanswered queue entry of the day, oldest first."""
    return [call.as_report() for call in lost_calls_of_day(db, config, day).calls]


def mark_called_back(people: PeopleWriter, call: LostCall, note: str, by: str) -> PersonWrite:
    """Store that `by` called this lost call's caller back, with `note`, and when.

    Runs in a worker thread (it may wait for an import batch to commit);
    raises PersonWriteFailed with a one-line message when nothing was saved.
    """
    return store.mark_called_back(people, call.callid, call.queue, call.caller, note.strip(), by)


def callback_history(db: Database, callid: str) -> list[CallbackMark]:
    """Every call-back mark on `callid`, oldest first (attempt 1, 2, ...)."""
    with read_transaction(db):
        rows = store.mark_history(db, callid)
    return [
        CallbackMark(callid, note, by, at, attempt)
        for attempt, (note, by, at) in enumerate(rows, start=1)
    ]
