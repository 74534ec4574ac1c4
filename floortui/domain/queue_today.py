"""Each queue's figures for the day so far, and its line on the queue panel now.

Two speeds: `QueueDay` comes from the store's sums (read again when new calls
are stored), `QueueNow` from the floor snapshot and the data clock, each
second, with no SQL: callers waiting, the longest wait, members ready / on a
call / in wrap-up / paused / on break, and the line's alert level.

Definitions (the same as floortui.domain.figures, so a panel and a report agree):
- a call counts in the day it entered the queue, from `day.day_start_hour` in
  `day.timezone`; offered = ENTERQUEUE lines;
- connection rate = answered ÷ offered;
- service level = answered within the queue's `service_level_s` ÷ offered, so
  abandoned and timed-out callers count against it, and so does a caller still
  waiting (who has not been answered within the threshold yet);
- ASA = average wait of the answered calls;
- AHT = average talk time of the answered calls whose end is logged, plus the
  queue's `wrapuptime` (queues.conf's, config `queues:`): the time a member is
  taken from the queue per call, which is what Erlang C needs;
- other exits = EXITWITHTIMEOUT + EXITEMPTY + EXITWITHKEY (abandoned is apart).
Percentages and averages are rounded half up to one decimal.

Per queue, a member in it is counted once: on call (ringing or talking, in
any queue: they cannot take this queue's call either), in wrap-up, on break
(paused here with a break reason), paused (another reason), else ready.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from floortui.domain.figures import ratio_1dp
from floortui.domain.floor_snapshot import FloorSnapshot

#: The pause reasons that mean a break unless the caller says otherwise (config `breaks:`).
DEFAULT_BREAK_REASONS = frozenset({"Break", "Lunch"})
Level = Literal["ok", "warning", "alert"]


@dataclass(frozen=True)
class QueueTargets:
    """What a queue is measured against (config `queues:`)."""

    threshold_s: int = 20
    target_pct: int = 80
    wrapup_s: int = 0
    max_waiting: int | None = None


@dataclass(frozen=True)
class CallSums:
    """The store's sums for one queue over an hour or a day (floortui.store.queues_today)."""

    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    exit_timeout: int = 0
    exit_empty: int = 0
    exit_key: int = 0
    answered_in_threshold: int = 0
    wait_answered_s: int = 0
    wait_answered_calls: int = 0
    talk_s: int = 0
    talk_calls: int = 0

    @classmethod
    def from_row(cls, row: Mapping) -> CallSums:
        return cls(**{name: row.get(name) or 0 for name in cls.__dataclass_fields__})

    def __add__(self, other: CallSums) -> CallSums:
        return CallSums(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))

    @property
    def lost(self) -> int:
        """Callers who left unanswered: abandoned, timed out, queue empty, pressed a key."""
        return self.abandoned + self.exit_timeout + self.exit_empty + self.exit_key

    def aht_s(self, wrapup_s: int) -> float | None:
        """Average talk of the answered calls that ended, plus wrap-up; None with none ended."""
        if not self.talk_calls:
            return None
        return ratio_1dp(self.talk_s + wrapup_s * self.talk_calls, self.talk_calls)


def add_up(sums: Iterable[CallSums]) -> CallSums:
    total = CallSums()
    for one in sums:
        total = total + one
    return total


@dataclass(frozen=True)
class QueueDay:
    """One queue's figures for the day so far."""

    queue: str
    targets: QueueTargets
    offered: int
    answered: int
    abandoned: int
    exit_timeout: int
    exit_empty: int
    exit_key: int
    connection_rate_pct: float | None
    service_level_pct: float | None
    asa_s: float | None
    aht_s: float | None

    @property
    def other_exits(self) -> int:
        return self.exit_timeout + self.exit_empty + self.exit_key


def queue_day(queue: str, sums: CallSums, targets: QueueTargets) -> QueueDay:
    return QueueDay(
        queue=queue,
        targets=targets,
        offered=sums.offered,
        answered=sums.answered,
        abandoned=sums.abandoned,
        exit_timeout=sums.exit_timeout,
        exit_empty=sums.exit_empty,
        exit_key=sums.exit_key,
        connection_rate_pct=ratio_1dp(sums.answered, sums.offered, 100),
        service_level_pct=ratio_1dp(sums.answered_in_threshold, sums.offered, 100),
        asa_s=ratio_1dp(sums.wait_answered_s, sums.wait_answered_calls),
        aht_s=sums.aht_s(targets.wrapup_s),
    )


