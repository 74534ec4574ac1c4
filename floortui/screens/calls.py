"""The Calls screen: every imported call, filterable, with its timeline on Enter.

Queries run in a worker and come back as a message, so a store of millions of
lines never freezes the screen; only the newest page of matching calls is drawn.
"""

from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from floortui.config import Config
from floortui.domain.calls import (
    OUTCOME_GROUPS,
    RECORDING_CHOICES,
    CallFilter,
    clock,
    duration,
    outcome_label,
)
from floortui.domain.timewindow import TimeError, parse_time_of_day
from floortui.screens.call_detail import CallDetailScreen
from floortui.store import calls as call_queries

PAGE = 500


class CallsLoaded(Message):
    """A page of calls, and the lists the filters offer, fresh from the store."""

    def __init__(self, calls: list[dict], total: int, queues: list[str], members: list[str],
                 latest: int | None) -> None:  # fmt: skip
        super().__init__()
        self.calls, self.total, self.queues, self.members = calls, total, queues, members
        self.latest = latest


class CallsScreen(Screen):
    """Browse calls: newest first; filters narrow by queue, member, outcome, caller or callid."""

    BINDINGS = [
        Binding("enter", "open_call", "Timeline", show=True),
        Binding("slash", "focus_search", "Search", show=True),
        Binding("r", "refresh", "Refresh", show=True),
        Binding("escape", "clear_filters", "Clear filters", show=True),
        Binding("m", "more", "More calls", show=True),
    ]
    DEFAULT_CSS = """
    CallsScreen #filters { height: auto; padding: 0 1; }
    CallsScreen #filters Select { width: 22; }
    CallsScreen #filters Input { width: 1fr; }
    CallsScreen #filters Input.time { width: 12; }
    CallsScreen #filters Input.-invalid { border: tall $error; }
    CallsScreen #status { height: 1; padding: 0 1; color: $text-muted; }
    CallsScreen DataTable { height: 1fr; }
    """

    def __init__(self, db: Database, config: Config) -> None:
        super().__init__()
        self.db = db
        self.config = config
        self.filter = CallFilter()
        self._options: tuple[list[str], list[str]] = ([], [])
        self._latest: int | None = None
        self._reload_pending = False
        self._limit = PAGE

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Select([], prompt="All queues", id="queue")
            yield Select([], prompt="All members", id="member")
            yield Select([(g, g) for g in OUTCOME_GROUPS], prompt="All outcomes", id="outcome")
            yield Select(
                [(label, label) for label in RECORDING_CHOICES], prompt="Recording",
                id="recording",
            )  # fmt: skip
            yield Input(placeholder="from (09:30)", id="since", classes="time")
            yield Input(placeholder="to (12:00)", id="until", classes="time")
            yield Input(placeholder="caller number or callid", id="search")
        yield Static("Loading calls…", id="status")
        table = DataTable(id="calls", cursor_type="row", zebra_stripes=True)
        table.add_columns("entered", "queue", "caller", "wait", "answered", "member", "talk",
                          "outcome", "rec", "callid")  # fmt: skip
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.title = "floortui"
        self.sub_title = "Calls"
        self.query_one("#calls", DataTable).focus()
        self.load()

    @work(thread=True, exclusive=True, group="calls")
    def load(self) -> None:
        flt = self.filter
        rows = call_queries.list_calls(self.db, flt, self._limit)
        total = call_queries.count_calls(self.db, flt)
        queues = call_queries.queue_names(self.db)
        members = call_queries.member_names(self.db)
        latest = call_queries.latest_entered_at(self.db)
        self.post_message(CallsLoaded(rows, total, queues, members, latest))

    @on(CallsLoaded)
    def show_calls(self, message: CallsLoaded) -> None:
        tz = self.config.day.tz
        if self._options != (message.queues, message.members):
            self._options = (message.queues, message.members)
            with self.prevent(Select.Changed):
                self.query_one("#queue", Select).set_options((q, q) for q in message.queues)
                self.query_one("#member", Select).set_options((m, m) for m in message.members)
                if self.filter.queue:
                    self.query_one("#queue", Select).value = self.filter.queue
                if self.filter.member:
                    self.query_one("#member", Select).value = self.filter.member
        table = self.query_one("#calls", DataTable)
        cursor_key = None
        if table.row_count:
            cursor_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear()
        for call in message.calls:
            table.add_row(
                clock(call["entered_at"], tz),
                call["queue"],
                call["caller_number"] or "",
                duration(call["wait_s"]),
                clock(call["answered_at"], tz),
                call["member"] or "",
                duration(call["talk_s"]),
                outcome_label(call["outcome"], call["answered_at"] is not None),
                "●" * min(call["recordings"], 3),
                call["callid"],
                key=str(call["id"]),
            )
        if cursor_key is not None and cursor_key in table.rows:
            table.move_cursor(row=table.get_row_index(cursor_key))
        self._latest = message.latest
        shown = len(message.calls)
        more = f" (newest {shown:,} shown; m shows more)" if message.total > shown else ""
        self.query_one("#status", Static).update(f"{message.total:,} calls{more}")

    def data_changed(self) -> None:
        """The store grew (a followed log): read again, at most once a second."""
        if not self._reload_pending:
            self._reload_pending = True
            self.set_timer(1.0, self._reload_now)

    def _reload_now(self) -> None:
        self._reload_pending = False
        self._limit = PAGE
        self.load()

    def _set_filter(self, **changes) -> None:
        self.filter = replace(self.filter, **changes)
        self._limit = PAGE
        self.load()

    def action_more(self) -> None:
        """Show the next page of older calls below these."""
        self._limit += PAGE
        self.load()

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
            value = parse_time_of_day(text, self.config.day.tz, self._latest) if text else None
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
        self.query_one("#calls", DataTable).focus()

    @on(DataTable.RowSelected, "#calls")
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(CallDetailScreen(self.db, self.config, int(event.row_key.value)))

    def action_open_call(self) -> None:
        table = self.query_one("#calls", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self.app.push_screen(CallDetailScreen(self.db, self.config, int(key)))

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_refresh(self) -> None:
        self.load()

    def action_clear_filters(self) -> None:
        with self.prevent(Select.Changed, Input.Changed):
            for select in self.query(Select):
                select.clear()
            for field in self.query(Input):
                field.value = ""
                field.remove_class("-invalid")
        self.filter = CallFilter()
        self.query_one("#calls", DataTable).focus()
        self.load()
