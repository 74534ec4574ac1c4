"""One member's day, from Enter on the floor: queue sessions, calls, missed rings, pauses.

Read in a worker (screens/_loading.py) from the derived tables of that day
only; the totals say how long they talked, how long they were paused for each
reason (a pause across every queue counted once) and how many calls they took.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from sqlite_utils import Database
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from floortui.config import Config
from floortui.domain.seat_rows import clock
from floortui.queries.member_day import MemberDay, member_day
from floortui.screens._loading import StoreReader
from floortui.widgets.header import DataHeader

KIND_WORDS = {"session": "signed in", "call": "call", "missed": "missed ring", "pause": "pause"}


def totals_text(day: MemberDay) -> str:
    """The day's totals in one line: calls, talk, signed in, paused by reason."""
    parts = [
        f"{day.answered} calls answered",
        f"talk {clock(day.talk_s)}",
        f"{day.missed_rings} rings missed",
        f"signed in {clock(day.signed_in_s)}",
    ]
    parts += [f"paused {reason} {clock(seconds)}" for reason, seconds in day.paused_s.items()]
    return " · ".join(parts)


class MemberDayScreen(StoreReader, Screen):
    """A member's day so far; esc goes back to the floor."""

    SCREEN_NAME = "Member's day"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", show=True,
                tooltip="Back to the floor"),
        Binding("r", "refresh", "Refresh", show=False, tooltip="Read the day again now"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    MemberDayScreen #day-title { height: 1; padding: 0 1; text-style: bold; }
    MemberDayScreen #day-totals { height: auto; padding: 0 1; color: $text-primary; }
    MemberDayScreen DataTable { height: 1fr; }
    """

    def __init__(self, db: Database, config: Config, member: str, at: int) -> None:
        super().__init__()
        self.db = db
        self.config = config
        self.member = member
        self.at = at

    def compose(self) -> ComposeResult:
        yield DataHeader()
        yield Static(self.member, id="day-title")
        yield Static("Reading the day…", id="day-totals")
        table: DataTable = DataTable(id="day", cursor_type="row", zebra_stripes=True)
        table.add_columns("from", "to", "", "queue", "what")
        yield table
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(DataTable).focus()
        self.reload()

    def reload(self) -> None:
        db, config, member, at = self.db, self.config, self.member, self.at
        self.read(lambda: member_day(db, config, member, at), f"read {member}'s day")

    def action_refresh(self) -> None:
        self.reload()

    def _time(self, at: int | None) -> str:
        if at is None:
            return "…"
        return dt.datetime.fromtimestamp(at, self.config.day.tz).strftime("%H:%M:%S")

    def loaded(self, day: MemberDay) -> None:
        date = dt.datetime.fromtimestamp(day.day_start, self.config.day.tz).strftime("%a %d %b")
        self.query_one("#day-title", Static).update(
            Text(f"{day.member} — {date}, up to {self._time(day.until - 1)}")
        )
        self.query_one("#day-totals", Static).update(Text(totals_text(day)))
        table = self.query_one(DataTable)
        table.clear()
        for entry in day.entries:
            end = self._time(entry.end) if entry.end is not None or entry.kind != "missed" else ""
            table.add_row(
                self._time(entry.start),
                end,
                KIND_WORDS[entry.kind],
                entry.queue or "",
                entry.text,
            )
        if not day.entries:
            self.query_one("#day-totals", Static).update(
                Text(f"nothing logged for {day.member} this day")
            )