@dataclass(frozen=True)
class MemberCounts:
    """How the members in one queue stand at a moment (each counted once)."""

    ready: int = 0
    on_call: int = 0
    wrapup: int = 0
    paused: int = 0
    on_break: int = 0


def member_counts(snapshot: FloorSnapshot, now: int,
                  break_reasons: Collection[str] = DEFAULT_BREAK_REASONS,
                  ) -> dict[str, MemberCounts]:  # fmt: skip
    """Queue → its members' counts at `now` (a wrap-up that ran out by `now` is over).

    Every member counted afresh; the queue panel keeps them up to date snapshot by
    snapshot instead (floortui.domain.queue_members.QueueMembers), to these same figures.
    """
    counts: dict[str, list[int]] = {}
    for member in snapshot.members.values():
        if not member.queues:
            continue
        state = member.state
        if state == "wrapup" and member.wrapup_until is not None and now >= member.wrapup_until:
            state = "ready"
        for queue, status in member.queues.items():
            row = counts.setdefault(queue, [0, 0, 0, 0, 0])
            if state in ("on_call", "ringing"):
                row[1] += 1
            elif state == "wrapup":
                row[2] += 1
            elif status.paused:
                row[4 if status.reason in break_reasons else 3] += 1
            else:
                row[0] += 1
    return {queue: MemberCounts(*row) for queue, row in counts.items()}


@dataclass(frozen=True)
class QueueNow:
    """A queue's line on the panel at one second: the day's figures and the floor now."""

    day: QueueDay
    waiting: int
    longest_wait_s: int | None
    members: MemberCounts
    level: Level
    #: Why the line is not ok, in the supervisor's words ("waiting 45 s, over 20 s").
    why: str | None


def queue_now(day: QueueDay, snapshot: FloorSnapshot | None, now: int,
              counts: Mapping[str, MemberCounts] | None = None) -> QueueNow:  # fmt: skip
    """The queue's line at `now`; `counts` from `member_counts` (computed once for all queues).

    Alert: a caller has waited longer than the threshold. Warning: more callers
    waiting than `max_waiting`, callers waiting with no member ready, or the
    day's service level below its target.
    """
    targets = day.targets
    waiting, longest = 0, None
    if snapshot is not None:
        waiting = len(snapshot.waiting_in(day.queue))
        longest = snapshot.longest_wait_s(day.queue, now)
    members = (counts or {}).get(day.queue, MemberCounts())
    level: Level = "ok"
    why = None
    if longest is not None and longest > targets.threshold_s:
        level, why = "alert", f"waiting {longest} s, over {targets.threshold_s} s"
    elif targets.max_waiting is not None and waiting > targets.max_waiting:
        level, why = "warning", f"{waiting} waiting, over {targets.max_waiting} allowed"
    elif waiting and not members.ready:
        level, why = "warning", f"{waiting} waiting, nobody ready"
    elif day.service_level_pct is not None and day.service_level_pct < targets.target_pct:
        level = "warning"
        why = f"SL {day.service_level_pct:g} % under {targets.target_pct} %"
    return QueueNow(day, waiting, longest, members, level, why)


def queue_lines(days: Iterable[QueueDay], snapshot: FloorSnapshot | None, now: int,
                break_reasons: Collection[str] = DEFAULT_BREAK_REASONS,
                targets: Mapping[str, QueueTargets] | None = None,
                counts: Mapping[str, MemberCounts] | None = None,
                ) -> list[QueueNow]:  # fmt: skip
    """Every queue's line at `now`: the days given, plus queues only the floor knows of.

    A queue with members or callers but no call today yet still gets a line
    (with empty figures), so a caller waiting in it is never out of sight.
    `counts` are `member_counts(snapshot, now)` when the caller has them already.
    """
    by_queue = {day.queue: day for day in days}
    if counts is None:
        counts = member_counts(snapshot, now, break_reasons) if snapshot is not None else {}
    if snapshot is not None:
        for queue in (*counts, *snapshot.waiting):
            if queue not in by_queue:
                chosen = (targets or {}).get(queue, QueueTargets())
                by_queue[queue] = queue_day(queue, CallSums(), chosen)
    return [queue_now(by_queue[q], snapshot, now, counts) for q in sorted(by_queue)]
