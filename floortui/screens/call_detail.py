"""One call: its figures and its timeline, line by line as the PBX logged it.

While the call goes on the screen reads it again whenever the store changes,
so a caller still waiting, or a talk still running, is seen as it ends.
"""

from __future__ import annotations

from rich.markup import escape
from sqlite_utils import Database
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
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
from floortui.queries.calls import CallDetail, call_detail
from floortui.screens._loading import StoreReader


class CallDetailScreen(StoreReader, ModalScreen):
    """Opened from the Calls screen with Enter; Escape goes back."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Back", tooltip="Back to the list of calls"),
        # Enter on the list opened this timeline; Enter again listens (a spot-check).
        Binding("enter", "listen", "Listen", priority=True,
                tooltip="Listen to the call's recordings (a spot-check)"),
        Binding("c", "app.show_calls", "Calls", show=False,
                tooltip="Back to the list of calls, with the keyboard on it"),
    ]  # fmt: skip
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
        self._detail: CallDetail | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Loading…", id="summary")
            yield Static("Timeline (queue_log)", classes="section")
            table = DataTable(id="timeline", cursor_type="row")
            table.add_columns("time", "queue", "who", "event", "what happened")
            yield table
            yield Static("CDR legs", classes="section", id="legs-title")
            legs = DataTable(id="legs", cursor_type="row")
            legs.add_columns("leg", "start", "answer", "end", "channel", "to", "app",
                             "disposition", "billsec")  # fmt: skip
            yield legs
            yield Static("Recordings", classes="section")
            yield Static("", id="recordings")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.read(lambda: call_detail(self.db, self.call_id), "read one call")

    def read_failed(self, error: str) -> None:
        self.query_one("#summary", Static).update(f"[b]{escape(error)}[/b]")

    def loaded(self, detail: CallDetail | None) -> None:
        summary = self.query_one("#summary", Static)
        self._detail = detail
        if detail is None:
            summary.update("This call is no longer in the store.")
            return
        call = detail.call
        tz = self.config.day.tz
        answered = call["answered_at"] is not None
        if call["talk_s"] is not None:
            talk = f"talked {duration(call['talk_s'])}"
        else:
            talk = "still talking" if call["ended_at"] is None else "talk time not logged"
        answer = f", answered by {call['member']}, {talk}" if answered else ""
        transfer = f" → {call['transferred_to']}" if call["transferred_to"] else ""
        waited = (
            "still waiting" if call["wait_s"] is None and call["ended_at"] is None
            else f"waited {duration(call['wait_s'])}"
        )  # fmt: skip
        summary.update(
            f"[b]{escape(call['callid'])}[/b] in [b]{escape(call['queue'])}[/b] from "
            f"{escape(call['caller_number'] or 'an unknown number')}\n"
            f"entered {day_and_clock(call['entered_at'], tz)}, {waited}"
            f"{answer}\noutcome: {outcome_label(call['outcome'], answered)}{transfer}"
        )
        self._show_timeline(detail, tz)
        self.query_one("#recordings", Static).update(
            "\n".join(describe_recording(r) for r in detail.recordings) or "none found"
        )

    def _show_timeline(self, detail: CallDetail, tz) -> None:
        table = self.query_one("#timeline", DataTable)
        for event in detail.events:
            key = str(event["id"])
            if key in table.rows:
                continue  # a line as logged never changes: only new ones are added
            data = (event["data"] or "").split("|")
            who = "" if event["agent"] in (None, "NONE") else event["agent"]
            table.add_row(clock(event["time"], tz), event["queue"], who, event["event"],
                          describe_event(event["event"], data), key=key)  # fmt: skip
        legs = self.query_one("#legs", DataTable)
        legs.clear()
        for leg in detail.legs:
            legs.add_row(leg["role"], clock(leg["start_at"], tz), clock(leg["answer_at"], tz),
                         clock(leg["end_at"], tz), leg["channel"] or "", leg["dstchannel"] or "",
                         leg["lastapp"] or "", leg["disposition"] or "",
                         duration(leg["billsec_s"]), key=str(leg["id"]))  # fmt: skip
        legs.display = bool(detail.legs)
        self.query_one("#legs-title").display = bool(detail.legs)

    def action_listen(self) -> None:
        detail = self._detail
        if detail is None or not detail.recordings:
            self.notify("This call has no recording to listen to.", severity="warning")
            return
        from floortui.screens.listen import ListenScreen

        self.app.push_screen(ListenScreen(detail.call["callid"]))
