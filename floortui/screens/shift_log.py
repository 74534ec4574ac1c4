"""The shift log: the supervisor's notes and floortui's automatic entries, for the hand-over.

A list of the working day's entries (time, category, text, who, automatic or
not), read in a worker through floortui.queries.shift_log (StoreReader), and
`n` for a new note: a category (system problem, dropped calls, call peak,
staffing, other) and free text, stored in a worker with `app.people` and
`app.user` at the floor's time (`app.data_clock.now()`). In view-only mode
(`app.people` is None) nothing can be written and `n` says so.
`floortui report shift --date D` prints the same list.
"""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, Select, Static

from floortui.config import Config
from floortui.domain.workday import working_day_of
from floortui.queries.shift_log import CATEGORIES, ShiftLogEntry
from floortui.screens._loading import StoreReader


class NoteDialog(ModalScreen[tuple[str, str] | None]):
    """A new note: its category and text; Enter saves, Escape leaves without saving."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    NoteDialog { align: center middle; }
    NoteDialog > Vertical { width: 72; height: auto; border: thick $accent;
                            background: $surface; padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("New note for the shift log")
            yield Select([(c, c) for c in CATEGORIES], value="other", allow_blank=False,
                         id="category")  # fmt: skip
            yield Input(placeholder="what happened (Enter saves)", id="text")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.dismiss((str(self.query_one("#category", Select).value), text))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ShiftLogScreen(StoreReader, Screen):
    """The day's shift log; `n` adds a note."""

    SCREEN_NAME = "Shift log"
    BINDINGS = [
        Binding("n", "new_note", "New note", tooltip="Write a note in the shift log"),
        Binding("r", "reload", "Refresh", tooltip="Read the shift log again"),
    ]
    #: (heading, width): fixed, so the list never shifts sideways as entries come in.
    COLUMNS = (("Time", 5), ("Category", 14), ("Note", 40), ("By", 16), ("", 4))

    def __init__(self, db: Database, config: Config, day: dt.date | None = None) -> None:
        super().__init__()
        self.db, self.config, self.day = db, config, day

    def compose(self) -> ComposeResult:
        yield Static(id="shift-day")
        table: DataTable = DataTable(id="shift-log", cursor_type="row", zebra_stripes=True)
        for heading, width in self.COLUMNS:
            table.add_column(heading, width=width)
        yield table
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()

    def the_day(self) -> dt.date:
        """The day shown: given, or the working day of the floor's now."""
        if self.day is not None:
            return self.day
        now = self.app.data_clock.now()
        return working_day_of(now, self.config.day.tz, self.config.day.day_start_hour)

    def reload(self) -> None:
        from floortui.queries.shift_log import entries

        day = self.the_day()
        self.read(lambda: (day, entries(self.db, self.config, day)), "read the shift log")

    def action_reload(self) -> None:
        self.reload()

    def loaded(self, result: tuple[dt.date, list[ShiftLogEntry]]) -> None:
        day, found = result
        self.query_one("#shift-day", Static).update(
            f"Shift log of {day.isoformat()} · {len(found)} entries"
        )
        table = self.query_one("#shift-log", DataTable)
        table.clear()
        tz = self.config.day.tz
        for entry in found:
            table.add_row(
                dt.datetime.fromtimestamp(entry.at, tz).strftime("%H:%M"), entry.category,
                entry.text, entry.by, "auto" if entry.automatic else "",
            )  # fmt: skip

    def action_new_note(self) -> None:
        if getattr(self.app, "people", None) is None:
            self.notify("view only: notes cannot be saved here", severity="warning")
            return
        if getattr(self.app, "user", None) is None:
            self.notify("nobody to save it as: start floortui with --user NAME", severity="error")
            return

        def save(note: tuple[str, str] | None) -> None:
            if note is not None:
                self._save_note(*note)

        self.app.push_screen(NoteDialog(), save)

    @work(thread=True, exit_on_error=False, group="shift-note", description="save a note")
    def _save_note(self, category: str, text: str) -> None:
        from floortui.queries.shift_log import add_note

        app = self.app
        try:
            add_note(app.people, app.user.name, int(app.data_clock.now()), category, text)
        except Exception as exc:  # nothing was saved: say why, keep the screen up
            app.call_from_thread(self.notify, str(exc), severity="error", timeout=8)
            return
        app.call_from_thread(self.reload)
