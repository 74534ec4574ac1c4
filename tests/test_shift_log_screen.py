"""The shift-log screen in a minimal app: the day's entries, and `n` for a new note."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import DataTable, Input, Select

from floortui.config import parse_config
from floortui.config.users import UserSettings
from floortui.domain.dataclock import DataClock
from floortui.queries.shift_log import add_note
from floortui.screens.shift_log import NoteDialog, ShiftLogScreen
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter
from tests.conftest import rows, settle

NOW = 1794567600  # 11:00 UTC, Fri 13 Nov 2026


class LogApp(App):
    def __init__(self, tmp_path: Path, view_only: bool = False) -> None:
        super().__init__()
        self.config = parse_config({"day": {"timezone": "UTC", "day_start_hour": 6}},
                                   base=tmp_path)  # fmt: skip
        self.db = open_database(tmp_path / "floortui.db")
        self.writer = PeopleWriter.for_store(self.db)
        self.people = None if view_only else self.writer
        self.user = UserSettings(name="Hana Sato", role="supervisor")
        self.data_clock = DataClock(lambda: NOW)
        self.read_only = view_only

    def on_mount(self) -> None:
        self.push_screen(ShiftLogScreen(self.db, self.config))


def table_rows(app: App) -> list[list[str]]:
    table = app.screen.query_one("#shift-log", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_days_entries_are_listed_and_n_adds_a_note(tmp_path):
    app = LogApp(tmp_path)
    add_note(app.writer, "Tom Reyes", NOW - 7200, "staffing", "two sick calls in Red")
    add_note(app.writer, "Tom Reyes", NOW - 86400, "other", "yesterday's, not shown")
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        assert table_rows(app) == [["09:00", "staffing", "two sick calls in Red", "Tom Reyes", ""]]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        app.screen.query_one(Select).value = "dropped calls"
        app.screen.query_one(Input).value = "trunk 2 dropped 6 calls"
        await pilot.press("enter")
        await settle(app, pilot)
        await settle(app, pilot)
        assert table_rows(app)[-1] == [
            "11:00", "dropped calls", "trunk 2 dropped 6 calls", "Hana Sato", ""]  # fmt: skip
    [write] = [w for w in app.writer.history("shift.note") if w.written_by == "Hana Sato"]
    assert write.payload == {"at": NOW, "category": "dropped calls",
                             "text": "trunk 2 dropped 6 calls"}  # fmt: skip


async def test_view_only_says_so_and_writes_nothing(tmp_path):
    app = LogApp(tmp_path, view_only=True)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, NoteDialog)
        assert "view only: notes cannot be saved here" in [n.message for n in app._notifications]
    assert rows(app.db, "SELECT * FROM shift_log") == []


def test_the_shift_log_look(snap_compare, tmp_path):
    app = LogApp(tmp_path)
    add_note(app.writer, "Tom Reyes", NOW - 7200, "staffing", "two sick calls in Red")
    add_note(app.writer, "Hana Sato", NOW - 600, "call peak", "sales peak after the TV advert")

    async def loaded(pilot) -> None:
        await settle(app, pilot)
        await pilot.pause()  # the table's header takes its columns' widths on the next refresh
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 12), run_before=loaded)
