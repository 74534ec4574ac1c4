"""The queue and agent reports: the store's sums over a window, made into figures.

Each report reads in one read transaction: its "now" (the last imported line)
and the calls and pauses it adds up come from the same moment, so while a
follower writes, a figure never goes backwards between two reports.
"""

from __future__ import annotations

from sqlite_utils import Database

from floortui.config import DEFAULT_SERVICE_LEVEL_S, Config
from floortui.domain.figures import MemberFigures, QueueFigures, member_figures, queue_figures
from floortui.store import reports
from floortui.store.db import read_transaction


def queue_report(db: Database, config: Config, start: int | None = None,
                 end: int | None = None) -> list[QueueFigures]:  # fmt: skip
    """One row per queue with a call that entered in [start, end)."""
    thresholds = {name: q.service_level_s for name, q in config.queues.items()}
    with read_transaction(db):
        totals = reports.queue_totals(
            db,
            reports.EARLIEST if start is None else start,
            reports.LATEST if end is None else end,
            thresholds,
            DEFAULT_SERVICE_LEVEL_S,
        )
    return [queue_figures(row) for row in totals]


def member_report(db: Database, start: int | None = None,
                 end: int | None = None) -> list[MemberFigures]:  # fmt: skip
    """One row per member who answered, was rung without answering, or paused in [start, end).

    A pause still open runs until `end` when given, otherwise until the last
    line imported: the data's own 'now', so a report on yesterday's log does
    not count the hours since.
    """
    with read_transaction(db):
        open_end = end if end is not None else (reports.last_event_at(db) or reports.EARLIEST)
        totals = reports.member_totals(
            db,
            reports.EARLIEST if start is None else start,
            reports.LATEST if end is None else end,
            open_end,
        )
    return [member_figures(name, totals[name]) for name in sorted(totals)]


def data_now(db: Database) -> int | None:
    """The data's 'now': the time of the latest imported line, None for an empty store.

    A time of day typed without a date (`--from 10:00`) is on this day, so a
    report on yesterday's log reads yesterday's 10:00.
    """
    return reports.last_event_at(db)
