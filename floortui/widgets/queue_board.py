"""The queue panel with its hourly table under it: what the floor screen places in its slot.

Three calls for the screen: `show_day(today)` after each read of
`floortui.queries.queues_today.queues_today` (in a worker, every few seconds),
`tick(snapshot, now)` each second, and `toggle_hourly()` / `next_queue()`
from its keys. The hourly table starts hidden so the seats keep the room.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cached_property

from textual.app import ComposeResult
from textual.containers import Vertical

from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.domain.queue_hourly import QueuesToday
from floortui.domain.queue_today import DEFAULT_BREAK_REASONS
from floortui.widgets.hourly_table import HourlyTable
from floortui.widgets.queue_panel import QueuePanel
from floortui.widgets.until_dirty import UntilDirty


class QueueBoard(UntilDirty, Vertical):
    """A QueuePanel, and an HourlyTable shown on demand for all queues or one."""

    DEFAULT_CSS = """
    QueueBoard { height: auto; }
    QueueBoard > HourlyTable { display: none; margin-top: 1; }
    QueueBoard > HourlyTable.-shown { display: block; }
    """

    def __init__(self, break_reasons: Collection[str] = DEFAULT_BREAK_REASONS, *,
                 name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:  # fmt: skip
        super().__init__(name=name, id=id, classes=classes)
        self.break_reasons = break_reasons

    def compose(self) -> ComposeResult:
        yield QueuePanel(self.break_reasons)
        yield HourlyTable()

    @cached_property
    def panel(self) -> QueuePanel:  # ticked every second; composed once
        return self.query_one(QueuePanel)

    @property
    def hourly(self) -> HourlyTable:
        return self.query_one(HourlyTable)

    def show_day(self, today: QueuesToday | None) -> None:
        """The day's figures and hours, read again."""
        self.panel.show_day(today)
        self.hourly.show_day(today)

    def tick(self, snapshot: FloorSnapshot | None, now: int | None) -> None:
        """Each second: the panel's waits and member counts, from memory."""
        self.panel.tick(snapshot, now)

    def toggle_hourly(self) -> bool:
        """Show or hide the hourly table; True when it is shown now."""
        self.hourly.toggle_class("-shown")
        self.hourly.show_queue(self.hourly.queue)  # drawn again, the hour under way in view
        return self.hourly.has_class("-shown")

    def next_queue(self) -> str | None:
        """The hourly table moves on to the next queue (all queues, then each by name)."""
        today = self.hourly.today
        order: list[str | None] = [None]
        if today is not None:
            order += [day.queue for day in today.queues]
        current = self.hourly.queue
        at = order.index(current) if current in order else 0
        queue = order[(at + 1) % len(order)]
        self.hourly.show_queue(queue)
        return queue
