"""Today hour by hour for one queue, or all queues: volume, service, staffed and needed.

Changes only when new calls are stored: the screen reads `QueuesToday` in a
worker and calls `show_day(today)`; `show_queue(name)` picks the queue (None:
all queues together). An understaffed hour (fewer members working than
Erlang C needs for the target) is the `-understaffed` class, in the theme's
warning colour; the hour under way is marked `-current`.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from floortui.domain.queue_hourly import HourRow, QueuesToday
from floortui.widgets.queue_panel import cells, clock, pct

COLUMNS = (
    ("Hour", 5, False),
    ("Offer", 5, True),
    ("Ans", 5, True),
    ("Lost", 5, True),
    ("SL%", 6, True),
    ("AHT", 5, True),
    ("Staffed", 7, True),
    ("Needed", 6, True),
    ("", 12, False),
)


def row_text(row: HourRow) -> str:
    return cells([
        f"{row.clock_hour:02d}:00", str(row.offered), str(row.answered), str(row.lost),
        pct(row.service_level_pct), clock(row.aht_s),
        "–" if row.staffed is None else f"{row.staffed:.1f}",
        "–" if row.needed is None else str(row.needed),
        "understaffed" if row.understaffed else "",
    ], COLUMNS).rstrip()  # fmt: skip


def _update(line: Static, text: str) -> None:
    """Redraw a one-line Static only when its words changed, and without a layout (its
    height is 1 in the CSS): a re-read of the day must not lay the floor screen out again."""
    if getattr(line, "_floortui_text", None) != text:
        line._floortui_text = text  # type: ignore[attr-defined]
        line.update(Text(text), layout=False)


class HourlyTable(Vertical):
    """One queue's hours of today (or all queues'), the understaffed ones highlighted.

    `show_day(today)` on new data; `show_queue(queue)` to switch (None = all queues).
    """

    DEFAULT_CSS = """
    HourlyTable { height: auto; max-height: 16; overflow-y: auto; }
    HourlyTable > .hourly-title { height: 1; text-style: bold; }
    HourlyTable > .hourly-head { height: 1; color: $text-muted; text-style: bold; }
    HourlyTable > .hourly-row { height: 1; }
    HourlyTable > .hourly-row.-understaffed { background: $warning 30%; }
    HourlyTable > .hourly-row.-current { text-style: bold; }
    """

    def __init__(self, queue: str | None = None, *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:  # fmt: skip
        super().__init__(name=name, id=id, classes=classes)
        self.queue = queue
        self.today: QueuesToday | None = None
        self._in_view_for: tuple | None = None  # (queue, rows, shown) last scrolled to its end

    def compose(self) -> ComposeResult:
        yield Static("", classes="hourly-title", markup=False)
        yield Static(Text(cells([h for h, _, _ in COLUMNS], COLUMNS).rstrip()),
                     classes="hourly-head")  # fmt: skip

    def show_day(self, today: QueuesToday | None) -> None:
        self.today = today
        self._draw()

    def show_queue(self, queue: str | None) -> None:
        self.queue = queue
        self._draw()

    def rows(self) -> tuple[HourRow, ...]:
        """The hours shown: the chosen queue's, or all queues' together, from the first hour
        with a call or a member working (the night before the floor opens is not shown)."""
        today = self.today
        if today is None:
            return ()
        rows = today.all_hours if self.queue is None else today.hours.get(self.queue, ())
        first = next((i for i, row in enumerate(rows) if row.offered or row.staffed), None)
        if first is None:
            return rows[-1:]
        return rows[first:]

    def _draw(self) -> None:
        rows = self.rows()
        which = "all queues" if self.queue is None else self.queue
        day = f" {self.today.day.isoformat()}" if self.today is not None else ""
        _update(self.query_one(".hourly-title", Static), f"Hour by hour, {which}{day}")
        lines = list(self.query_children(".hourly-row"))
        if len(lines) != len(rows):
            for line in lines:
                line.remove()
            lines = [Static("", classes="hourly-row", markup=False) for _ in rows]
            self.mount_all(lines)
        for i, (line, row) in enumerate(zip(lines, rows, strict=True)):
            _update(line, row_text(row))
            line.set_class(row.understaffed, "-understaffed")
            line.set_class(i == len(rows) - 1, "-current")
        # The hour under way in view when the table is shown, another queue is chosen or a
        # new hour begins: not at every read, which would pull a supervisor who scrolled
        # back to an earlier hour away from it every few seconds (and cost the hidden table
        # a scroll each time).
        in_view_for = (self.queue, len(rows), self.has_class("-shown"))
        if in_view_for != self._in_view_for:
            self._in_view_for = in_view_for
            self.call_after_refresh(self.scroll_end, animate=False)
