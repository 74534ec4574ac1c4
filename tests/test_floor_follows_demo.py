"""Done-when of issue 8: the floor left untouched for ten minutes of the demo is still live.

The demo day is replayed into a followed copy of its queue_log by the demo's own
Replay, on an injected clock the test moves 30 s at a time. At each step the seat
grid must show every member as the store itself says they stood at that moment
(`floor_at`, what `report floor --at` prints), their time in state counted from
it, and the queue panel the day's offered calls as stored; the header clock
shows the replay's time. No key is pressed.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from floortui.domain.seat_rows import clock
from floortui.queries.floor_view import floor_at
from floortui.screens.floor import FloorScreen
from floortui.store.db import open_database
from floortui.widgets.header import FloorHeader
from floortui.widgets.queue_panel import QueuePanel
from tests.demo_follow import followed_demo
from tests.screen_helpers import wait_for

STEP_S, MINUTES = 30, 10


def _states(members) -> dict[str, tuple]:
    return {name: (m.state, m.pause_reason) for name, m in members.items()}


def _diff(shown: dict, stood: dict) -> dict:
    return {n: (shown.get(n), stood.get(n)) for n in shown.keys() | stood.keys()
            if shown.get(n) != stood.get(n)}  # fmt: skip


async def test_the_floor_follows_the_demo_for_ten_minutes_without_a_key(tmp_path) -> None:
    demo = followed_demo(tmp_path)
    config, lines = demo.config, demo.lines
    app = demo.app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, FloorScreen)
        grid = screen.grid
        changes = 0
        for step in range(MINUTES * 60 // STEP_S):
            now = demo.advance(STEP_S)
            last = max(line.at for line in lines if line.at <= now)

            def stored(n: int = now) -> dict[str, tuple]:
                """The floor at `n` as the store says (`report floor --at` opens it so)."""
                return _states(floor_at(open_database(config.store.path), config, n).members)

            def caught_up(last: int = last, stored=stored) -> bool:
                """The store has the log up to now, and the grid shows the floor it says."""
                store = sqlite3.connect(config.store.path)
                newest = store.execute("SELECT max(time) FROM queue_log_events").fetchone()[0]
                store.close()
                return newest == last and _states(grid.members) == stored()

            before = _states(grid.members)
            assert await wait_for(caught_up, timeout=15), (
                f"after {(step + 1) * STEP_S} s the grid is not the floor as stored: "
                f"{_diff(_states(grid.members), stored())}"
            )
            stood = _states(grid.members)
            changes += sum(1 for name, state in stood.items() if before.get(name) != state)
            await wait_for(lambda n=now: grid.now >= n)
            snapshot = floor_at(open_database(config.store.path), config, now)
            for name in grid.rows[:10]:  # the seats on screen count their time from the store
                member = snapshot.members[name]
                if member.state != "logged_off" and member.since is not None:
                    assert grid._cells_of(name).time == clock(grid.now - member.since), name
        assert changes >= 20, "members kept changing state for the ten minutes"
        await pilot.pause(1.1)  # the header clock redraws each second
        shown = screen.query_one(FloorHeader).clock_text()
        assert shown in screen._compositor.render_strips()[0].text, "drawn in the header"
        assert shown == dt.datetime.fromtimestamp(demo.replay.now(), config.day.tz).strftime(
            "%a %d %b %H:%M:%S"
        )
        assert shown.endswith("10:10:00")
        offered = sqlite3.connect(config.store.path).execute(
            "SELECT count(*) FROM calls WHERE queue = 'sales'").fetchone()[0]  # fmt: skip
        panel = screen.query_one(QueuePanel)

        def sales_offered() -> int | None:
            today = panel.today
            return next((q.offered for q in today.queues if q.queue == "sales"), None) if (
                today is not None) else None  # fmt: skip

        assert await wait_for(lambda: sales_offered() == offered, timeout=15), sales_offered()
