"""The app follows a live log: calls appended by the PBX appear on screen by themselves."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable

from floortui.app import make_app
from floortui.config import parse_config
from floortui.screens.imports import short_path
from floortui.store.db import open_database

CALL = (
    "{t}|{t}.{n}|sales|NONE|ENTERQUEUE||31255{n:05d}|1\n"
    "{t2}|{t}.{n}|sales|Alice Archer|CONNECT|2|{t}.9{n}|1\n"
)


async def _wait_for(predicate, timeout: float = 5.0) -> bool:
    for _ in range(int(timeout / 0.1)):
        if predicate():
            return True
        await asyncio.sleep(0.1)
    return predicate()


async def test_appended_calls_show_up_without_a_keypress(tmp_path):
    log = tmp_path / "queue_log"
    log.write_text("1794560400|NONE|NONE|NONE|QUEUESTART|\n")
    config = parse_config(
        {"store": {"path": "store.db"}, "sources": [{"path": "queue_log", "follow": True}]},
        base=tmp_path,
    )
    app = make_app(config, open_database(config.store.path))
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        await pilot.pause()
        table = app.screen.query_one("#calls", DataTable)
        assert table.row_count == 0
        with log.open("a") as handle:
            for n in range(3):
                handle.write(CALL.format(t=1794560500 + n * 10, t2=1794560502 + n * 10, n=n))
        assert await _wait_for(lambda: table.row_count == 3)
        assert str(table.get_cell_at((0, 7))) == "talking"
        await pilot.press("i")
        await pilot.pause()
        await _wait_for(lambda: app.follow_status.get(str(log)) == "following")
        assert app.follow_status[str(log)] == "following"


async def test_run_imports_the_configured_sources_and_shows_those_it_cannot_read(tmp_path):
    log = tmp_path / "queue_log"
    log.write_text(
        "1794560400|NONE|NONE|NONE|QUEUESTART|\n" + CALL.format(t=1794560500, t2=1794560502, n=1)
    )
    config = parse_config(
        {
            "store": {"path": "store.db"},
            "sources": [{"path": "queue_log"}, {"path": "later.log", "follow": True}],
        },
        base=tmp_path,
    )
    app = make_app(config, open_database(config.store.path))
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        table = app.screen.query_one("#calls", DataTable)
        assert await _wait_for(lambda: table.row_count == 1)
        await pilot.press("i")
        sources = app.screen.query_one("#sources", DataTable)
        assert await _wait_for(lambda: sources.row_count == 2)
        rows = {str(sources.get_row_at(i)[0]): str(sources.get_row_at(i)[4]) for i in range(2)}
        assert rows == {
            short_path(str(log)): "imported",
            short_path(str(tmp_path / "later.log")): "waiting for the file",
        }
