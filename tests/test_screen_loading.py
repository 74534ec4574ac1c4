"""One worker convention for every screen: a failed read is a line on the screen, never a
closed app, and a read that a newer one superseded never overwrites it."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import DataTable, Select, Static

from floortui.adapters.importer import Importer
from floortui.app import make_app
from floortui.config import load_config
from floortui.screens.calls import CallsScreen
from floortui.screens.imports import ImportsScreen
from floortui.store import calls as call_store
from floortui.store.db import open_database
from tests.conftest import settle
from tests.screen_helpers import column

DATA = Path(__file__).parent / "data" / "handworked"


def _app(tmp_path: Path):
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    return make_app(config, db)


async def test_a_store_without_its_calls_table_is_a_message_not_a_closed_app(tmp_path):
    app = _app(tmp_path)
    app.db.execute("DROP TABLE calls")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert app.is_running
        assert isinstance(app.screen, CallsScreen)
        status = str(app.screen.query_one("#status", Static).render())
        assert status == "cannot read the store: no such table: calls — r tries again"
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, ImportsScreen)
        assert app.screen.query_one("#sources", DataTable).row_count == 1


async def test_a_table_dropped_while_the_app_runs_is_shown_on_each_screen(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        app.db.execute("DROP TABLE import_sources")
        await pilot.pause(2.5)  # the panel reads again every two seconds
        await settle(app, pilot)
        assert app.is_running
        accounting = str(app.screen.query_one("#accounting", Static).render())
        assert "cannot read the store: no such table: import_sources" in accounting
        await pilot.press("c", "r")
        await settle(app, pilot)
        status = str(app.screen.query_one("#status", Static).render())
        assert "no such table: import_sources" in status


async def test_a_slow_superseded_read_never_overwrites_the_newer_one(tmp_path, monkeypatch):
    app = _app(tmp_path)
    slow = {"on": False}
    list_calls = call_store.list_calls

    def slow_when_unfiltered(db, flt, *args, **kwargs):
        rows = list_calls(db, flt, *args, **kwargs)
        if slow["on"] and flt.queue is None:
            time.sleep(0.8)  # the read of every call finishes after the narrower one began
        return rows

    monkeypatch.setattr(call_store, "list_calls", slow_when_unfiltered)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        table = app.screen.query_one("#calls", DataTable)
        assert table.row_count == 17
        slow["on"] = True
        await pilot.press("r")
        await pilot.pause(0.1)
        app.screen.query_one("#queue", Select).value = "support"
        await pilot.pause(1.5)
        await settle(app, pilot)
        assert set(column(table, "queue")) == {"support"}
        assert table.row_count == 8
        assert "8 calls" in str(app.screen.query_one("#status", Static).render())
