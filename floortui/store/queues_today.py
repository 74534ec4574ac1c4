"""The sums behind the queue panel and the hourly table: per queue, per hour of the day.

The store adds calls up by queue and by hour since the day's start (one pass
over the day's calls through `calls_entered_at`); floortui.domain.queue_today
and floortui.domain.queue_hourly turn the sums into figures. Who worked each
queue comes back as time spans (sessions, pauses and, for static members who
have no session, their first and last activity), which the domain clips to
each hour: a few hundred rows a day, not one per call.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

#: Per queue and hour (seconds since `start` ÷ 3600), for calls that entered in [start, end).
#: MATERIALIZED: the thresholds are read once, not once per call (twice as fast on 67,000).
_HOURLY_SUMS = """
WITH thresholds(queue, seconds) AS MATERIALIZED (SELECT key, value FROM json_each(:thresholds))
SELECT c.queue,
       (c.entered_at - :start) / 3600 AS hour,
       SUM(c.entered_logged) AS offered,
       SUM(c.answered_at IS NOT NULL) AS answered,
       SUM(c.outcome = 'ABANDON') AS abandoned,
       SUM(c.outcome = 'EXITWITHTIMEOUT') AS exit_timeout,
       SUM(c.outcome = 'EXITEMPTY') AS exit_empty,
       SUM(c.outcome = 'EXITWITHKEY') AS exit_key,
       SUM(c.answered_at IS NOT NULL
           AND c.wait_s <= coalesce(t.seconds, :default_threshold)) AS answered_in_threshold,
       coalesce(SUM(CASE WHEN c.answered_at IS NOT NULL THEN c.wait_s END), 0)
           AS wait_answered_s,
       SUM(c.answered_at IS NOT NULL AND c.wait_s IS NOT NULL) AS wait_answered_calls,
       coalesce(SUM(CASE WHEN c.answered_at IS NOT NULL THEN c.talk_s END), 0) AS talk_s,
       SUM(c.answered_at IS NOT NULL AND c.talk_s IS NOT NULL) AS talk_calls
FROM calls c LEFT JOIN thresholds t ON t.queue = c.queue
WHERE c.entered_at >= :start AND c.entered_at < :end
GROUP BY c.queue, hour
ORDER BY c.queue, hour
"""

_SESSIONS = """
SELECT member, queue, added_at, removed_at FROM member_sessions
WHERE queue IS NOT NULL AND added_at < :end AND coalesce(removed_at, :end) > :start
"""

_PAUSES = """
SELECT member, queue, started_at, ended_at FROM member_pauses
WHERE started_at < :end AND coalesce(ended_at, :end) > :start
"""

#: When each member was seen working each queue: answering, ringing, pausing.
_ACTIVITY = """
SELECT member, queue, min(answered_at), max(coalesce(ended_at, answered_at)) FROM calls
WHERE entered_at >= :start AND entered_at < :end AND member IS NOT NULL
  AND answered_at IS NOT NULL
GROUP BY member, queue
UNION ALL
SELECT member, queue, min(time), max(time) FROM call_rings
WHERE time >= :start AND time < :end AND member IS NOT NULL AND queue IS NOT NULL
GROUP BY member, queue
"""

Span = tuple[str, str, int, int | None]


def hourly_sums(db: Database, start: int, end: int, thresholds: dict[str, int],
                default_threshold: int) -> list[dict]:  # fmt: skip
    """One row per queue and hour with a call that entered in [start, end)."""
    params = {
        "start": start,
        "end": end,
        "thresholds": json.dumps(thresholds),
        "default_threshold": default_threshold,
    }
    return list(db.query(_HOURLY_SUMS, params))


def sessions(db: Database, start: int, end: int) -> list[Span]:
    """(member, queue, added_at, removed_at or None) for sessions overlapping [start, end)."""
    return [tuple(row) for row in db.execute(_SESSIONS, {"start": start, "end": end})]


def pauses(db: Database, start: int, end: int) -> list[Span]:
    """(member, queue, started_at, ended_at or None) for pauses overlapping [start, end)."""
    return [tuple(row) for row in db.execute(_PAUSES, {"start": start, "end": end})]


def activity(db: Database, start: int, end: int) -> list[Span]:
    """(member, queue, first, last) of calls answered and rings in [start, end)."""
    return [tuple(row) for row in db.execute(_ACTIVITY, {"start": start, "end": end})]
