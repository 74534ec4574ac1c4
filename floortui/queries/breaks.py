"""What the break panel and `report breaks` ask: a day's breaks per member, the live rotation,
and the supervisor's actions (sent, returned, skipped).

Each answer reads in one read transaction; the rules are floortui.domain's.
The roster is read by floortui.adapters.roster and handed in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from sqlite_utils import Database

from floortui.config import Config
from floortui.domain.break_day import BreakAction, MemberBreakDay, PauseRecord, member_break_day
from floortui.domain.breaks import BreakBoard, QueueLoad, break_board
from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.domain.meals import hourly_pattern, plan_meals, slots_ahead, today_so_far
from floortui.domain.queue_hourly import QueuesToday
from floortui.domain.roster import EMPTY_ROSTER, Roster
from floortui.domain.sign_in import MemberDayLog
from floortui.domain.workday import day_bounds, working_day_of
from floortui.store import breaks as store
from floortui.store.db import read_transaction
from floortui.store.people import PeopleWriter, PersonWrite
from floortui.store.reports import last_event_at


def break_days(db: Database, config: Config, day: dt.date, roster: Roster = EMPTY_ROSTER,
               now: int | None = None) -> list[MemberBreakDay]:  # fmt: skip
    """Every member seen that day (signed in, paused, on a call or acted on), by name.

    `now` (default: the store's last imported line) ends open breaks and spans.
    """
    tz, settings = config.day.tz, config.breaks
    start, end = day_bounds(day, tz, config.day.day_start_hour)
    with read_transaction(db):
        if now is None:
            now = last_event_at(db) or end
        sessions = store.sessions_between(db, start, end)
        pauses = store.pauses_between(db, start, end)
        activity = store.activity_between(db, start, end)
        actions = store.actions_between(db, start, end)
    by_member: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for member, added, removed in sessions:
        by_member[member]["sessions"].append((added, removed))
    for member, started, ended, reasons, started_by in pauses:
        if ended is not None and ended <= start:
            continue
        by_member[member]["pauses"].append(PauseRecord(started, ended, tuple(reasons), started_by))
    for member, times in activity.items():
        by_member[member]["activity"].extend(times)
    for member, at, action, reason, minutes, note, by in actions:
        by_member[member]["actions"].append(BreakAction(at, action, reason, minutes, note, by))
    days = []
    for member in sorted(by_member):
        seen = by_member[member]
        log = MemberDayLog(
            member,
            tuple(seen["sessions"]),
            tuple((p.start, p.end) for p in seen["pauses"]),
            tuple(sorted(seen["activity"])),
        )
        days.append(member_break_day(
            log, seen["pauses"], seen["actions"], settings, start, end, now,
            roster.shift(member, day)))  # fmt: skip
    return [d for d in days if d.spans or d.breaks]


def break_report(db: Database, config: Config, day: dt.date,
                 roster: Roster = EMPTY_ROSTER) -> list[dict]:  # fmt: skip
    """The rows of `floortui report breaks --date D` (keys: issue 8 §4)."""
    return [d.as_report() for d in break_days(db, config, day, roster)]


def teams(config: Config) -> dict[str, str]:
    """Member → team, from config's agents."""
    return {a.name: a.team for a in config.agents if a.team}


def queue_loads(config: Config, waiting: Mapping[str, int],
                service_level_pct: Mapping[str, float | None]) -> dict[str, QueueLoad]:  # fmt: skip
    """Each queue's load for the rules: waiting now and today's service level (computed by
    the queue panel's figures), with its target from `queues.<name>.service_level_target_pct`."""
    names = set(waiting) | set(service_level_pct)
    return {
        q: QueueLoad(
            waiting.get(q, 0),
            service_level_pct.get(q),
            float(config.queues[q].service_level_target_pct) if q in config.queues else 80.0,
        )
        for q in sorted(names)
    }


def queue_loads_now(config: Config, snapshot: FloorSnapshot,
                    today: QueuesToday | None) -> dict[str, QueueLoad]:  # fmt: skip
    """Each queue's load from what the floor screen already holds: the callers waiting in
    the snapshot and today's service level from the queue panel's `QueuesToday`."""
    levels = {day.queue: day.service_level_pct for day in today.queues} if today else {}
    waiting = {q: len(callers) for q, callers in snapshot.waiting.items()}
    return queue_loads(config, waiting, levels)


def live_break_board(db: Database, config: Config, snapshot: FloorSnapshot,
                     queues: Mapping[str, QueueLoad], roster: Roster = EMPTY_ROSTER,
                     now: int | None = None) -> BreakBoard:  # fmt: skip
    """The break panel's board at `now` (default: the snapshot's moment): one short read of
    today's breaks and actions, then the rules, and the meal plan's slots still to come.
    Call it from a worker, not on each tick."""
    now = snapshot.at if now is None else now
    tz = config.day.tz
    day = working_day_of(now, tz, config.day.day_start_hour)
    with read_transaction(db):
        days = {d.member: d for d in break_days(db, config, day, roster, now)}
        board = break_board(snapshot, days, queues, config.breaks, teams(config), roster, now,
                            tz)  # fmt: skip
        if not config.breaks.meal_windows:
            return board
        signed_in = sorted((d for d in days.values() if d.signed_in_at is not None),
                           key=lambda d: (d.signed_in_at, d.member))  # fmt: skip
        plans = meal_plan_by_team(db, config, day, [d.member for d in signed_in], now)
    had = {
        w.reason: {d.member for d in days.values() if any(b.reason == w.reason for b in d.breaks)}
        for w in config.breaks.meal_windows
    }
    return replace(board, meals=slots_ahead(plans, config.breaks.meal_windows, had, now))


def _hourly_volume(db: Database, config: Config, day: dt.date, now: int) -> dict[int, float]:
    """Clock hour → calls expected, by `breaks.meal_volume_from` (weeks, or today so far)."""
    settings, tz = config.breaks, config.day.tz
    start, _ = day_bounds(day, tz, config.day.day_start_hour)
    if settings.meal_volume_from == "weeks":
        weeks = settings.meal_volume_weeks
        windows = [
            day_bounds(day - dt.timedelta(weeks=w), tz, config.day.day_start_hour)
            for w in range(1, weeks + 1)
        ]
    else:
        windows = [(start, now)]
    with read_transaction(db):
        buckets = store.calls_per_hour(db, windows)
    by_hour: dict[int, int] = defaultdict(int)
    for bucket, n in buckets.items():
        by_hour[dt.datetime.fromtimestamp(bucket * 3600, tz).hour] += n
    if settings.meal_volume_from == "weeks":
        return hourly_pattern(by_hour, settings.meal_volume_weeks)
    return today_so_far(by_hour, dt.datetime.fromtimestamp(now, tz).hour)


def meal_plan(db: Database, config: Config, day: dt.date, members: Sequence[str],
              now: int) -> dict[str, dict[str, int]]:  # fmt: skip
    """Window reason → member → proposed meal start, by the configured call volume, for
    `members` (in sign-in order) taken as one group of `max_out_per_team` at once."""
    hourly = _hourly_volume(db, config, day, now)
    capacity = config.breaks.max_out_per_team or len(members) or 1
    return {
        w.reason: plan_meals(members, w, day, config.day.tz, hourly, capacity)
        for w in config.breaks.meal_windows
    }


def meal_plan_by_team(db: Database, config: Config, day: dt.date, members: Sequence[str],
                      now: int) -> dict[str, dict[str, int]]:  # fmt: skip
    """The meal plan with each team planned on its own: `max_out_per_team` is per team, so
    two teams may eat in the same quiet slot. Members with no team form one group."""
    hourly = _hourly_volume(db, config, day, now)
    team_of = teams(config)
    groups: dict[str | None, list[str]] = defaultdict(list)
    for member in members:
        groups[team_of.get(member)].append(member)
    plans: dict[str, dict[str, int]] = {w.reason: {} for w in config.breaks.meal_windows}
    for group in groups.values():
        capacity = config.breaks.max_out_per_team or len(group)
        for w in config.breaks.meal_windows:
            plans[w.reason].update(plan_meals(group, w, day, config.day.tz, hourly, capacity))
    return plans


def mark_sent(writer: PeopleWriter, member: str, by: str, at: int, reason: str | None = None,
              minutes: int | None = None) -> PersonWrite:  # fmt: skip
    """The supervisor sent `member` on break at `at` (data time); logged in the shift log."""
    what = f"{reason or 'break'}" + (f" for {minutes} min" if minutes else "")
    return store.write_action(writer, member, "sent", at, by, reason=reason, minutes=minutes,
                              log_text=f"{member} sent on {what}")  # fmt: skip


def mark_returned(writer: PeopleWriter, member: str, by: str, at: int) -> PersonWrite:
    """`member` is back from break at `at`; logged in the shift log."""
    return store.write_action(writer, member, "returned", at, by,
                              log_text=f"{member} back from break")  # fmt: skip


def mark_skipped(writer: PeopleWriter, member: str, by: str, at: int, why: str) -> PersonWrite:
    """`member`'s break is skipped for now, with the reason; logged in the shift log."""
    if not why.strip():
        from floortui.store.people import PersonWriteFailed

        raise PersonWriteFailed("a skipped break needs a reason")
    return store.write_action(writer, member, "skipped", at, by, note=why.strip(),
                              log_text=f"{member}'s break skipped: {why.strip()}")  # fmt: skip
