"""Calls as a supervisor browses them: filters, outcome labels and a call's timeline."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from floortui.vocabulary import (  # noqa: F401 - the screens name them through here
    OUTCOME_GROUPS,
    OUTCOME_LABELS,
    RECORDING_CHOICES,
    CallFilter,
)


def outcome_label(outcome: str | None, answered: bool) -> str:
    if outcome is None:
        return "talking" if answered else "waiting"
    return OUTCOME_LABELS.get(outcome, outcome.lower())


def clock(epoch: int | None, tz: ZoneInfo) -> str:
    """HH:MM:SS in the centre's timezone, or an empty cell."""
    if epoch is None:
        return ""
    return dt.datetime.fromtimestamp(epoch, tz).strftime("%H:%M:%S")


def when(epoch: int | None, tz: ZoneInfo, today: int | None) -> str:
    """HH:MM:SS on the data's today (the day of `today`), the date too on any other day.

    A list that spans midnight, or a store of last week's log, must not show
    two different days' 09:30 as the same time.
    """
    if epoch is None:
        return ""
    moment = dt.datetime.fromtimestamp(epoch, tz)
    if today is None or moment.date() == dt.datetime.fromtimestamp(today, tz).date():
        return moment.strftime("%H:%M:%S")
    return moment.strftime("%d %b %H:%M")


def count_of(count: int, word: str) -> str:
    """'1 call', '2 calls', '12,000 calls'."""
    return f"{count:,} {word if count == 1 else word + 's'}"


def recording_marks(ok: int, bad: int) -> str:
    """● per playable recording (up to 3), ○ per file that is empty, unreadable or unfinished."""
    return "●" * min(ok, 3) + "○" * min(bad, 3 - min(ok, 3))


def day_and_clock(epoch: int | None, tz: ZoneInfo) -> str:
    if epoch is None:
        return ""
    return dt.datetime.fromtimestamp(epoch, tz).strftime("%Y-%m-%d %H:%M:%S")


def duration(seconds: int | None) -> str:
    """m:ss, or h:mm:ss past an hour."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


_EVENT_WORDS = {
    "ENTERQUEUE": lambda d: f"entered the queue at position {d[2] or '?'}",
    "CONNECT": lambda d: f"answered after {d[0] or '?'} s waiting (rang {d[2] or '?'} s)",
    "RINGNOANSWER": lambda d: (
        "busy" if d[0] == "0" else f"rang {int(d[0] or 0) / 1000:.1f} s, no answer"
    ),
    "RINGCANCELED": lambda d: f"ringing cancelled after {int(d[0] or 0) / 1000:.1f} s",
    "COMPLETEAGENT": lambda d: f"agent hung up after {d[1] or '?'} s talking",
    "COMPLETECALLER": lambda d: f"caller hung up after {d[1] or '?'} s talking",
    "ABANDON": lambda d: f"caller hung up after {d[2] or '?'} s waiting",
    "EXITWITHTIMEOUT": lambda d: f"queue timeout after {d[2] or '?'} s",
    "EXITEMPTY": lambda d: f"left: no members available after {d[2] or '?'} s",
    "EXITWITHKEY": lambda d: f"caller pressed {d[0] or '?'} after {d[3] or '?'} s",
    "BLINDTRANSFER": lambda d: f"transferred to {d[0]}@{d[1]}",
    "TRANSFER": lambda d: f"transferred to {d[0]}@{d[1]}",
    "ATTENDEDTRANSFER": lambda d: f"attended transfer ({d[0]})",
}


def describe_event(event: str, data: list[str | None]) -> str:
    """A timeline line in words; unknown (custom) events show their data as logged."""
    padded = [*data, None, None, None, None, None]
    words = _EVENT_WORDS.get(event)
    if words is not None:
        try:
            return words(padded)
        except (ValueError, TypeError):
            pass
    return "|".join(x for x in data if x)


def describe_recording(recording: dict) -> str:
    """One line per recording file: its leg, length and codec, or what is wrong with it."""
    name = recording["path"].rsplit("/", 1)[-1]
    if recording["status"] != "ok":
        return f"{name}: {recording['problem'] or recording['status']}"
    length = duration(round(recording["duration_s"])) if recording["duration_s"] else "?"
    return f"{recording['leg']}: {name}, {length}, {recording['codec'] or 'unknown codec'}"
