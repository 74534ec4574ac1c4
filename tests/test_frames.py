"""The floor's frame timer (screens/_frames): a frame as soon as one is asked for, never
more than 60 a second, and no sleep after a frame waiting for nothing."""

from __future__ import annotations

import asyncio

import pytest
from textual import _time
from textual.app import App

from floortui.screens._frames import FrameTimer
from floortui.screens.floor import FloorScreen
from tests.floor_helpers import floor_app
from tests.test_floor_panels import _drawn


@pytest.fixture
def sleeps(monkeypatch) -> list[float]:
    """Every sleep Textual's clock is asked for, as long as asked."""
    asked: list[float] = []
    real = _time.sleep

    async def sleep(secs: float) -> None:
        asked.append(secs)
        await real(secs)

    monkeypatch.setattr(_time, "sleep", sleep)
    return asked


async def test_a_frame_comes_at_once_and_no_sleep_follows_it(sleeps) -> None:
    app = App()
    async with app.run_test():
        frames: list[float] = []
        timer: FrameTimer

        def frame() -> None:
            timer.pause()  # as a screen's update does first
            frames.append(_time.get_time())

        timer = FrameTimer(app.screen, 1 / 60, callback=frame, pause=True)
        timer._start()
        await asyncio.sleep(0.05)
        assert frames == [] and sleeps == [], "paused: no frame, no sleep"
        timer.resume()
        await asyncio.sleep(0.05)
        assert len(frames) == 1 and sleeps == [], "asked for: drawn, and nothing sleeps after"
        timer.resume()
        timer_resumed = _time.get_time()
        await asyncio.sleep(0.05)
        assert len(frames) == 2 and sleeps == [], "a frame a while after the last: at once"
        assert frames[1] - timer_resumed < 0.01

        timer.resume()  # two in a row: the second waits out its 1/60 s
        await asyncio.sleep(0)
        timer.resume()
        await asyncio.sleep(0.1)
        assert len(frames) == 4
        assert len(sleeps) == 1 and 0 < sleeps[0] <= 1 / 60
        assert frames[3] - frames[2] >= 1 / 60 - 0.002, "never more than 60 a second"
        timer.stop()


async def test_the_floor_draws_from_a_frame_timer_and_sleeps_for_no_frame(tmp_path, sleeps):
    app, clock = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        screen = app.screen
        assert isinstance(screen, FloorScreen)
        assert isinstance(screen._update_timer, FrameTimer)
        frames: list[float] = []
        refresh = screen._compositor_refresh

        def counted() -> None:
            frames.append(_time.get_time())
            refresh()

        screen._compositor_refresh = counted
        await pilot.pause(0.3)
        before, asked = len(sleeps), _time.get_time()
        clock.now += 1
        screen.tick()
        await pilot.pause(0.3)
        assert len(frames) == 1 and frames[0] - asked < 0.05, "the tick drawn in one frame"
        assert len(sleeps) == before, "with no wait for it, and none after it"
