"""The day's QA sample: which answered calls the reviewers listen to, and why each one.

Pure: the store hands in the day's answered calls that have a usable recording,
what was already drawn for the day, and who is on duty; this decides the rest.

How many calls per member (their *slots*, in this order):

1. **Ratio**: `ratio` × the member's boosts × the summed hour weights of their
   eligible calls (every weight 1: their number of calls), rounded to the
   nearest whole number, a half up. Eligible: talk of at least `min_talk_s`
   and an hour weight above 0. Boosts multiply (a new hire who also scores
   low: × new_hire_boost × low_score_boost) and only apply to members listed
   under `agents:`; a member the config does not list is sampled with none.
2. **Daily minimum**: slots up to `min_per_day`.
3. **Monthly minimum**: a member with `so_far` listens on earlier days of the
   month, `min_per_month - so_far` still missing and `days_left` days left in
   the month (this day included) gets slots up to
   `ceil(missing / days_left)` today. Working every day left then always
   meets the minimum, one who works only the month's last day gets all the
   missing listens that day, and one who meets the minimum early gets no
   extra at all (`so_far` counts earlier days only, so it stays the same for
   every top-up of the day).
4. At most `max_per_day` slots, and never more than the member's eligible calls.

Which calls fill the slots: weighted sampling without replacement
(Efraimidis–Spirakis). Each member's calls, in uniqueid order, read a random
stream of their own, seeded by (seed, day, member): call i gets the key
`-ln(1 - u_i) / hour weight` and the lowest keys win. So the draw depends on
the seed, the day and the member's set of calls only, never on the order rows
come in nor on other members' calls, and it is the same in every process.

**Top-up**: rows already drawn for the day are kept as they are and fill the
member's first slots; calls imported since fill the slots still open (there
are more as the member's calls grow). Drawing again with nothing new adds nothing.

**Reviewers**: new rows are shared out so first every reviewer on duty who has
none yet today gets one (a matching, so one reviewer's own calls never keep
another from getting a call), then each row goes to the reviewer with the
fewest today (ties by name). A reviewer never gets a call of their own member
name; a row no reviewer may take has none (`reviewer` None). Rows already
drawn keep their reviewer: a reviewer who comes on duty later gets top-ups only.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple
from zoneinfo import ZoneInfo

from floortui.config.sampling import SamplingSettings
from floortui.domain.workday import day_bounds, local_hours


class AnsweredCall(NamedTuple):
    """One answered call with a usable recording, as the store reads it."""

    callid: str
    queue: str
    member: str
    entered_at: int
    answered_at: int
    talk_s: int | None


@dataclass(frozen=True)
class Reviewer:
    """A reviewer on duty; `member` is their own member name if they also take calls."""

    name: str
    member: str | None = None


@dataclass(frozen=True)
class SampleRow:
    """One sampled call, as stored and shown: the reason is for the reviewer to read."""

    callid: str
    queue: str
    member: str
    reason: str
    reviewer: str | None
    answered_at: int | None = None
    talk_s: int | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.callid, self.queue, self.member)

    def as_json(self) -> dict:
        """The contract of `floortui sample --format json`."""
        return {
            "call": self.callid,
            "queue": self.queue,
            "agent": self.member,
            "reason": self.reason,
            "reviewer": self.reviewer,
        }


@dataclass(frozen=True)
class DayContext:
    """Everything about the day besides its calls that decides the draw."""

    day: dt.date
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    day_start_hour: int = 0
    #: Members listed under `agents:` → hire date (None when not given).
    agents: Mapping[str, dt.date | None] = field(default_factory=dict)
    #: Member → listens on earlier days of the day's calendar month.
    month_counts: Mapping[str, int] = field(default_factory=dict)
    #: Member → recent QA average in % (from evaluations; none yet).
    recent_averages: Mapping[str, float] = field(default_factory=dict)
    #: Members flagged for coaching (a later issue fills it).
    coaching: frozenset[str] = frozenset()
    reviewers: Sequence[Reviewer] = ()
    #: Rows drawn for this day before (kept as they are).
    already: Sequence[SampleRow] = ()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def days_left_in_month(day: dt.date) -> int:
    """Days from `day` to the end of its month, `day` included."""
    return (add_months(day.replace(day=1), 1) - day).days


def _percent(share: float) -> str:
    return f"{share * 100:.4g} %"


def boosts(settings: SamplingSettings, member: str, ctx: DayContext) -> tuple[float, list[str]]:
    """The member's ratio multiplier and the reasons for it (none for an unlisted member)."""
    if member not in ctx.agents:
        return 1.0, []
    factor, why = 1.0, []
    hired = ctx.agents[member]
    if hired is not None and hired <= ctx.day < add_months(hired, settings.new_hire_months):
        factor *= settings.new_hire_boost
        why.append(f"new hire (started {hired.isoformat()}) ×{settings.new_hire_boost:g}")
    average = ctx.recent_averages.get(member)
    if average is not None and average < settings.low_score_below:
        factor *= settings.low_score_boost
        why.append(f"low QA average {round(average, 1):g} % ×{settings.low_score_boost:g}")
    if member in ctx.coaching:
        factor *= settings.coaching_boost
        why.append(f"flagged for coaching ×{settings.coaching_boost:g}")
    return factor, why


