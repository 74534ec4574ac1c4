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
