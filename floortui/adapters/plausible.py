"""Values a phone system cannot have written: set aside with the reason, never believed.

One swapped line (time `34`, hold time `1794564468`) would otherwise make a
queue's longest wait 57 years. The rules, chosen to catch corruption and
never a real log:

- a time more than MAX_GAP_S (3 days) from the previous good line of the file
  is set aside unless the next line is within MAX_GAP_S of it: a real gap (a
  weekend, a PBX switched off) carries on from the new time, a stray line does
  not. A file's first line has no previous one, and a batch's last line no
  next one yet: there one neighbour is enough only for a time before
  2000-01-01 (no queue_log holds one), so a stray line there may otherwise
  pass, but it never makes the lines around it look wrong;
- a hold, ring, talk or wait time that is negative, longer than a day, or a
  uniqueid (`1794564468.21`) where seconds belong, on the events that carry one
  (CONNECT, COMPLETE*, ABANDON, EXIT*, *TRANSFER, RINGNOANSWER's milliseconds).
  The deriver finds these as it reads the fields anyway, so the check costs a
  comparison; it refuses the event before changing any call.
"""

from __future__ import annotations

import datetime as dt
import re

#: 2000-01-01 00:00:00 UTC: earlier times are typos or swapped fields.
EARLIEST_EPOCH = 946_684_800
#: How far (s) a line may be from its neighbours before it needs the next line's word.
MAX_GAP_S = 3 * 86_400
#: No wait, hold, ring or talk lasts longer than this (s).
MAX_DURATION_S = 86_400
_UNIQUEID = re.compile(r"\d{9,10}\.\d+\Z")


def _when(epoch: int) -> str:
    try:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, OSError, ValueError):
        return "?"


def implausible_duration(name: str, raw: str, value: int, unit: str = "s") -> str:
    """Why a duration the deriver found out of range cannot be what it says."""
    raw = raw.strip()
    if _UNIQUEID.match(raw):
        return f"implausible {name} ({raw!r} is a uniqueid, not a duration)"
    if value < 0:
        return f"implausible {name} ({raw} {unit}: negative)"
    return f"implausible {name} ({raw} {unit}: longer than a day)"


Judged = tuple[dict[int, str], int | None, int | None, int | None]


def implausible_times(times: list, previous: int | None, plain: bool) -> Judged:
    """Judge a batch's event times, in file order, after the file's previous good time.

    Returns (index → reason for the times set aside, the new previous good time,
    lowest and highest good time). `plain` says every time is ten epoch digits
    as text, which compare as their numbers do: then a batch whose times all lie
    within MAX_GAP_S of each other and of `previous` is decided with min and max.
    """
    if not times:
        return {}, previous, None, None
    if plain:
        low, high = int(min(times)), int(max(times))
        if (
            low >= EARLIEST_EPOCH
            and high - low <= MAX_GAP_S
            and (previous is None or abs(int(times[0]) - previous) <= MAX_GAP_S)
        ):
            return {}, int(times[-1]), low, high
    return _judge(list(map(int, times)), previous)


def _judge(times: list[int], previous: int | None) -> Judged:
    rejected: dict[int, str] = {}
    low = high = None
    last = len(times) - 1
    for i, time in enumerate(times):
        following = times[i + 1] if i < last else None
        far_next = following is not None and abs(following - time) > MAX_GAP_S
        if previous is None:
            # The file's first line: only the next one can tell, and only an ancient time.
            stray = far_next and time < EARLIEST_EPOCH
        else:
            far_previous = abs(time - previous) > MAX_GAP_S
            stray = far_previous and (far_next or (following is None and time < EARLIEST_EPOCH))
        if stray:
            days = abs(time - (previous if previous is not None else following)) / 86_400
            rejected[i] = (
                f"implausible time ({time} is {_when(time)} UTC, {days:,.0f} days from "
                "the lines around it)"
            )
            continue
        previous = time
        low = time if low is None or time < low else low
        high = time if high is None or time > high else high
    return rejected, previous, low, high