def member_slots(
    settings: SamplingSettings, member: str, weight_sum: float, ctx: DayContext
) -> list[str]:
    """The reason of each of the member's slots today, in order (see the module's rules)."""
    factor, why = boosts(settings, member, ctx)
    by_ratio = math.floor(settings.ratio * factor * weight_sum + 0.5 + 1e-9)
    ratio_reason = "; ".join([f"{_percent(settings.ratio)} of answered calls", *why])
    slots = [ratio_reason] * by_ratio
    if len(slots) < settings.min_per_day:
        slots += [f"daily minimum: {settings.min_per_day} a day"] * (
            settings.min_per_day - len(slots)
        )
    so_far = ctx.month_counts.get(member, 0)
    missing = settings.min_per_month - so_far
    if missing > 0:
        due = math.ceil(missing / days_left_in_month(ctx.day))
        if len(slots) < due:
            reason = f"monthly minimum: {so_far} of {settings.min_per_month} so far"
            slots += [reason] * (due - len(slots))
    return slots[: settings.max_per_day]


def _weights_by_hour(settings: SamplingSettings, ctx: DayContext) -> tuple[int, list[float]]:
    """The day's start and the weight of each hour of the day as lived (a clock change too)."""
    start, end = day_bounds(ctx.day, ctx.tz, ctx.day_start_hour)
    return start, [settings.hour_weight(h) for h in local_hours(start, end, ctx.tz)]


def draw_sample(
    settings: SamplingSettings, calls: Iterable[AnsweredCall], ctx: DayContext
) -> list[SampleRow]:
    """The rows to add to the day's sample (empty when it is complete), by answer time."""
    prefix = f"{settings.seed}|{ctx.day.isoformat()}|"
    min_talk = settings.min_talk_s
    start, per_hour = _weights_by_hour(settings, ctx) if settings.hour_weights else (0, [])
    last = len(per_hour) - 1
    # member → {(callid, queue): (answered_at, talk_s, weight)}: the same call twice (a caller
    # who re-entered and reached the same member again) is one. A tight loop: 30k+ calls a day.
    eligible: dict[str, dict[tuple[str, str], tuple[int, int, float]]] = {}
    weight = 1.0
    for callid, queue, member, _entered, answered_at, talk_s in calls:
        if not member or talk_s is None or talk_s < min_talk:
            continue
        if per_hour:
            index = (answered_at - start) // 3600
            weight = per_hour[0 if index < 0 else min(index, last)]
            if weight <= 0:
                continue
        bucket = eligible.get(member)
        if bucket is None:
            bucket = eligible[member] = {}
        bucket[callid, queue] = (answered_at, talk_s, weight)
    taken: dict[str, set[tuple[str, str]]] = {}
    for row in ctx.already:
        taken.setdefault(row.member, set()).add((row.callid, row.queue))
    log = math.log
    new: list[SampleRow] = []
    for member in sorted(eligible):
        # uniqueid order: the order the member's stream is read in, whatever order rows came in
        bucket = sorted(eligible[member].items())
        total = sum(v[2] for _k, v in bucket) if per_hour else len(bucket)
        slots = member_slots(settings, member, total, ctx)
        drawn = taken.get(member, set())
        open_slots = slots[len(drawn) :]
        if not open_slots:
            continue
        stream = random.Random(f"{prefix}{member}").random
        if per_hour:
            keyed = [(-log(1.0 - stream()) / v[2], k, v) for k, v in bucket]
        else:  # every weight 1: u itself orders the calls as -ln(1 - u) does
            keyed = [(stream(), k, v) for k, v in bucket]
        if drawn:
            keyed = [entry for entry in keyed if entry[1] not in drawn]
        best = heapq.nsmallest(len(open_slots), keyed)
        for reason, (_key, (callid, queue), (answered_at, talk_s, _w)) in zip(
            open_slots, best, strict=False
        ):
            new.append(SampleRow(callid, queue, member, reason, None, answered_at, talk_s))
    new.sort(key=lambda r: (r.answered_at, r.callid, r.queue, r.member))
    chosen = share_out(new, ctx.already, ctx.reviewers)
    return [
        SampleRow(r.callid, r.queue, r.member, r.reason, who, r.answered_at, r.talk_s)
        for r, who in zip(new, chosen, strict=True)
    ]


def share_out(
    rows: Sequence[SampleRow], already: Sequence[SampleRow], reviewers: Sequence[Reviewer]
) -> list[str | None]:
    """The reviewer of each new row (see the module's rules), in the rows' order."""
    on_duty = sorted({r.name: r for r in reviewers}.values(), key=lambda r: r.name)
    load = Counter(row.reviewer for row in already if row.reviewer)
    chosen: list[str | None] = [None] * len(rows)
    # First everyone with none yet today: augmenting paths (Kuhn's matching).
    holder: dict[int, Reviewer] = {}

    def place(reviewer: Reviewer, seen: set[int]) -> bool:
        for index, row in enumerate(rows):
            if index in seen or row.member == reviewer.member:
                continue
            seen.add(index)
            if index not in holder or place(holder[index], seen):
                holder[index] = reviewer
                return True
        return False

    for reviewer in on_duty:
        if load[reviewer.name] == 0:
            place(reviewer, set())
    for index, reviewer in holder.items():
        chosen[index] = reviewer.name
        load[reviewer.name] += 1
    # Then the rest, each to whoever has fewest.
    for index, row in enumerate(rows):
        if chosen[index] is not None:
            continue
        allowed = [r for r in on_duty if r.member != row.member]
        if allowed:
            best = min(allowed, key=lambda r: (load[r.name], r.name))
            chosen[index] = best.name
            load[best.name] += 1
    return chosen
