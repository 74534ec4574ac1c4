"""Today hour by hour, per queue: volume, service, staffing, and the members Erlang C needs.

Hours run from the day's start (config `day.day_start_hour` in `day.timezone`)
in steps of 3,600 s, labelled with their clock hour, so a day when the clocks
change has 23 or 25 rows (floortui.domain.workday.local_hours). The hour under
way counts to `now`: its staffing is averaged over the part lived, and its
members needed is Erlang C over that part's calls.

- lost = abandoned + timed out + left an empty queue + pressed a key;
- staffed = the average number of members working the queue during the hour:
  time in a session of the queue (ADDMEMBER/AGENTLOGIN to REMOVEMEMBER; a
  static member, who has no session, from their first to their last call or
  ring in the queue that day) minus time paused there, over the hour's length.
  An average, not a head count, because Erlang C's N is members present at
  once: two members each in for half the hour staff it like one all hour;
- needed = the fewest members for the queue's target (`service_level_target_pct`
  within `service_level_s`) by Erlang C (floortui.domain.erlang), from the
  hour's offered calls and AHT (talk + wrap-up; the day's AHT when no call of
  the hour has ended yet);
- understaffed = staffed below needed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from floortui.domain.figures import ratio_1dp
from floortui.domain.queue_today import CallSums, QueueDay, QueueTargets, add_up

HOUR = 3600
#: (member, queue, start, end or None = still open)
Span = tuple[str, str, int, int | None]
#: (member, queue) → [start, end) spans
Worked = dict[tuple[str, str], list[tuple[int, int]]]


@dataclass(frozen=True)
class HourRow:
    """One hour of one queue (or of all queues together, `queue` None)."""

    start: int  # epoch of the hour's start
    clock_hour: int  # 0-23 in the centre's timezone
    offered: int
    answered: int
    lost: int
    service_level_pct: float | None
    aht_s: float | None
    staffed: float | None  # average members working the queue, one decimal
    needed: int | None  # Erlang C; None when there is no handle time to go on
    understaffed: bool


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching [start, end) spans joined, in order."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def subtract(spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` minus `holes` (both merged, in order)."""
    out = []
    for start, end in spans:
        cursor = start
        for h_start, h_end in holes:
            if h_end <= cursor or h_start >= end:
                continue
            if h_start > cursor:
                out.append((cursor, h_start))
            cursor = max(cursor, h_end)
        if cursor < end:
            out.append((cursor, end))
    return out


def working_spans(sessions: Iterable[Span], pauses: Iterable[Span], activity: Iterable[Span],
                  start: int, now: int) -> Worked:  # fmt: skip
    """(member, queue) → when they worked the queue in [start, now): sessions minus pauses.

    A member with no session in a queue that day (a static member) worked it
    from their first to their last activity there.
    """

    def clip(a: int, b: int | None) -> tuple[int, int]:
        return max(a, start), min(now if b is None else b, now)

    raw: Worked = {}
    for member, queue, a, b in sessions:
        raw.setdefault((member, queue), []).append(clip(a, b))
    seen: dict[tuple[str, str], tuple[int, int]] = {}
    for member, queue, first, last in activity:
        if first is None:
            continue
        last = first if last is None else last
        key = (member, queue)
        was = seen.get(key)
        seen[key] = (first, last) if was is None else (min(was[0], first), max(was[1], last))
    for key, (first, last) in seen.items():
        if key not in raw:
            raw[key] = [clip(first, last)]
    paused: Worked = {}
    for member, queue, a, b in pauses:
        paused.setdefault((member, queue), []).append(clip(a, b))
    return {key: subtract(merge(spans), merge(paused.get(key, ()))) for key, spans in raw.items()}


def seconds_by_hour(spans: Iterable[tuple[int, int]], start: int, hours: int) -> list[int]:
    """How many seconds of `spans` (they may overlap: member-seconds) fall in each hour.

    Covered(x), the seconds of all spans before x, is Σ(x − a) over starts a < x
    minus Σ(x − b) over ends b < x; an hour holds Covered(its end) − Covered(its
    start). Sorted starts and ends and their running sums answer each hour
    boundary with one bisection, so a day of thousands of spans costs
    milliseconds, whatever their length.
    """
    starts, ends = [], []
    for a, b in spans:
        if b > a:
            starts.append(a)
            ends.append(b)
    starts.sort()
    ends.sort()
    sum_starts = list(itertools.accumulate(starts, initial=0))
    sum_ends = list(itertools.accumulate(ends, initial=0))

    def covered(x: int) -> int:
        i, j = bisect.bisect_left(starts, x), bisect.bisect_left(ends, x)
        return (i * x - sum_starts[i]) - (j * x - sum_ends[j])

    edges = [covered(start + i * HOUR) for i in range(hours + 1)]
    return [edges[i + 1] - edges[i] for i in range(hours)]


def hourly_rows(sums: Mapping[int, CallSums], worked_s: Sequence[int], start: int, now: int,
                tz: ZoneInfo, targets: QueueTargets) -> list[HourRow]:  # fmt: skip
    """One row per hour from `start` to `now` for one queue (or all, see QueuesToday).

    `sums` maps an hour's index to its calls, `worked_s` the member-seconds
    worked in each hour.
    """
    hours = max(0, (now - start) // HOUR + 1)  # the hour under way included
    wrapup_s = targets.wrapup_s
    day_aht = add_up(sums.values()).aht_s(wrapup_s)
    rows = []
    for i in range(hours):
        h0 = start + i * HOUR
        length = min(HOUR, now - h0)
        s = sums.get(i, CallSums())
        aht = s.aht_s(wrapup_s)
        needed = _needed(s.offered, length, aht if aht is not None else day_aht, targets)
        worked = worked_s[i] if i < len(worked_s) else 0
        rows.append(
            HourRow(
                start=h0,
                clock_hour=dt.datetime.fromtimestamp(h0, tz).hour,
                offered=s.offered,
                answered=s.answered,
                lost=s.lost,
                service_level_pct=ratio_1dp(s.answered_in_threshold, s.offered, 100),
                aht_s=aht,
                staffed=ratio_1dp(worked, length),
                needed=needed,
                understaffed=needed is not None and worked < needed * length,
            )
        )
    return rows


def _needed(offered: int, length: int, aht: float | None, targets: QueueTargets) -> int | None:
    if length <= 0:
        return None
    if not offered:
        return 0
    if aht is None or aht <= 0:
        return None
    from floortui.domain.erlang import members_needed  # not needed before the first paint

    return members_needed(offered, length, aht, targets.target_pct, targets.threshold_s).members


@dataclass(frozen=True)
class QueuesToday:
    """Everything the queue panel and the hourly table need from the store, for one day."""

    day: dt.date
    start: int  # the day's start (epoch)
    now: int  # the data's now the figures run to
    queues: tuple[QueueDay, ...]
    #: queue → its hours from the day's start to now
    hours: Mapping[str, tuple[HourRow, ...]]
    #: every queue together: calls added up (AHT with each queue's wrap-up), staffed =
    #: members working any queue (each once), needed = Erlang C over the pooled calls
    #: against the strictest queue's threshold and target (members serve several queues)
    all_hours: tuple[HourRow, ...]
    targets: Mapping[str, QueueTargets]
    #: The day's end (epoch): past it these figures are yesterday's (see QueuePanel.tick).
    end: int | None = None
