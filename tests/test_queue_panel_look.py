"""How the queue panel and the hourly table look (SVG snapshots; --snapshot-update to renew).

The hand-worked day of tests/data/queues at 07:45:00 Berlin time, the clock
injected: sales has a caller waiting past its threshold (alert), support is
below its service-level target (warning), billing (no call yet) is ok, and
support's 06:00 is understaffed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult

from floortui.adapters.importer import Importer
from floortui.config import load_config
from floortui.domain.queue_today import CallSums, QueueTargets, queue_day
from floortui.queries.floor import floor_snapshot_at
from floortui.queries.queues_today import queues_today
from floortui.store.db import open_database
from floortui.widgets.hourly_table import HourlyTable
from floortui.widgets.queue_panel import QueuePanel

DATA = Path(__file__).parent / "data" / "queues"
NOW = 1794546000 + 6300


class LookApp(App):
    """The two widgets as the floor screen stacks them, ticked from an injected clock."""

    def __init__(self, today, snapshot, clock: Callable[[], int]) -> None:
        super().__init__()
        self.today, self.snapshot, self.clock = today, snapshot, clock

    def compose(self) -> ComposeResult:
        yield QueuePanel()
        yield HourlyTable("support")

    def on_mount(self) -> None:
        self.query_one(QueuePanel).show_day(self.today)
        self.query_one(QueuePanel).tick(self.snapshot, self.clock())
        self.query_one(HourlyTable).show_day(self.today)


def test_queue_panel_and_hourly_table_look(snap_compare, tmp_path) -> None:
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    today = queues_today(db, config, NOW)
    billing = queue_day("billing", CallSums(), QueueTargets())
    today = dataclasses.replace(today, queues=(billing, *today.queues))
    snapshot = floor_snapshot_at(db, NOW, None, config.wrapup_s())
    app = LookApp(today, snapshot, clock=lambda: NOW + 5)
    assert snap_compare(app, terminal_size=(130, 12))
