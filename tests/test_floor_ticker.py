"""The floor's 1 Hz tick against floors that come every second, then stop: each floor is
drawn as it comes, once, and the tick starts again a second after the last one, so a
floor gone quiet keeps its clocks moving (screens/floor.py: FloorScreen._rearm)."""

from __future__ import annotations

import asyncio
import time

from floortui.app import FloorChanged
from tests.floor_helpers import floor_app
from tests.test_floor_panels import _drawn


async def test_floors_each_second_are_drawn_once_and_a_quiet_floor_still_ticks(tmp_path):
    app, clock = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        screen = app.screen
        drawn: list[float] = []
        tick = screen.grid.tick

        def counted(now: int) -> None:
            drawn.append(time.monotonic())
            tick(now)

        screen.grid.tick = counted  # each draw of the floor moves the seats' clocks on
        start = time.monotonic()
        for _ in range(4):
            clock.now += 1
            app.post_message(FloorChanged(app.floor))
            await asyncio.sleep(1.0)
        floors = [t for t in drawn if t - start < 4.0]
        assert 4 <= len(floors) <= 5, "a floor a second: drawn once a second, not twice"
        last_floor = time.monotonic() - 1.0
        clock.now += 1
        await asyncio.sleep(1.5)
        assert any(t > last_floor + 0.5 for t in drawn), "no floor for a second: still ticking"
        assert screen.grid.now == clock.now, "the seats' clocks show the data clock's time"
