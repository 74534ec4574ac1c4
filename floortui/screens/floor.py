"""The floor: who is doing what and for how long, the app's first screen.

Live, it draws from the app's latest `FloorSnapshot` (handed over by the
follower after each poll, see app.py) and ticks each second from the data
clock: no SQL on the tick. Calls answered and last breaks come from a read in
a worker every `floor.summary_every_s` seconds. `t` (or `run --at T`) shows
the floor as it stood at a past moment, read in a worker from the store's
checkpoints; `[`/`]` step five minutes, `esc` or `0` come back to live.

The queue panel (top, `h` shows the hour by hour, `n` its next queue) and
the break panel (beside the seats; `tab` to it, then `s` send, `r` back, `x`
skip) come from the same read (floortui.queries.floor_panels) and tick with
the seats from memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable, KeysView, Mapping
from dataclasses import replace
from functools import cached_property, partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

from floortui.config import Config
from floortui.domain.floor_snapshot import FloorSnapshot, MemberState
from floortui.domain.floor_status import recounted, status_text
from floortui.domain.seat_rows import GROUPS, SORTS, SeatView
from floortui.screens._frames import PromptFrames
from floortui.screens._loading import _READ_LOCK, StoreReader, describe_error
from floortui.screens._ticker import screen_ticker
from floortui.screens.floor_side import FloorSidePanels
from floortui.screens.floor_time import TimeTravelScreen
from floortui.widgets.header import FloorHeader
from floortui.widgets.seat_grid import SeatGrid
from floortui.widgets.text_line import TextLine
from floortui.widgets.until_dirty import UntilDirty

if TYPE_CHECKING:
    from sqlite_utils import Database

    from floortui.queries.floor_panels import FloorPanels
    from floortui.queries.member_day import FloorSummaries

#: `[` and `]` step the replayed floor by this much.
STEP_S = 300
#: A new floor is drawn at most this often (the follower may post several a second).
DRAW_EVERY_S = 0.5


def _read_key(snapshot: FloorSnapshot) -> tuple[bool, KeysView[str]]:
    """What the panels were read for: a floor from the log or not yet, and its members."""
    return snapshot.at > 0, snapshot.members.keys()


class FloorScreen(PromptFrames, UntilDirty, FloorSidePanels, StoreReader, Screen):
    """Every seat, live or at a moment in the past."""

    SCREEN_NAME = "Floor"
    BINDINGS = [
        Binding("slash", "search", "Search", show=True,
                tooltip="Find a member by name; team:Red queue:sales state:paused filter"),
        Binding("s", "sort", "Sort", show=False,
                tooltip="Sort by state, name, team, time in state or queue, in turn"),
        Binding("g", "group", "Group", show=False,
                tooltip="Group by team, queue or state, in turn, or not at all"),
        Binding("t", "travel", "At time", show=False,
                tooltip="Show the floor as it stood at a time you type"),
        Binding("left_square_bracket", "step(-1)", "-5 min", show=False,
                tooltip="Show the floor five minutes earlier"),
        Binding("right_square_bracket", "step(1)", "+5 min", show=False,
                tooltip="Show the floor five minutes later"),
        Binding("escape", "live", "Live", show=False,
                tooltip="Back to the live floor (and clear the search)"),
        Binding("0", "live", "Live", show=False, tooltip="Back to the live floor"),
        Binding("h", "hourly", "Hours", show=True,
                tooltip="Show or hide today's hour by hour: offered, lost, SL, staffed, needed"),
        Binding("b", "breaks", "Breaks", show=True,
                tooltip="Show, go to or hide the break panel: who is out, who goes next"),
        Binding("n", "next_queue", "Next queue", show=False,
                tooltip="The hour by hour of the next queue (all queues, then each)"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    FloorScreen FloorHeader { split: top; }
    FloorScreen QueueBoard { split: top; }
    FloorScreen Footer { dock: none; split: bottom; }
    FloorScreen BreakPanel { split: right; width: 44; height: 100%; }
    FloorScreen BreakPanel.-hidden { display: none; }
    FloorScreen SeatGrid { height: 1fr; }
    FloorScreen #floor-status { split: bottom; height: 1; padding: 0 1; color: $text-muted; }
    FloorScreen #floor-status.-replay { color: $text-warning; text-style: bold; }
    FloorScreen #seat-search { split: bottom; display: none; }
    FloorScreen #seat-search.-shown { display: block; }
    """

    def __init__(self, db: Database | None, config: Config, at: int | None = None) -> None:
        super().__init__()  # db None: the app's store, opened by the first worker reading it
        self._db = db
        self.config = config
        #: The moment shown when replaying; None: live.
        self.at = at
        self._replayed: FloorSnapshot | None = None
        self._loading_at: int | None = None
        self._summaries: FloorSummaries | None = None
        self._status_text = ""
        self._pending: FloorSnapshot | None = None
        self._drawn_at, self._draw_scheduled = 0.0, False
        self._read_started = 0.0  # time.monotonic() of the last read of the panels
        self._counts: dict[str, int] = {}
        self._counted: Mapping[str, MemberState] | None = None  # the members counted
        self._read_for: tuple[bool, KeysView[str]] | None = None  # see _read_key
        self.panels_up = False  # see FloorSidePanels._mount_panels
        self._panels: tuple[FloorPanels, bool, bool] | None = None

    def compose(self) -> ComposeResult:
        yield FloorHeader()
        # The queue board (split off the top, under the header) and the break panel (off
        # the right) are mounted after the first paint (FloorSidePanels._mount_panels). Every
        # part is split off the screen's edges, in no container: Textual draws each
        # container beside or around the seats again with them each second.
        teams = {member.name: member.team for member in self.config.agents}
        breaks = self.config.breaks
        yield SeatGrid(
            self.config.floor,
            teams,
            id="seats",
            break_reasons=breaks.break_reasons,
            graces=(breaks.late_sign_in_minutes, breaks.left_early_minutes),
        )
        # The status under the seats: what changes each second stays off the break panel.
        yield TextLine("Loading the floor…", id="floor-status")
        yield Input(placeholder="name, or team:Red queue:sales state:paused", id="seat-search")

    @property
    def db(self) -> Database:
        return self._db if self._db is not None else self.app.db

    def _store(self) -> Callable[[], Database]:
        """The store for a worker to open: never opened on the event loop's thread."""
        db, app = self._db, self.app
        return (lambda: db) if db is not None else (lambda: app.db)

    @cached_property
    def grid(self) -> SeatGrid:  # asked for many times a second; composed once
        return self.query_one(SeatGrid)

    def shown_floor(self) -> FloorSnapshot | None:
        """The floor the seats show: the replayed one, or the app's newest."""
        if self.at is not None:
            return self._replayed
        return getattr(self.app, "floor", None)

    def on_mount(self) -> None:
        super().on_mount()
        self._ticker = screen_ticker(self, 1.0, self.tick)
        self._ticker.start()
        watchers = getattr(self.app, "floor_watchers", None)
        if watchers is not None:
            watchers.add(self)
        self.grid.focus()
        self.call_after_refresh(self._mount_panels)
        if self.at is not None:
            self._load_at(self.at)
        else:
            snapshot = getattr(self.app, "floor", None)
            if snapshot is not None:
                self.floor_changed(snapshot)
        self.tick()

    def on_unmount(self) -> None:
        super().on_unmount()
        self._ticker.stop()
        watchers = getattr(self.app, "floor_watchers", None)
        if watchers is not None:
            watchers.discard(self)

    # -- time -----------------------------------------------------------------------

    def now(self) -> int | None:
        """The moment the grid shows: the replayed one, or the data clock's."""
        if self.at is not None:
            return self.at
        clock = getattr(self.app, "data_clock", None)
        now = clock.now() if clock is not None else None
        if now is None:
            floor = getattr(self.app, "floor", None)
            now = floor.at if floor is not None else None
        return now

    def tick(self) -> None:
        """Draw the newest floor, if one came, and move every visible clock on."""
        now = self.now()
        # From the tick, with no wake-up of its own: every `summary_every_s`-th tick (half
        # a tick early counts, or a tick a few ms early would wait a whole second more).
        if time.monotonic() - self._read_started >= self.config.floor.summary_every_s - 0.5:
            self.reload(on_tick=True)
        pending, self._pending = self._pending, None
        self.show_due_panels()
        if pending is not None:
            self.grid.show_floor(pending, now)
        if now is not None:
            self.grid.tick(now)
        if self.grid.members is not self._counted:  # a new floor, or wrap-ups over by now
            self._count_states()
        self._drawn_at = time.monotonic()
        self._show_status()
        # The header and the panels in the same frame (FloorSidePanels.tick_panels).
        self.tick_panels(now)

    # -- the floor ------------------------------------------------------------------

    def floor_changed(self, snapshot: FloorSnapshot) -> None:
        """The app's latest floor (live); a replay keeps showing its own moment."""
        clock = getattr(self.app, "data_clock", None)
        if clock is not None:
            clock.saw(snapshot.last_event_at)  # the header's clock shows it on the next tick
        if self.at is None:
            self._show_soon(snapshot)
            if self._summaries is None or _read_key(snapshot) != self._read_for:
                self.reload()  # at once for a first floor or new members, not in a few seconds

    def _show_soon(self, snapshot: FloorSnapshot) -> None:
        """Draw a new floor now, or within DRAW_EVERY_S of the last draw (a busy follower
        posts several a second); each draw re-arms the 1 Hz tick, so a floor arriving every
        second is drawn once a second, not twice."""
        self._pending = snapshot
        wait = DRAW_EVERY_S - (time.monotonic() - self._drawn_at)
        if wait <= 0:
            self.tick()
            self._rearm()
        elif not self._draw_scheduled:
            self._draw_scheduled = True
            self.set_timer(wait, self._draw_pending)

    def _draw_pending(self) -> None:
        self._draw_scheduled = False
        if self._pending is not None:
            self.tick()
            self._rearm()

    def _rearm(self) -> None:
        """The next tick a second after this draw (screens/_ticker.py: a Textual timer
        reset still wakes when it was due, and a new one each draw is a task a second)."""
        self._ticker.rearm()

    def data_changed(self) -> None:
        """The store grew. A busy log grows every second, and the panels are read every
        `floor.summary_every_s` whatever happens (and at once for members new to the floor
        or after a break action), so a growing store adds no reads of its own."""

    def reload(self, on_tick: bool = False) -> None:
        """Read today's figures per member and per queue, and the break board: by the tick
        once `floor.summary_every_s` has passed since the last read (`on_tick`: see
        FloorSidePanels.loaded); at once after a break action or for new members."""
        now = self.now()
        if now is None:
            return
        self._read_started = time.monotonic()
        store, config, snapshot = self._store(), self.config, self.shown_floor()
        self._read_for = _read_key(snapshot) if snapshot is not None else None
        roster = getattr(self.app, "roster", None)
        # Alerts are for the live floor once it has caught up with the log: not for a past
        # moment, nor for a floor still hours behind while the backlog is read.
        alerting = self.at is None and getattr(self.app, "floor_caught_up", True)

        def fetch() -> tuple[FloorPanels, bool, bool]:
            from floortui.queries.floor_panels import floor_panels

            nonlocal snapshot  # the worker outlives its read: it keeps no floor
            floor, snapshot = snapshot, None
            return floor_panels(store(), config, floor, now, roster), alerting, on_tick

        self.read(fetch, "read today's figures, queues and breaks")

    def _load_at(self, at: int) -> None:
        self._loading_at = at
        self._show_status()
        self.run_worker(partial(self._read_at, at, self._store()), thread=True, exclusive=True,
                        group="floor-at", exit_on_error=False,
                        description="read the floor as it stood then")  # fmt: skip

    def _read_at(self, at: int, store: Callable[[], Database]) -> None:
        from floortui.queries.floor_view import floor_at

        worker = get_current_worker()
        try:
            with _READ_LOCK:
                if worker.is_cancelled:
                    return
                snapshot, error = floor_at(store(), self.config, at), None
        except Exception as exc:  # a store that cannot be read is a line, never a closed app
            snapshot, error = None, describe_error(exc)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_at, at, snapshot, error)

    def _show_at(self, at: int, snapshot: FloorSnapshot | None, error: str | None) -> None:
        if at != self._loading_at or self.at != at:
            return  # superseded by a later step, or back to live meanwhile
        self._loading_at = None
        if error is not None:
            self.read_failed(error)
            return
        self._replayed = snapshot
        self._pending = snapshot
        self.reload()
        self.tick()

    # -- status ---------------------------------------------------------------------

    def _count_states(self) -> None:
        members = self.grid.members
        self._counts, self._counted = recounted(self._counts, self._counted, members), members

    def _show_status(self) -> None:
        at, reading = self.at, self._loading_at is not None
        text = status_text(self._counts, self.grid.view.describe(), at, self.config.day.tz, reading)
        if text != self._status_text:  # one line, fixed height: no layout on the tick
            self._status_text = text
            status = self.query_one("#floor-status", TextLine)
            status.set_class(at is not None, "-replay")
            status.show(text)

    def read_failed(self, error: str) -> None:
        self.notify(error, severity="error", timeout=8)

    # -- keys -----------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#seat-search", Input)
        search.add_class("-shown")
        search.focus()

    @on(Input.Changed, "#seat-search")
    def search_typed(self, event: Input.Changed) -> None:
        view = self.grid.view
        self.grid.set_view(SeatView.parse(event.value, view.sort, view.group))
        self._show_status()

    @on(Input.Submitted, "#seat-search")
    def search_done(self) -> None:
        self.grid.focus()

    def action_sort(self) -> None:
        view = self.grid.view
        self.grid.set_view(replace(view, sort=SORTS[(SORTS.index(view.sort) + 1) % len(SORTS)]))
        self._show_status()

    def action_group(self) -> None:
        view = self.grid.view
        self.grid.set_view(
            replace(view, group=GROUPS[(GROUPS.index(view.group) + 1) % len(GROUPS)])
        )
        self._show_status()

    def action_travel(self) -> None:
        self.app.push_screen(TimeTravelScreen(self.config.day.tz, self.now), self.show_at)

    def show_at(self, at: int | None) -> None:
        """Show the floor as it stood at `at` (None: leave it as it is)."""
        if at is None:
            return
        self.at = at
        self._load_at(at)
        self.query_one(FloorHeader).refresh()

    def action_step(self, direction: int) -> None:
        start = self.at if self.at is not None else self.now()
        if start is not None:
            self.show_at(start + direction * STEP_S)

    def action_live(self) -> None:
        search = self.query_one("#seat-search", Input)
        if search.has_class("-shown") and (search.has_focus or search.value):
            search.value = ""
            search.remove_class("-shown")
            self.grid.focus()
            return
        if self.at is None:
            return
        self.at = None
        self._loading_at = None
        self._replayed = None
        self._pending = getattr(self.app, "floor", None)
        self.reload()
        self.tick()

    @on(SeatGrid.SeatChosen)
    def seat_chosen(self, event: SeatGrid.SeatChosen) -> None:
        now = self.now()
        if now is not None:
            from floortui.screens.member_day import MemberDayScreen

            self.app.push_screen(MemberDayScreen(self.db, self.config, event.member, now))
