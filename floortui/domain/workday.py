"""The centre's working day: from `day.day_start_hour` in `day.timezone` to the same hour next day.

A night shift's 00:30 belongs to the day that began at 06:00 the evening
before, so "today's lost calls" and "today's figures" must cut the data
there, not at UTC midnight. Bounds are computed on the wall clock in the
centre's timezone, so a day on which the clocks change is 23 or 25 hours
long, as the floor lived it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

HOUR = 3600


class DayError(ValueError):
    """A day that is neither YYYY-MM-DD, `today` nor `yesterday`; the message is one line."""


def day_bounds(day: dt.date, tz: ZoneInfo, start_hour: int = 0) -> tuple[int, int]:
    """[start, end) epochs of working day `day`: start_hour that day to start_hour the next."""
    start = dt.datetime.combine(day, dt.time(start_hour), tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(start_hour), tz)
    return int(start.timestamp()), int(end.timestamp())


def working_day_of(epoch: int | float, tz: ZoneInfo, start_hour: int = 0) -> dt.date:
    """The working day `epoch` falls in (before start_hour it is still the day before)."""
    moment = dt.datetime.fromtimestamp(epoch, tz)
    day = moment.date()
    return day - dt.timedelta(days=1) if moment.hour < start_hour else day


def parse_day(text: str, tz: ZoneInfo, start_hour: int, now: int | float) -> dt.date:
    """`2026-11-13`, or `today` / `yesterday` as the working day of `now` (the data's now).

    `now` is the store's latest event, not the wall clock: on a store of last
    week's log, "today" is the last day the log has.
    """
    value = text.strip().lower()
    if value in ("today", "yesterday"):
        today = working_day_of(now, tz, start_hour)
        return today if value == "today" else today - dt.timedelta(days=1)
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DayError(
            f"{text!r} is not a day: give YYYY-MM-DD (e.g. 2026-11-13), today or yesterday"
        ) from None


def local_hours(start: int, end: int, tz: ZoneInfo) -> list[int]:
    """The clock hour (0-23) of each hour of [start, end), in order from the day's start.

    On the day the clocks go back one clock hour comes twice; on the day they
    go forward one is missing: the list has one entry per hour lived.
    """
    return [dt.datetime.fromtimestamp(t, tz).hour for t in range(start, end, HOUR)]
