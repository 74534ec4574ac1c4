"""The Calls screen stays live: it follows new calls like `tail -f`, holds still when asked,
ticks open calls from the data's clock, and every screen hears that the store changed."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Static

from floortui.screens._loading import StoreReader
from floortui.screens.call_detail import CallDetailScreen
from floortui.screens.calls import CallsScreen
from floortui.widgets.header import DataClockDisplay
from tests.screen_helpers import T0, append, call_lines, column, followed_app, wait_for


@pytest.fixture(autouse=True)
def quick_reloads(monkeypatch):
    """Read again 0.1 s after the store changed, not 1 s, so the tests run quickly."""
    monkeypatch.setattr(StoreReader, "RELOAD_S", 0.1)


def _status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_on_the_newest_row_the_list_follows_new_calls(tmp_path):
    app, log = followed_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        table = app.screen.query_one("#calls", DataTable)
        n = 0
        for burst in range(6):
            for _ in range(5):
                append(log, call_lines(n, T0 + 60 + n * 40))
                n += 1
            newest = f"{T0 + 60 + (n - 1) * 40}.{n - 1}"
            assert await wait_for(lambda count=n: table.row_count == count), burst
            assert column(table, "callid")[0] == newest
            assert table.cursor_row == 0, f"the cursor stayed behind after burst {burst}"
            assert table.scroll_y == 0
        assert _status(app) == "30 calls"


async def test_away_from_the_top_the_view_holds_and_says_how_many_are_newer(tmp_path):
    first = "".join(call_lines(n, T0 + 60 + n * 40) for n in range(10))
    app, log = followed_app(tmp_path, first=first)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        table = app.screen.query_one("#calls", DataTable)
        assert await wait_for(lambda: table.row_count == 10)
        await pilot.press("down", "down")
        held = column(table, "callid")
        on_cursor = held[2]
        append(log, "".join(call_lines(n, T0 + 60 + n * 40) for n in range(10, 22)))
        assert await wait_for(lambda: "12 newer calls — Home to jump" in _status(app))
        assert column(table, "callid") == held, "the rows the reader looks at stay put"
        assert table.cursor_row == 2 and column(table, "callid")[2] == on_cursor
        assert "22 calls" in _status(app)

        append(log, call_lines(22, T0 + 60 + 22 * 40))
        assert await wait_for(lambda: "13 newer calls" in _status(app))
        await pilot.press("home")
        assert await wait_for(lambda: table.row_count == 23)
        assert column(table, "callid")[0] == f"{T0 + 60 + 22 * 40}.22"
        assert table.cursor_row == 0
        assert "newer" not in _status(app)
        append(log, call_lines(23, T0 + 60 + 23 * 40))
        assert await wait_for(lambda: column(table, "callid")[0] == f"{T0 + 60 + 23 * 40}.23")


async def test_a_waiting_caller_shows_the_wait_running_on_the_data_clock(tmp_path):
    now = [T0 + 130]
    waiting = call_lines(1, T0 + 100, answered=False, ended=False)
    app, _ = followed_app(tmp_path, now=lambda: now[0], first=waiting)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        table = app.screen.query_one("#calls", DataTable)
        assert await wait_for(lambda: table.row_count == 1)
        assert column(table, "outcome") == ["waiting"]
        assert await wait_for(lambda: column(table, "wait") == ["0:30"])
        now[0] += 45
        assert await wait_for(lambda: column(table, "wait") == ["1:15"], timeout=3)
        await pilot.pause()
        clock = str(app.screen.query_one(DataClockDisplay).render())
        expected = dt.datetime.fromtimestamp(now[0], app.config.day.tz)
        assert clock == expected.strftime("%a %d %b %H:%M:%S")


async def test_the_open_timeline_and_the_list_under_it_update_while_the_call_goes_on(tmp_path):
    app, log = followed_app(tmp_path, first=call_lines(1, T0 + 100, ended=False))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        calls = app.screen
        assert isinstance(calls, CallsScreen)
        table = calls.query_one("#calls", DataTable)
        assert await wait_for(lambda: table.row_count == 1)
        await pilot.press("enter")
        assert await wait_for(lambda: isinstance(app.screen, CallDetailScreen))
        detail = app.screen
        timeline = detail.query_one("#timeline", DataTable)
        assert await wait_for(lambda: timeline.row_count == 2)
        assert "still talking" in str(detail.query_one("#summary", Static).render())

        append(log, f"{T0 + 160}|{T0 + 100}.1|sales|Alice Archer|COMPLETECALLER|2|58|1\n")
        append(log, call_lines(2, T0 + 200))
        assert await wait_for(lambda: timeline.row_count == 3)
        assert str(timeline.get_row_at(2)[3]) == "COMPLETECALLER"
        assert "talked 0:58" in str(detail.query_one("#summary", Static).render())
        # The list under the timeline heard it too, though it was not on top.
        assert await wait_for(lambda: table.row_count == 2)
        assert column(table, "outcome")[1] == "answered, caller hung up"
        await pilot.press("escape")
        assert app.screen is calls
