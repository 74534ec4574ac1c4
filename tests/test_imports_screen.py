"""The import panel as a supervisor uses it: sources, their progress, their set-aside lines."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from floortui.adapters.importer import Importer
from floortui.app import make_app
from floortui.config import load_config
from floortui.screens.imports import ImportsScreen, SetAsideScreen, line_accounting, short_path
from floortui.store.db import open_database
from tests.conftest import settle

DATA = Path(__file__).parent / "data" / "handworked"


def _app(tmp_path: Path):
    log = tmp_path / "queue_log"
    log.write_text((DATA / "queue_log").read_text() + "garbage line here\n1794999999|only two\n")
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(log)
    return make_app(config, db), log


async def _settle(app, pilot) -> None:
    await settle(app, pilot)


async def test_i_opens_the_import_panel_with_each_source(tmp_path):
    app, log = _app(tmp_path)
    async with app.run_test(size=(150, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, ImportsScreen)
        table = app.screen.query_one("#sources", DataTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[0] == short_path(str(log)) and row[0].endswith("/queue_log")
        assert (row[1], row[2]) == ("2 (Enter)", "74")
        assert row[3] == "100%"
        assert row[5] == "2026-11-13 09:40:00"  # the last line's time, in the config's zone
        assert row[6] == "queue_log (flat file)"


async def test_enter_shows_the_set_aside_lines_with_their_numbers(tmp_path):
    app, _ = _app(tmp_path)
    async with app.run_test(size=(150, 30)) as pilot:
        await pilot.press("i")
        await settle(app, pilot)
        app.screen.query_one("#sources", DataTable).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SetAsideScreen)
        lines = app.screen.query_one("#lines", DataTable)
        assert [str(lines.get_row_at(i)[0]) for i in range(lines.row_count)] == ["75", "76"]
        assert "too few fields" in str(lines.get_row_at(0)[1])
        assert str(lines.get_row_at(0)[2]) == "garbage line here"
        count = str(app.screen.query_one("#count", Static).render())
        assert f"2 lines set aside from {tmp_path / 'queue_log'}" in count, (
            "the view names its file"
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ImportsScreen)
        await pilot.press("c")
        await settle(app, pilot)
        assert app.screen.query_one("#calls", DataTable).row_count == 17


async def test_the_panel_accounts_for_every_line_and_says_how_to_open_the_set_aside_ones(tmp_path):
    app, log = _app(tmp_path)
    async with app.run_test(size=(150, 30)) as pilot:
        await pilot.press("i")
        await settle(app, pilot)
        accounting = str(app.screen.query_one("#accounting", Static).render())
        assert accounting.splitlines()[0] == str(log)
        assert "76 lines: 74 imported, 2 set aside" in accounting
        assert "Enter lists the lines set aside" in accounting
        assert "Enter on one lists its set-aside lines" in str(
            app.screen.query_one("#hint", Static).render()
        )


def test_line_accounting_names_blank_and_already_imported_lines():
    source = {
        "lines_read": 12_000, "lines_imported": 11_990, "lines_set_aside": 5,
        "lines_blank": 3, "lines_already_imported": 2,
    }  # fmt: skip
    assert line_accounting(source) == (
        "12,000 lines: 11,990 imported, 5 set aside, 3 blank, 2 already imported"
    )
    older = {"lines_read": 1, "lines_imported": 1, "lines_set_aside": 0}  # before the new counts
    assert line_accounting(older) == "1 line: 1 imported, 0 set aside"
