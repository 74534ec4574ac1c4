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


async def test_the_panels_are_read_every_fifth_tick_even_a_little_early(tmp_path, monkeypatch):
    """`floor.summary_every_s` is 5 here: the read comes from the tick, on every fifth one,
    also when the ticks come a few milliseconds under a second apart."""
    import floortui.screens.floor as floor_screen

    app, clock = floor_app(tmp_path)
    assert app.config.floor.summary_every_s == 5
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        screen = app.screen
        screen._ticker.stop()  # the test ticks by hand
        at = [1000.0]
        monkeypatch.setattr(floor_screen.time, "monotonic", lambda: at[0])
        screen._read_started = 0.0
        ticks, reads = [0], []
        read = screen.reload
        screen.reload = lambda on_tick=False: (reads.append(ticks[0]), read(on_tick=on_tick))
        for ticks[0] in range(16):
            clock.now += 1
            screen.tick()
            at[0] += 0.997
        assert reads == [0, 5, 10, 15]


async def test_no_tick_once_the_app_is_closing(tmp_path):
    """The app's exit takes the panels down before the screen: a tick then would look for
    them (the hourly table's title) and fail. As a Textual timer's, it does not come."""
    app, clock = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        screen = app.screen
        ticks: list[int] = []
        screen.grid.tick = ticks.append
        clock.now += 1
        screen._ticker.callback()
        assert ticks == [clock.now], "a tick while the floor is up"
        screen._pruning = True  # as App._prune marks it first, before its widgets go
        try:
            clock.now += 1
            screen._ticker.callback()
            assert ticks == [clock.now - 1], "no tick while it is being taken down"
        finally:
            screen._pruning = False
    assert not screen._ticker.running, "stopped with the screen"
