"""Everything the floor screen reads from the store, in one read: seats, queues and breaks.

The floor screen ticks from memory each second; every few seconds
(`floor.summary_every_s`) it reads again, in a worker, what memory does not
hold: calls answered and last breaks per member, the queues' figures and
hours for today, and the break board. One read transaction for all three, so
the queue panel's service level and the break rules that weigh it come from
the same moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from floortui.config import Config
from floortui.domain.breaks import BreakBoard
from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.domain.queue_hourly import QueuesToday
from floortui.domain.roster import EMPTY_ROSTER, Roster, Shift
from floortui.queries.breaks import live_break_board, queue_loads_now
from floortui.queries.member_day import FloorSummaries, floor_summaries
from floortui.queries.queues_today import queues_today
from floortui.store.db import read_transaction


@dataclass(frozen=True)
class FloorPanels:
    """One read of the floor's store-held figures at `at`."""

    at: int
    summaries: FloorSummaries
    today: QueuesToday | None
    #: None when there is no floor to weigh breaks against yet.
    board: BreakBoard | None
    #: Member → their shift on `at`'s day; None without a roster.
    shifts: Mapping[str, Shift] | None = None


def floor_panels(db: Database, config: Config, snapshot: FloorSnapshot | None, at: int,
                 roster: Roster | None = None) -> FloorPanels:  # fmt: skip
    """Members' day figures, today's queues and the break board at `at`, read together
    (and today's shifts, when there is a roster)."""
    shifts = None
    if roster is not None:
        shifts = roster.on(dt.datetime.fromtimestamp(at, config.day.tz).date())
    roster = roster or EMPTY_ROSTER
    with read_transaction(db):
        summaries = floor_summaries(db, config, at)
        today = queues_today(db, config, at)
        board = None
        if snapshot is not None:
            loads = queue_loads_now(config, snapshot, today)
            board = live_break_board(db, config, snapshot, loads, roster, at)
    return FloorPanels(at, summaries, today, board, shifts)
