"""The review queue (`R`): the QA reviewer's day, their sampled calls first, then everyone's.

The reviewer claims a call (`c`), listens (Enter), marks it reviewed (`d`) or
gives it back (`u`); a claim left untouched past `review.claim_timeout_minutes`
goes back to the queue by itself. Others' calls show who has them. `/` finds
a caller's calls of the day by number (a complaint), and Enter plays one at
once. Showing today, the queue draws the day's sample as it opens and tops it up
every TOP_UP_S with the calls answered since (what was drawn never changes); `s`
draws or tops up at once (as `floortui sample`).
Every change is a person's write made in a worker (the screen never waits on
the importer's lock); someone watching only (not listed under `users:`) sees
the queue and can listen, but claims nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from functools import partial

from rich.text import Text
from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import Worker, WorkerState

from floortui.config import Config
from floortui.domain.review import ReviewStatus
from floortui.domain.review_queue import CallerCall, QueueItem, ReviewQueue
from floortui.queries import review_queue as queries
from floortui.screens._acting import acting_or_say_why
from floortui.screens._loading import StoreReader
from floortui.widgets.header import DataHeader
from floortui.widgets.review_table import CallerTable, ReviewTable

CHANGE_GROUP = "review-change"
WATCHING_ONLY = "watching only: you are not listed under users:, so you cannot claim calls"
VIEW_ONLY = "view only: nothing can be claimed on a read-only store"
REFRESH_S = 30.0  # seconds between reads: a claim's timeout shows without a key
TOP_UP_S = 600.0  # how often an open queue of today tops the day's sample up


class ReviewQueueScreen(StoreReader, Screen):
    """One working day's sampled calls and who is reviewing them."""

    SCREEN_NAME = "Review queue"
    BINDINGS = [
        Binding("c", "claim", "Claim", show=True,
                tooltip="Claim the highlighted call: it is yours to review until done or released"),
        Binding("enter", "listen", "Listen", show=True,
                tooltip="Listen to the highlighted call now"),
        Binding("d", "reviewed", "Reviewed", show=True,
                tooltip="Mark the call you hold as reviewed: it is done"),
        Binding("u", "release", "Release", show=True,
                tooltip="Give the call you hold back to the queue"),
        Binding("n", "next_call", "Next", show=True,
                tooltip="Go to your next call still to review (new, or yours in progress)"),
        Binding("slash", "find_caller", "Caller", show=True, key_display="/",
                tooltip="Find the day's calls of a caller by number (a complaint)"),
        Binding("s", "draw", "Draw sample", show=False,
                tooltip="Draw the day's QA sample (again: only calls come in since)"),
        Binding("left_square_bracket", "step(-1)", "Day before", show=False, key_display="[",
                tooltip="The review queue of the day before"),
        Binding("right_square_bracket", "step(1)", "Day after", show=False, key_display="]",
                tooltip="The review queue of the day after"),
        Binding("escape", "back", "Back", show=False,
                tooltip="Close the caller search, back to the queue"),
        Binding("r", "refresh", "Refresh", show=False, tooltip="Read the queue again now"),
        Binding("K", "calibrations", "Calibration", tooltip="The calls to score blind, the spread"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    ReviewQueueScreen #progress { height: auto; padding: 0 1; }
    ReviewQueueScreen #progress.-error { color: $error; }
    ReviewQueueScreen ReviewTable, ReviewQueueScreen CallerTable { height: 1fr; }
    ReviewQueueScreen #caller { display: none; }
    ReviewQueueScreen #found { display: none; }
    ReviewQueueScreen.-finding #caller, ReviewQueueScreen.-finding #found { display: block; }
    ReviewQueueScreen.-finding #queue { display: none; }
    ReviewQueueScreen #detail { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, db: Database, config: Config, day: dt.date | None = None,
                 clock: Callable[[], float] = time.time) -> None:  # fmt: skip
        super().__init__()
        self.db = db
        self.config = config
        #: The wall clock claims are timed by (the people's writer's own).
        self.clock = clock
        #: The day shown; None follows the data's today.
        self.day: dt.date | None = day
        self.queue: ReviewQueue | None = None
        self.found: list[CallerCall] = []
        self._drawing = False
        self._topped_up_at: float | None = None  # monotonic; None: not drawn from here yet

    # -- who is acting ------------------------------------------------------------------------

    @property
    def me(self) -> str | None:
        user = getattr(self.app, "user", None)
        return user.name if user is not None else None

    def compose(self) -> ComposeResult:
        tz = self.config.day.tz
        yield DataHeader()
        yield Static("Loading the review queue…", id="progress")
        yield Input(placeholder="caller's number (3 digits or more), Enter to the list",
                    id="caller", restrict=r"[0-9 +()./-]*")  # fmt: skip
        yield ReviewTable(tz, id="queue")
        yield CallerTable(tz, id="found")
        yield Static("", id="detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(ReviewTable).focus()
        self.set_interval(REFRESH_S, self._tick)
        if not self._top_up():
            self.reload()

    def _tick(self) -> None:
        if not self.has_class("-finding") and not self._top_up():
            self.reload()

    def _top_up(self) -> bool:
        """Draw (or top up) today's sample if it is due and someone listed is acting; True
        when a draw was started (its read follows). Other days are left as they were."""
        due = self._topped_up_at is None or time.monotonic() - self._topped_up_at >= TOP_UP_S
        app = self.app
        may_write = not getattr(app, "read_only", False) and self.me is not None
        if self.day is not None or not due or not may_write or self._drawing:
            return False
        self._topped_up_at = time.monotonic()
        self._draw(quiet=True)
        return True

    def reload(self) -> None:
        if self.has_class("-finding"):  # the store changed: look for the caller again
            self._find(self.query_one("#caller", Input).value)
            return
        day, me = self.day, self.me
        self.read(lambda: queries.review_queue(self.db, self.config, me, day, self.clock()),
                  "read the queue")  # fmt: skip

    def loaded(self, result: ReviewQueue | list[CallerCall]) -> None:
        if isinstance(result, list):
            self.found = result
            self.query_one(CallerTable).show(result)
            self._show_detail()
            return
        clock = getattr(self.app, "data_clock", None)
        if clock is not None:
            clock.saw(result.latest_event_at)
        if self._drawing:
            self._drawing = False
            self.notify(f"the day's sample holds {len(result.items):,} calls")
        self.queue = result
        self.query_one(ReviewTable).show(result.items, result.user)
        progress = self.query_one("#progress", Static)
        progress.remove_class("-error")
        progress.update(self._progress(result))
        self._show_detail()

    def read_failed(self, error: str) -> None:
        self._drawing = False
        progress = self.query_one("#progress", Static)
        progress.add_class("-error")
        progress.update(Text(f"{error} — r tries again"))

    def _progress(self, queue: ReviewQueue) -> Text:
        text = Text(queue.day.strftime("%a %d %b %Y"), "bold")
        if not queue.items:
            text.append("  no sample drawn for this day yet — s draws it")
            return text
        if queue.user is not None:
            text.append(f"  {queue.user}: ")
            if queue.mine_due:
                text.append(f"{queue.mine_done} done / {queue.mine_due} due", "bold")
            else:  # a team leader or supervisor spot-checking: nothing was given to them
                text.append("no calls given to you today")
            text.append(f" · holding {queue.holding} of {queue.rules.max_open_claims}")
        else:
            text.append("  watching only")
        text.append(f" · the day: {queue.day_done} done / {len(queue.items)} sampled")
        return text

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        if self.has_class("-finding"):
            call = self.query_one(CallerTable).cursor_item()
            if call is None:
                detail.update("type the caller's number; the day's calls from it show here")
            else:
                sampled = " · sampled" if call.sample_id is not None else ""
                has = "Enter listens" if call.recorded else "no recording"
                detail.update(f"{call.callid}{sampled} · {has}")
            return
        item = self._item()
        detail.update(_detail(item, self.me, self.config) if item else "")

    def _item(self) -> QueueItem | None:
        return self.query_one(ReviewTable).cursor_item()

    # -- claims ----------------------------------------------------------------------------

    def _writer(self):
        """(people writer, name) of who is acting, or None after saying why nothing is written."""
        return acting_or_say_why(self, self.me, VIEW_ONLY, WATCHING_ONLY)

    def _change(self, change, item: QueueItem | None, what: str) -> None:
        if item is None or self.has_class("-finding"):
            return
        acting = self._writer()
        if acting is None:
            return
        people, me = acting
        self.run_worker(
            partial(change, people, self.config, item.call.id, me),
            thread=True, group=CHANGE_GROUP, exit_on_error=False,
            description=f"{what}: {item.call.member}'s call of {_at(item, self.config)}",
        )  # fmt: skip

    def action_claim(self) -> None:
        self._change(queries.claim, self._item(), "claimed")

    def action_release(self) -> None:
        self._change(queries.release, self._item(), "released")

    def action_reviewed(self) -> None:
        self._change(queries.mark_reviewed, self._item(), "reviewed")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != CHANGE_GROUP:
            return
        if event.state == WorkerState.SUCCESS:
            if not worker.description.startswith("listened"):
                self.notify(worker.description)
            self.reload()
        elif event.state == WorkerState.ERROR and not worker.description.startswith("listened"):
            self.notify(str(worker.error), severity="warning", timeout=8)

    def action_next_call(self) -> None:
        """The cursor to the next call after it that is the person's to do, wrapping round."""
        table = self.query_one(ReviewTable)
        if self.queue is None or not table.row_count or self.has_class("-finding"):
            return
        order = [self.queue.item(int(key)) for key in table.ordered_keys()]
        start = table.cursor_row
        for step in range(1, len(order) + 1):
            item = order[(start + step) % len(order)]
            if item is not None and _to_do(item, self.me):
                table.move_cursor(row=(start + step) % len(order))
                return
        self.notify("nothing left to review in this day's queue")

    # -- listening --------------------------------------------------------------------------

    def action_listen(self) -> None:
        if self.has_class("-finding"):
            call = self.query_one(CallerTable).cursor_item()
            if call is not None:
                if not call.recorded:
                    self.notify(f"{call.callid}: no recording of this call", severity="warning")
                    return
                self._listen(call.callid, call.sample_id)
            return
        item = self._item()
        if item is None:
            return
        if item.holder is not None and item.holder == self.me:
            self._change(queries.listened, item, "listened")  # the claim's timeout restarts
        self._listen(item.call.callid, item.call.id)

    def _listen(self, callid: str, sample_id: int | None) -> None:
        from floortui.screens.listen import ListenScreen

        self.app.push_screen(ListenScreen(callid, sample_id=sample_id))

    def action_calibrations(self) -> None:
        from floortui.screens.calibrations import CalibrationsScreen

        self.app.push_screen(CalibrationsScreen())

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_listen()

    # -- a complaint: the caller's number --------------------------------------------------------

    def action_find_caller(self) -> None:
        self.add_class("-finding")
        caller = self.query_one("#caller", Input)
        caller.focus()
        self._show_detail()

    @on(Input.Changed, "#caller")
    def _typed(self, event: Input.Changed) -> None:
        self._find(event.value)

    def _find(self, typed: str) -> None:
        day = self.queue.day if self.queue is not None else self.day
        if day is not None:
            self.read(lambda: queries.caller_calls(self.db, self.config, day, typed),
                      "find a caller")  # fmt: skip

    @on(Input.Submitted, "#caller")
    def _to_list(self) -> None:
        self.query_one(CallerTable).focus()

    def action_back(self) -> None:
        if self.has_class("-finding"):
            self.remove_class("-finding")
            self.query_one(ReviewTable).focus()
            self.reload()

    # -- days, drawing --------------------------------------------------------------------------

    def action_step(self, days: int) -> None:
        shown = self.day or (self.queue.day if self.queue is not None else None)
        if shown is None or self.has_class("-finding"):
            return
        self.day = shown + dt.timedelta(days=days)
        self.reload()

    def action_draw(self) -> None:
        if self._writer() is not None:
            self._draw(quiet=False)

    def _draw(self, quiet: bool) -> None:
        day, me = self.day or (self.queue.day if self.queue else None), self.me

        def draw_then_read() -> ReviewQueue:
            queries.draw_today(self.db, self.config, day)
            return queries.review_queue(self.db, self.config, me, day, self.clock())

        self._drawing = not quiet  # a quiet top-up says nothing when its read comes
        if not quiet:
            self.notify("drawing the day's sample…")
        self.read(draw_then_read, "draw the day's sample")

    def action_refresh(self) -> None:
        self.reload()


def _to_do(item: QueueItem, me: str | None) -> bool:
    """A call the person can work on next: theirs and not done, held by them or free."""
    if item.status is ReviewStatus.DONE or not item.mine:
        return False
    return item.holder in (None, me)


def _at(item: QueueItem, config: Config) -> str:
    if item.call.answered_at is None:
        return item.call.callid
    return dt.datetime.fromtimestamp(item.call.answered_at, config.day.tz).strftime("%H:%M")


def _detail(item: QueueItem, me: str | None, config: Config) -> Text:
    """The highlighted call in words: what it is, who has it, and what a key would do."""
    tz = config.day.tz
    parts = [item.call.callid, item.call.reason]
    if item.done is not None:
        at = dt.datetime.fromtimestamp(item.done.at, tz).strftime("%H:%M")
        parts.append(f"{item.done.how} by {item.done.by} at {at}")
    elif item.holder is not None:
        if item.holder == me:
            parts.append("yours: Enter listens, d marks reviewed, u gives it back")
        else:
            parts.append(f"{item.holder} has it")
    else:
        if item.last_end is not None:
            who, when, why = item.last_end
            at = dt.datetime.fromtimestamp(when, tz).strftime("%H:%M")
            said = "timed out" if why == "timeout" else "was released"
            parts.append(f"{who}'s claim {said} at {at}")
        parts.append("c claims it" if me is not None else "watching only")
    return Text(" · ".join(parts))
