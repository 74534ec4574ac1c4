"""When a member signed in and out on a day, from what the log shows.

- A **dynamic** member (ADDMEMBER or AGENTLOGIN in `member_sessions`) signs
  in when their first session of the day opens, and out when they are in no
  queue any more; sessions in several queues are one signed-in span while
  they overlap. `ADDMEMBER|PAUSED` is a sign-in too (paused from the start).
- A **static** member (in queues.conf, never added) has no session: they
  sign in at the end of their first pause of the day or at their first
  activity (a ring or a call answered), whichever comes first, and sign out
  at the start of a pause still open when the day ends; with no such pause,
  a static member quiet for `STATIC_QUIET_S` (no ring, no call, no pause
  ending) left at their last sign of life, else they are still signed in.

The store reads the rows; these functions only decide, so the floor, the
break panel and `report breaks` agree on what counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: A static member with no sign of life for this long has gone (at their last one).
STATIC_QUIET_S = 3600

#: A signed-in span: (start, end), end None while still signed in.
Span = tuple[int, int | None]


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Overlapping or touching spans as one (a member in sales and support is signed in once)."""
    merged: list[list] = []
    for start, end in sorted(spans, key=lambda s: s[0]):
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            last = merged[-1]
            last[1] = None if last[1] is None or end is None else max(last[1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


@dataclass(frozen=True, slots=True)
class MemberDayLog:
    """What the store holds about one member's day, as plain times (day's window applied)."""

    member: str
    #: (added_at, removed_at or None) of each queue session that overlaps the day.
    sessions: tuple[Span, ...] = ()
    #: (started_at, ended_at or None) of each pause overlapping the day, any queue.
    pauses: tuple[Span, ...] = ()
    #: Times of rings and answered calls that day.
    activity: tuple[int, ...] = ()


def signed_in_spans(log: MemberDayLog, day_start: int, day_end: int,
                    now: int | None = None) -> list[Span]:  # fmt: skip
    """The member's signed-in spans that day, clipped to it (start of a carried-over span:
    the day start). A static member has one span, from `static_sign_in` to `static_sign_out`."""
    if log.sessions:
        spans = []
        for start, end in merge_spans(log.sessions):
            if (end is not None and end <= day_start) or start >= day_end:
                continue
            spans.append((max(start, day_start), None if end is None or end > day_end else end))
        return spans
    start = static_sign_in(log, day_start, day_end)
    if start is None:
        return []
    return [(start, static_sign_out(log, start, day_end, now))]


def static_sign_in(log: MemberDayLog, day_start: int, day_end: int) -> int | None:
    """The end of the first pause ending that day, or the first activity, whichever is first."""
    ends = [e for _, e in log.pauses if e is not None and day_start <= e < day_end]
    acts = [t for t in log.activity if day_start <= t < day_end]
    candidates = ([min(ends)] if ends else []) + ([min(acts)] if acts else [])
    return min(candidates) if candidates else None


def static_sign_out(log: MemberDayLog, signed_in: int, day_end: int,
                    now: int | None = None) -> int | None:  # fmt: skip
    """The start of a pause still open at the day's end (they went off); else, when `now`
    is `STATIC_QUIET_S` past their last sign of life, that moment; else None (still in).

    A pause still open at the end is how a static member stops taking calls.
    """
    open_at_end = [
        s for s, e in log.pauses if s >= signed_in and s < day_end and (e is None or e >= day_end)
    ]
    if open_at_end:
        return min(open_at_end)
    until = day_end if now is None else min(now, day_end)
    signs = [t for t in log.activity if signed_in <= t < day_end]
    signs += [e for _, e in log.pauses if e is not None and signed_in <= e < day_end]
    last = max(signs, default=signed_in)
    return last if until - last > STATIC_QUIET_S else None


def signed_in_at(spans: list[Span]) -> int | None:
    """The day's sign-in: the first span's start."""
    return spans[0][0] if spans else None


def worked_seconds(spans: list[Span], until: int) -> int:
    """Seconds signed in up to `until` (an open span runs to it)."""
    total = 0
    for start, end in spans:
        stop = until if end is None else min(end, until)
        if stop > start:
            total += stop - start
    return total
