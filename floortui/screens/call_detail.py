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
from floortui.domain.calls import (
    clock,
    day_and_clock,
    describe_event,
    describe_recording,
    duration,
    outcome_label,
)
from floortui.store import calls as call_queries
from floortui.store.cdr import cdr_legs_for_call
from floortui.store.recordings import recordings_for_call


class CallLoaded(Message):
    """One call with its events, CDR legs and recordings, read in a worker."""

    def __init__(self, call: dict | None, events: list[dict], legs: list[dict],
                 recordings: list[dict]) -> None:  # fmt: skip
        super().__init__()
        self.call, self.events, self.legs, self.recordings = call, events, legs, recordings


class CallDetailScreen(ModalScreen):
    """Opened from the Calls screen with Enter; Escape goes back."""

    BINDINGS = [Binding("escape,q", "dismiss", "Back")]
    DEFAULT_CSS = """
    CallDetailScreen { align: center middle; }
    CallDetailScreen > Vertical {
        width: 90%; height: 80%; border: thick $accent; background: $surface; padding: 0 1;
    }
    CallDetailScreen #summary { height: auto; margin-bottom: 1; }
    CallDetailScreen .section { height: 1; color: $text-muted; margin-top: 1; }
    CallDetailScreen #timeline { height: 2fr; }
    CallDetailScreen #legs { height: 1fr; }
    CallDetailScreen #recordings { height: auto; max-height: 6; }
    """

    def __init__(self, db: Database, config: Config, call_id: int) -> None:
        super().__init__()
        self.db, self.config, self.call_id = db, config, call_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Loading…", id="summary")
            yield Static("Timeline (queue_log)", classes="section")
            table = DataTable(id="timeline", cursor_type="row")
            table.add_columns("time", "queue", "who", "event", "what happened")
            yield table
            yield Static("CDR legs", classes="section")
            legs = DataTable(id="legs", cursor_type="row")
            legs.add_columns("leg", "start", "answer", "end", "channel", "to", "app",
                             "disposition", "billsec")  # fmt: skip
            yield legs
            yield Static("Recordings", classes="section")
            yield Static("", id="recordings")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="call")
    def load(self) -> None:
        call = call_queries.call(self.db, self.call_id)
        if call is None:
            self.post_message(CallLoaded(None, [], [], []))
            return
        self.post_message(
            CallLoaded(
                call,
                call_queries.call_events(self.db, self.call_id),
                cdr_legs_for_call(self.db, call["callid"], call["member_uniqueid"]),
                recordings_for_call(self.db, call["callid"]),
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
        if call["talk_s"] is not None:
            talk = f"talked {duration(call['talk_s'])}"
        else:
            talk = "still talking" if call["ended_at"] is None else "talk time not logged"
        answer = f", answered by {call['member']}, {talk}" if answered else ""
        transfer = f" → {call['transferred_to']}" if call["transferred_to"] else ""
        summary.update(
            f"[b]{call['callid']}[/b] in [b]{call['queue']}[/b] from "
            f"{call['caller_number'] or 'an unknown number'}\n"
            f"entered {day_and_clock(call['entered_at'], tz)}, waited {duration(call['wait_s'])}"
            f"{answer}\noutcome: {outcome_label(call['outcome'], answered)}{transfer}"
        )
        table = self.query_one("#timeline", DataTable)
        table.clear()
        for event in message.events:
            data = (event["data"] or "").split("|")
            who = "" if event["agent"] in (None, "NONE") else event["agent"]
            table.add_row(clock(event["time"], tz), event["queue"], who, event["event"],
                          describe_event(event["event"], data), key=str(event["id"]))  # fmt: skip
        legs = self.query_one("#legs", DataTable)
        legs.clear()
        for leg in message.legs:
            legs.add_row(leg["role"], clock(leg["start_at"], tz), clock(leg["answer_at"], tz),
                         clock(leg["end_at"], tz), leg["channel"] or "", leg["dstchannel"] or "",
                         leg["lastapp"] or "", leg["disposition"] or "",
                         duration(leg["billsec_s"]), key=str(leg["id"]))  # fmt: skip
        if not message.legs:
            legs.display = False
        self.query_one("#recordings", Static).update(
            "\n".join(describe_recording(r) for r in message.recordings) or "none found"
        )
