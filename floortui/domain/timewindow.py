"""Reading the times people type: a Unix epoch, or an ISO time in the PBX's timezone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


class TimeError(ValueError):
    """A time that is neither an epoch nor an ISO time."""


def parse_time(text: str, tz: ZoneInfo) -> int:
    """Epoch seconds for `1794560400`, `2026-11-13T08:20`, `2026-11-13 08:20:00+01:00`."""
    value = text.strip()
    if value.lstrip("-").isdigit():
        return int(value)
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        raise TimeError(
            f"{text!r} is not a time: give a Unix epoch or an ISO time like 2026-11-13T08:30"
        ) from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=tz)
    return int(stamp.timestamp())


def parse_time_of_day(text: str, tz: ZoneInfo, reference: int | None) -> int:
    """`09:30` on the day of `reference` (the data's latest call), or any time parse_time reads."""
    value = text.strip()
    parts = value.split(":")
    if reference is not None and 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts):
        day = dt.datetime.fromtimestamp(reference, tz).date()
        try:
            clock = dt.time(*map(int, parts))
        except ValueError:
            raise TimeError(f"{text!r} is not a time of day") from None
        return int(dt.datetime.combine(day, clock, tz).timestamp())
    return parse_time(value, tz)
