"""The floor screen's two side panels: the queues above the seats, the breaks beside them.

A mixin for FloorScreen (keys are bound there): `b` shows, goes to or hides the
break panel, which starts hidden on a terminal narrower than
BREAKS_BESIDE_FROM_COLUMNS so the seats keep the room; `h` shows the hour by
hour under the queue panel and `n` moves it to the next queue. Break actions
are stored by BreakActions and the board is read again after each.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Footer

from floortui.screens.break_actions import BreakActions
from floortui.widgets.break_panel import BreakPanel
from floortui.widgets.header import FloorHeader
from floortui.widgets.queue_board import QueueBoard

if TYPE_CHECKING:
    from floortui.queries.floor_panels import FloorPanels


class FloorSidePanels(BreakActions):
    """The queue board and the break panel of a screen that mounts both after its first
    paint: the board split off its top under its FloorHeader, the panel off its right."""

    #: The break panel shown (True) or hidden (False) by `b`; None: by the width.
    _breaks_chosen: bool | None = None
    #: The break panel shown now (by `b` or by the width), mounted or not yet.
    _breaks_shown: bool = True
    #: False until the screen has mounted the panels (just after its first paint).
    panels_up: bool = True

    # Each asked for every second, and mounted once: found once (Textual searches the screen).
    @cached_property
    def queue_board(self) -> QueueBoard:
        return self.query_one(QueueBoard)

    @cached_property
    def break_panel(self) -> BreakPanel:
        return self.query_one(BreakPanel)

    @cached_property
    def _header(self) -> FloorHeader:
        return self.query_one(FloorHeader)

    async def _mount_panels(self) -> None:
        """The queue board, the break panel and the footer, once the seats have painted: a
        start paints the floor about a fifth sooner without them (bench/bench_start.py), and
        they have nothing to show until the floor's first read anyway."""
        reasons = self.config.breaks.break_reasons
        await self.mount(QueueBoard(reasons), after=self.query_one(FloorHeader))
        panel = BreakPanel(tz=self.config.day.tz, classes="" if self._breaks_shown else "-hidden")
        await self.mount(panel, after=self.grid)
        await self.mount(Footer(compact=True, show_command_palette=False), before=self.grid)
        self.refresh_bindings()  # a footer mounted late hears of the keys only from this
        self.panels_up = True  # a read that came before waits in `_panels`
        if self._panels is not None:
            self.show_panels(self._panels)
        self.tick()

    #: A read made on the interval, waiting to be drawn by the next tick.
    _panels_due: tuple | None = None

    def loaded(self, result: tuple) -> None:
        """A read of the panels (FloorScreen.reload; its last item: made on the interval).
        One made on the interval is drawn by the next tick, in the frame the seats' clocks
        draw anyway: drawn as it came, it cost a frame of its own every few seconds, a
        whole-screen frame as the seats' is (bench/bench_floor.py). One asked for at once
        (a first floor, new members, a break action, another moment) is drawn now."""
        if result[-1] and self.at is None:
            self._panels_due = result
            return
        self._panels_due = None
        self.show_panels(result)

    def show_due_panels(self) -> None:
        due, self._panels_due = self._panels_due, None
        if due is not None:
            self.show_panels(due)

    def show_panels(self, result: tuple[FloorPanels, bool, bool]) -> None:
        """A read of the panels drawn: the queues, the breaks, and the seats' calls and
        breaks today (a board read for a past moment raises no alerts)."""
        panels, alerting, _ = result
        summaries = self._summaries = panels.summaries
        self._panels = result
        if self.panels_up:
            self.queue_board.show_day(panels.today)
            if panels.board is not None:
                board = panels.board if alerting else replace(panels.board, alerts=())
                self.break_panel.show(board)
        members = summaries.members
        self.grid.show_shifts(panels.shifts)
        self.grid.show_summaries(
            {name: s.answered for name, s in members.items()},
            {name: s.last_break_end for name, s in members.items()},
        )

    def tick_panels(self, now: int | None) -> None:
        """The header's clock, the queue lines and the break panel, in the same frame as the
        seats' clocks: Textual pays for each frame whatever it draws (every widget beside
        what changed is visited again), so one frame a second costs less than one per
        part (bench/bench_floor.py)."""
        if self.panels_up:
            self.queue_board.tick(self.shown_floor(), now)
        self._header.refresh()  # its clock
        if self.panels_up and now is not None:
            self.break_panel.tick(now)

    def break_action_saved(self, action: str, member: str) -> None:
        self.reload()

    def on_break_panel_action_requested(self, message: BreakPanel.ActionRequested) -> None:
        """A break action is taken on the live floor only: at a past moment it would be
        stored at the wrong time. (Textual then calls BreakActions' handler of the same
        name itself, unless the default is prevented.)"""
        if self.at is not None:
            message.stop()
            message.prevent_default()
            self.notify("this is the floor at a past moment: esc back to live to act",
                        severity="warning")  # fmt: skip

    #: Narrower than this, the break panel starts hidden so the seats keep the room (`b`).
    BREAKS_BESIDE_FROM_COLUMNS = 120

    def on_resize(self, event: events.Resize) -> None:
        if self._breaks_chosen is None:
            self._show_breaks(event.size.width >= self.BREAKS_BESIDE_FROM_COLUMNS)

    def _show_breaks(self, shown: bool) -> None:
        self._breaks_shown = shown
        if self.panels_up:
            self.break_panel.set_class(not shown, "-hidden")

    def action_breaks(self) -> None:
        """Hidden: show it and go to it; shown and not focused: go to it; focused: hide it."""
        if not self.panels_up:
            return
        if not self._breaks_shown:
            self._breaks_chosen = True
            self._show_breaks(True)
            self.break_panel.focus()
        elif not self.break_panel.has_focus:
            self.break_panel.focus()
        else:
            self._breaks_chosen = False
            self._show_breaks(False)
            self.grid.focus()

    def action_hourly(self) -> None:
        if self.panels_up:
            self.queue_board.toggle_hourly()

    def action_next_queue(self) -> None:
        if self.panels_up and self.queue_board.hourly.has_class("-shown"):
            queue = self.queue_board.next_queue()
            self.notify(f"hour by hour: {queue or 'all queues'}", timeout=2)
