"""Today's queue figures and hour-by-hour table, for the floor's queue panel.

One read transaction per load: the day's calls, sessions, pauses and
activity come from the same moment, so the panel's totals and the hourly
table agree while the follower writes. Read again when new calls are stored
(`LiveImported`), not each second: the ticking cells come from the floor
snapshot (floortui.domain.queue_today.queue_lines).
"""

from __future__ import annotations

from types import MappingProxyType

from sqlite_utils import Database

from floortui.config import DEFAULT_SERVICE_LEVEL_S, Config, QueueSettings
from floortui.domain.queue_hourly import (
    HOUR,
    HourRow,
    QueuesToday,
    hourly_rows,
    merge,
    seconds_by_hour,
    working_spans,
)
from floortui.domain.queue_today import CallSums, QueueTargets, add_up, queue_day
from floortui.domain.workday import day_bounds, working_day_of
from floortui.store import queues_today as store
from floortui.store.db import read_transaction
from floortui.store.reports import last_event_at


def queue_targets(config: Config, queue: str) -> QueueTargets:
    """A queue's threshold, target, wrap-up and waiting limit (defaults when not configured)."""
    q = config.queues.get(queue) or QueueSettings()
    return QueueTargets(q.service_level_s, q.service_level_target_pct, q.wrapuptime,
                        q.max_waiting)  # fmt: skip


def queues_today(db: Database, config: Config, now: int | None = None) -> QueuesToday | None:
    """Per queue: the day's figures so far and its hours, up to `now` (the data's now).

    `now` defaults to the store's last imported line; None on an empty store.
    The day is the working day `now` falls in (`day.day_start_hour`, `day.timezone`).
    """
    tz, start_hour = config.day.tz, config.day.day_start_hour
    with read_transaction(db):
        if now is None:
            now = last_event_at(db)
            if now is None:
                return None
        day = working_day_of(now, tz, start_hour)
        start, day_end = day_bounds(day, tz, start_hour)
        end = now + 1  # calls that entered up to and including `now`
        thresholds = {name: q.service_level_s for name, q in config.queues.items()}
        rows = store.hourly_sums(db, start, end, thresholds, DEFAULT_SERVICE_LEVEL_S)
        sessions = store.sessions(db, start, end)
        pauses = store.pauses(db, start, end)
        activity = store.activity(db, start, end)
    sums: dict[str, dict[int, CallSums]] = {}
    for row in rows:
        sums.setdefault(row["queue"], {})[row["hour"]] = CallSums.from_row(row)
    names = sorted(set(config.queues) | set(sums))
    targets = {q: queue_targets(config, q) for q in names}
    hours = (now - start) // HOUR + 1  # the hour under way included
    spans = working_spans(sessions, pauses, activity, start, now)
    per_queue: dict[str, list[tuple[int, int]]] = {}
    for (_, queue), member_spans in spans.items():
        per_queue.setdefault(queue, []).extend(member_spans)
    worked = {q: seconds_by_hour(s, start, hours) for q, s in per_queue.items()}
    tables = {
        q: tuple(hourly_rows(sums.get(q, {}), worked.get(q, []), start, now, tz, targets[q]))
        for q in names
    }
    return QueuesToday(
        day=day,
        start=start,
        now=now,
        queues=tuple(queue_day(q, add_up(sums.get(q, {}).values()), targets[q]) for q in names),
        hours=MappingProxyType(tables),
        all_hours=tuple(_all_queues(sums, spans, targets, start, now, hours, tz)),
        targets=MappingProxyType(targets),
        end=day_end,
    )


def _all_queues(sums, spans, targets, start, now, hours, tz) -> list[HourRow]:
    """Every queue's hours together (see QueuesToday.all_hours)."""
    total: dict[int, CallSums] = {}
    for queue, by_hour in sums.items():
        wrapup = targets[queue].wrapup_s
        for i, s in by_hour.items():
            with_wrapup = CallSums(**{**s.__dict__, "talk_s": s.talk_s + wrapup * s.talk_calls})
            total[i] = total.get(i, CallSums()) + with_wrapup
    per_member: dict[str, list[tuple[int, int]]] = {}
    for (member, _), member_spans in spans.items():
        per_member.setdefault(member, []).extend(member_spans)
    merged = [span for member_spans in per_member.values() for span in merge(member_spans)]
    worked = seconds_by_hour(merged, start, hours)
    strictest = QueueTargets(
        threshold_s=min((t.threshold_s for t in targets.values()), default=DEFAULT_SERVICE_LEVEL_S),
        target_pct=max((t.target_pct for t in targets.values()), default=80),
    )
    return hourly_rows(total, worked, start, now, tz, strictest)
