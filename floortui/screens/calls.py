"""The Calls screen: every imported call, filterable, with its timeline on Enter.

Reads run in a worker (screens/_loading.py) and come back as a message, so a
store of millions of lines never freezes the screen; only a page of matching
calls is drawn. On the newest row the list follows new calls like `tail -f`;
anywhere else it holds still and says how many newer calls wait above.
"""

from __future__ import annotations

import time
from dataclasses import replace

from rich.text import Text
from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Select, Static

from floortui.config import Config
from floortui.domain.calls import RECORDING_CHOICES, CallFilter, count_of
from floortui.domain.timewindow import TimeError, parse_time_of_day
from floortui.queries.calls import CallsPage, calls_page
from floortui.screens._loading import StoreReader
from floortui.screens.call_detail import CallDetailScreen
from floortui.widgets.call_filters import CallFilters
from floortui.widgets.call_table import CallTable
from floortui.widgets.header import DataClockDisplay, DataHeader

PAGE = 500


class CallsScreen(StoreReader, Screen):
    """Browse calls: newest first; filters narrow by queue, member, outcome, caller or callid."""

    SCREEN_NAME = "Calls"
    BINDINGS = [
        Binding("enter", "open_call", "Timeline", show=True,
                tooltip="Open the highlighted call's timeline, CDR legs and recordings"),
        Binding("slash", "focus_search", "Search", show=True,
                tooltip="Type a caller number or callid to find calls"),
        Binding("escape", "clear_filters", "Clear", show=True,
                tooltip="Clear every filter and show all calls"),
        Binding("m", "more", "More", show=True,
                tooltip="Show the next page of older calls below these"),
        Binding("home", "newest", "Newest", show=False,
                tooltip="Jump to the newest call and follow new calls from there"),
        Binding("r", "refresh", "Refresh", show=False,
                tooltip="Read the store again now"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    CallsScreen #status { height: 1; padding: 0 1; color: $text-muted; }
    CallsScreen #status.-error { color: $error; }
    CallsScreen CallTable { height: 1fr; }
    """

    def __init__(self, db: Database, config: Config) -> None:
        super().__init__()
        self.db = db
        self.config = config
        self.filter = CallFilter()
        self._limit = PAGE
        #: (entered_at, id) of the top row while the reader is away from it; None: following
        self._anchor: tuple[int, int] | None = None
        self._latest: int | None = None

    def compose(self) -> ComposeResult:
        yield DataHeader()
        yield CallFilters(id="filters")
        yield Static("Loading calls…", id="status")
        yield CallTable(self.config.day.tz, self._now, id="calls")
        yield Footer(compact=True, show_command_palette=False)

    def _now(self) -> int | None:
        clock = getattr(self.app, "data_clock", None)
        return clock.now() if clock is not None else self._latest

    def on_mount(self) -> None:
        self.query_one(CallTable).focus()
        self.reload()

    def reload(self) -> None:
        table = self.query_one(CallTable)
        if table.at_newest:
            self._anchor = None
        elif self._anchor is None and table.calls:
            top = table.calls[0]
            self._anchor = (top["entered_at"], top["id"])
        flt, limit, anchor = self.filter, self._limit, self._anchor
        self.read(lambda: calls_page(self.db, flt, limit, anchor), "read the calls")

    def loaded(self, page: CallsPage) -> None:
        clock = getattr(self.app, "data_clock", None)
        if clock is not None:
            clock.saw(page.latest_event_at)
            self.query_one(DataClockDisplay).refresh()
        self._latest = page.latest_event_at
        self.query_one(CallFilters).set_choices(
            page.queues, page.members, self.filter.queue, self.filter.member
        )
        table = self.query_one(CallTable)
        table.show_calls(page.calls, follow=self._anchor is None)
        status = self.query_one("#status", Static)
        status.remove_class("-error")
        status.update(self._status_text(page))

    def _status_text(self, page: CallsPage) -> str:
        if page.total == 0:
            if self.filter != CallFilter():
                return "no calls match — esc clears the filters"
            return "no calls in the store yet — i shows what has been imported"
        parts = []
        if page.newer:
            parts.append(f"{count_of(page.newer, 'newer call')} — Home to jump")
        text = count_of(page.total, "call")
        shown = len(page.calls) + page.newer
        if page.total > shown:
            text += f" (newest {len(page.calls):,} shown; m shows more)"
        parts.append(text)
        return " · ".join(parts)

    def read_failed(self, error: str) -> None:
        status = self.query_one("#status", Static)
        status.add_class("-error")
        status.update(Text(f"{error} — r tries again"))

    def _set_filter(self, **changes) -> None:
        self.filter = replace(self.filter, **changes)
        self._limit = PAGE
        self._jump_to_newest()

    def _jump_to_newest(self) -> None:
        table = self.query_one(CallTable)
        if table.row_count:
            table.move_cursor(row=0)
        self._anchor = None
        self.reload()

    def action_newest(self) -> None:
        """Home: the newest call, and follow from there."""
        self._limit = PAGE
        self._jump_to_newest()

    def action_more(self) -> None:
        """Show the next page of older calls below these."""
        self._limit += PAGE
        self.reload()

    @on(Select.Changed, "#queue")
    def queue_chosen(self, event: Select.Changed) -> None:
        self._set_filter(queue=None if event.value is Select.NULL else event.value)

    @on(Select.Changed, "#member")
    def member_chosen(self, event: Select.Changed) -> None:
        self._set_filter(member=None if event.value is Select.NULL else event.value)

    @on(Select.Changed, "#outcome")
    def outcome_chosen(self, event: Select.Changed) -> None:
        self._set_filter(outcome_group=None if event.value is Select.NULL else event.value)

    @on(Select.Changed, "#recording")
    def recording_chosen(self, event: Select.Changed) -> None:
        chosen = None if event.value is Select.NULL else RECORDING_CHOICES[event.value]
        self._set_filter(recording=chosen)

    @on(Input.Changed, ".time")
    def time_typed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        try:
            # "10:00" is that time on the data's day (as `report --from` reads it), or
            # today's on a store with no data yet.
            today = self._now() or int(time.time())
            value = parse_time_of_day(text, self.config.day.tz, today) if text else None
        except TimeError:
            event.input.add_class("-invalid")
            return
        event.input.remove_class("-invalid")
        self._set_filter(**{event.input.id: value})

    @on(Input.Changed, "#search")
    def search_typed(self, event: Input.Changed) -> None:
        self._set_filter(text=event.value.strip() or None)

    @on(Input.Submitted)
    def search_done(self) -> None:
        self.focus_calls()

    def focus_calls(self) -> None:
        """Put the keyboard on the list (the app's `c` comes here)."""
        self.query_one(CallTable).focus()

    @on(CallTable.RowSelected, "#calls")
    def row_chosen(self, event: CallTable.RowSelected) -> None:
        self.app.push_screen(CallDetailScreen(self.db, self.config, int(event.row_key.value)))

    def action_open_call(self) -> None:
        call_id = self.query_one(CallTable).cursor_call_id()
        if call_id is not None:
            self.app.push_screen(CallDetailScreen(self.db, self.config, call_id))

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_refresh(self) -> None:
        self.reload()

    def action_clear_filters(self) -> None:
        self.query_one(CallFilters).clear()
        self.filter = CallFilter()
        self._limit = PAGE
        self.focus_calls()
        self._jump_to_newest()
