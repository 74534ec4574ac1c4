"""Aggregates behind `floortui report`: counts and sums per queue and per member.

The store adds things up; the domain (floortui.domain.figures) turns the sums
into the figures people read, with their rounding and definitions.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

#: A time window [start, end) in Unix seconds; open ends are stretched to these.
EARLIEST, LATEST = -(2**62), 2**62

_QUEUE_TOTALS = """
WITH thresholds(queue, seconds) AS (SELECT key, value FROM json_each(:thresholds))
SELECT c.queue,
       SUM(c.entered_logged) AS offered,
       SUM(c.answered_at IS NOT NULL) AS answered,
       SUM(c.outcome = 'ABANDON') AS abandoned,
       SUM(c.outcome = 'EXITWITHTIMEOUT') AS exit_timeout,
       SUM(c.outcome = 'EXITEMPTY') AS exit_empty,
       SUM(c.outcome = 'EXITWITHKEY') AS exit_key,
       SUM(c.outcome IN ('BLINDTRANSFER', 'ATTENDEDTRANSFER', 'TRANSFER')) AS transferred,
       SUM(CASE WHEN c.answered_at IS NOT NULL THEN c.wait_s END) AS wait_answered_sum,
       SUM(c.answered_at IS NOT NULL AND c.wait_s IS NOT NULL) AS wait_answered_count,
       MAX(c.wait_s) AS max_wait_s,
       SUM(c.answered_at IS NOT NULL
           AND c.wait_s <= coalesce(t.seconds, :default_threshold)) AS answered_in_threshold
FROM calls c LEFT JOIN thresholds t ON t.queue = c.queue
WHERE c.entered_at >= :start AND c.entered_at < :end
GROUP BY c.queue
ORDER BY c.queue
"""

_MEMBER_CALLS = """
SELECT member, COUNT(*) AS answered, coalesce(SUM(talk_s), 0) AS talk_s
FROM calls
WHERE answered_at IS NOT NULL AND member IS NOT NULL
  AND entered_at >= :start AND entered_at < :end
GROUP BY member
"""

_MEMBER_RINGS = """
SELECT member, COUNT(*) FROM call_rings
WHERE event = 'RINGNOANSWER' AND time >= :start AND time < :end
GROUP BY member
"""

_MEMBER_PAUSES = """
SELECT member, queue,
       SUM(MIN(coalesce(ended_at, :open_end), :end) - MAX(started_at, :start)) AS paused_s
FROM member_pauses
WHERE started_at < :end AND coalesce(ended_at, :open_end) > :start
GROUP BY member, queue
"""


def last_event_at(db: Database) -> int | None:
    """The time of the latest line imported from any source: 'now' for the data."""
    return db.execute("SELECT max(last_event_at) FROM import_sources").fetchone()[0]


def queue_totals(db: Database, start: int, end: int, thresholds: dict[str, int],
                 default_threshold: int) -> list[dict]:  # fmt: skip
    return list(
        db.query(
            _QUEUE_TOTALS,
            {
                "start": start,
                "end": end,
                "thresholds": json.dumps(thresholds),
                "default_threshold": default_threshold,
            },
        )
    )


def member_totals(db: Database, start: int, end: int, open_end: int) -> dict[str, dict]:
    """Per member: answered, talk_s, ring_no_answer and paused_s per queue."""
    params = {"start": start, "end": end, "open_end": open_end}
    members: dict[str, dict] = {}

    def entry(name: str) -> dict:
        return members.setdefault(
            name, {"answered": 0, "talk_s": 0, "ring_no_answer": 0, "paused_s": {}}
        )

    for name, answered, talk in db.execute(_MEMBER_CALLS, params):
        entry(name).update(answered=answered, talk_s=talk)
    for name, rings in db.execute(_MEMBER_RINGS, params):
        entry(name)["ring_no_answer"] = rings
    for name, queue, seconds in db.execute(_MEMBER_PAUSES, params):
        if seconds > 0:
            entry(name)["paused_s"][queue] = seconds
    return members
