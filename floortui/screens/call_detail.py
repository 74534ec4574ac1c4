"""One call: its figures and its timeline, line by line as the PBX logged it."""

from __future__ import annotations

from sqlite_utils import Database
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from floortui.config import Config
from floortui.domain.calls import clock, day_and_clock, describe_event, duration, outcome_label
from floortui.store import calls as call_queries


class CallLoaded(Message):
    def __init__(self, call: dict | None, events: list[dict]) -> None:
        super().__init__()
        self.call, self.events = call, events


class CallDetailScreen(ModalScreen):
    """Opened from the Calls screen with Enter; Escape goes back."""

    BINDINGS = [Binding("escape,q", "dismiss", "Back")]
    DEFAULT_CSS = """
    CallDetailScreen { align: center middle; }
    CallDetailScreen > Vertical {
        width: 90%; height: 80%; border: thick $accent; background: $surface; padding: 0 1;
    }
    CallDetailScreen #summary { height: auto; margin-bottom: 1; }
    CallDetailScreen DataTable { height: 1fr; }
    """

    def __init__(self, db: Database, config: Config, call_id: int) -> None:
        super().__init__()
        self.db, self.config, self.call_id = db, config, call_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Loading…", id="summary")
            table = DataTable(id="timeline", cursor_type="row")
            table.add_columns("time", "queue", "who", "event", "what happened")
            yield table

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="call")
    def load(self) -> None:
        self.post_message(
            CallLoaded(
                call_queries.call(self.db, self.call_id),
                call_queries.call_events(self.db, self.call_id),
            )
        )

    @on(CallLoaded)
    def show(self, message: CallLoaded) -> None:
        summary = self.query_one("#summary", Static)
        call = message.call
        if call is None:
            summary.update("This call is no longer in the store.")
            return
        tz = self.config.day.tz
        answered = call["answered_at"] is not None
        summary.update(
            f"[b]{call['callid']}[/b] in [b]{call['queue']}[/b] from "
            f"{call['caller_number'] or 'an unknown number'}\n"
            f"entered {day_and_clock(call['entered_at'], tz)}, waited {duration(call['wait_s'])}"
            + (
                f", answered by {call['member']}, talked {duration(call['talk_s'])}"
                if answered
                else ""
            )
            + f"\noutcome: {outcome_label(call['outcome'], answered)}"
            + (f" → {call['transferred_to']}" if call["transferred_to"] else "")
        )
        table = self.query_one("#timeline", DataTable)
        table.clear()
        for event in message.events:
            data = (event["data"] or "").split("|")
            who = "" if event["agent"] in (None, "NONE") else event["agent"]
            table.add_row(clock(event["time"], tz), event["queue"], who, event["event"],
                          describe_event(event["event"], data), key=str(event["id"]))  # fmt: skip
