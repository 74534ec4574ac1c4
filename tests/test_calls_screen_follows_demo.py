"""Done-when of issue 7: the Calls screen follows new calls in the demo for ten minutes
without a key pressed. The demo day is replayed into a followed copy of its queue_log by
the demo's own Replay, on an injected clock the test advances 15 s at a time."""

from __future__ import annotations

import datetime as dt
import sqlite3

from textual.widgets import DataTable

from floortui.screens._loading import StoreReader
from floortui.widgets.header import DataClockDisplay
from tests.demo_follow import followed_demo
from tests.screen_helpers import column, wait_for

STEP_S, MINUTES = 15, 10


def _newest_callid(lines, now: int) -> str | None:
    """The callid of the last caller to enter a queue by `now`, from the lines as written."""
    newest = None
    for line in lines:
        if line.at > now:
            break
        fields = line.text.split("|")
        if len(fields) > 4 and fields[4] == "ENTERQUEUE":
            newest = fields[1]
    return newest


async def test_the_calls_screen_follows_the_demo_for_ten_minutes_without_a_key(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(StoreReader, "RELOAD_S", 0.1)
    demo = followed_demo(tmp_path)
    config, lines, replay, wall = demo.config, demo.lines, demo.replay, demo.wall
    app = demo.app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("c")  # the app opens on the floor
        table = app.screen.query_one("#calls", DataTable)
        assert await wait_for(lambda: table.row_count > 300, timeout=20)
        tops = []
        for step in range(MINUTES * 60 // STEP_S):
            wall[0] += STEP_S
            replay.step()
            expected = _newest_callid(lines, replay.now())
            assert await wait_for(lambda e=expected: column(table, "callid")[:1] == [e]), (
                f"after {(step + 1) * STEP_S} s the newest call {expected} is not at the top"
            )
            assert table.cursor_row == 0 and table.scroll_y == 0, f"left behind at step {step}"
            tops.append(expected)
        await pilot.pause(1.1)  # the header clock redraws each second
        clock = str(app.screen.query_one(DataClockDisplay).render())
        assert clock == dt.datetime.fromtimestamp(replay.now(), config.day.tz).strftime(
            "%a %d %b %H:%M:%S"
        )
        assert clock.endswith("10:10:00")
        assert len(set(tops)) >= 20, "calls kept arriving for the ten minutes"
        store = sqlite3.connect(config.store.path)
        count = store.execute("SELECT count(*) FROM calls").fetchone()[0]
        assert f"{count:,} calls" in str(app.screen.query_one("#status").render())
