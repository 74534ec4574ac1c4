"""What the floor asks about members' days: today's summary per seat, and one member's day.

The seat grid's "calls answered today" and "since last break" columns come
from `floor_summaries`, read in a worker at most every few seconds (config
`floor.summary_every_s`), never on the 1 Hz tick; Enter on a seat opens
`member_day`, the timeline of that member's day with its totals. Each answer
is one read transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from floortui.config import Config
from floortui.store import member_day as store
from floortui.store.db import read_transaction


def day_bounds(at: int, tz: ZoneInfo, start_hour: int = 0) -> tuple[int, int]:
    """The working day holding `at`: [start, end) epochs, the day starting at `start_hour`."""
    local = dt.datetime.fromtimestamp(at, tz)
    start = dt.datetime.combine(local.date(), dt.time(start_hour), tz)
    if start > local:
        start = dt.datetime.combine(local.date() - dt.timedelta(days=1), dt.time(start_hour), tz)
    end = dt.datetime.combine(start.date() + dt.timedelta(days=1), dt.time(start_hour), tz)
    return int(start.timestamp()), int(end.timestamp())


@dataclass(frozen=True)
class MemberSummary:
    """A seat's figures of the day so far, refreshed every few seconds."""

    answered: int = 0
    #: When the member's last break of the day ended (None: no break yet today).
    last_break_end: int | None = None


@dataclass(frozen=True)
class FloorSummaries:
    """Every member's summary of the day holding `at`."""

    at: int
    day_start: int
    members: dict[str, MemberSummary] = field(default_factory=dict)

    def of(self, member: str) -> MemberSummary:
        return self.members.get(member, _NOTHING)


_NOTHING = MemberSummary()


def floor_summaries(db: Database, config: Config, at: int) -> FloorSummaries:
    """Calls answered and the last break's end, per member, from the day's start to `at`."""
    start, _ = day_bounds(at, config.day.tz, config.day.day_start_hour)
    with read_transaction(db):
        answered = store.answered_per_member(db, start, at + 1)
        breaks = store.last_break_end_per_member(db, start, at + 1, config.breaks.break_reasons, at)
    names = set(answered) | set(breaks)
    members = {
        name: MemberSummary(answered.get(name, 0), breaks.get(name)) for name in sorted(names)
    }
    return FloorSummaries(at, start, members)


@dataclass(frozen=True)
class DayEntry:
    """One line of a member's day: a queue session, a call, a ring not answered, a pause."""

    start: int
    end: int | None
    kind: str  # "session", "call", "missed", "pause"
    queue: str | None
    text: str


@dataclass(frozen=True)
class MemberDay:
    """One member's day up to `until`: what happened, in time order, with its totals."""

    member: str
    day_start: int
    until: int
    entries: list[DayEntry]
    answered: int
    talk_s: int
    missed_rings: int
    #: Reason → seconds paused (a pause across several queues counts once).
    paused_s: dict[str, int]
    signed_in_s: int


def _union_seconds(spans: Iterable[tuple[int, int]]) -> int:
    """Seconds covered by the spans, overlaps counted once (PAUSEALL pauses every queue)."""
    total, reach = 0, None
    for start, end in sorted(spans):
        if reach is None or start > reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def _clip(start: int, end: int | None, lo: int, hi: int) -> tuple[int, int]:
    return max(start, lo), min(hi if end is None else end, hi)


def member_day(db: Database, config: Config, member: str, at: int) -> MemberDay:
    """The day holding `at` for `member`, up to `at`: sessions, calls, missed rings, pauses."""
    start, end = day_bounds(at, config.day.tz, config.day.day_start_hour)
    until = min(at + 1, end)
    with read_transaction(db):
        calls = store.member_calls(db, member, start, until)
        rings = store.member_rings_missed(db, member, start, until)
        pauses = store.member_pauses(db, member, start, until)
        sessions = store.member_sessions(db, member, start, until)
    entries: list[DayEntry] = []
    for added, removed, queue in sessions:
        entries.append(DayEntry(added, removed, "session", queue, f"in {queue}"))
    talk = 0
    for _entered, answered, ended, queue, talk_s, wait_s, outcome, caller, _ in calls:
        talk += talk_s or 0
        who = caller or "anonymous"
        waited = f", waited {wait_s} s" if wait_s is not None else ""
        how = f", {(outcome or 'on the line').lower()}"
        entries.append(DayEntry(answered, ended, "call", queue, f"call from {who}{waited}{how}"))
    for time, queue, event, ring_ms in rings:
        rang = f" after {ring_ms // 1000} s" if ring_ms else ""
        entries.append(DayEntry(time, None, "missed", queue, f"{event.lower()}{rang}"))
    by_reason: dict[str, list[tuple[int, int]]] = {}
    for started, ended, queue, reason in pauses:
        label = reason or "no reason"
        by_reason.setdefault(label, []).append(_clip(started, ended, start, at))
        entries.append(DayEntry(started, ended, "pause", queue, f"paused: {label}"))
    entries.sort(key=lambda e: (e.start, e.kind))
    signed_in = _union_seconds(_clip(a, r, start, at) for a, r, _ in sessions)
    return MemberDay(
        member=member,
        day_start=start,
        until=until,
        entries=entries,
        answered=len(calls),
        talk_s=talk,
        missed_rings=len(rings),
        paused_s={reason: _union_seconds(spans) for reason, spans in sorted(by_reason.items())},
        signed_in_s=signed_in,
    )
