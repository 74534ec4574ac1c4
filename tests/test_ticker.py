"""The floor's 1 Hz tick (screens/_ticker.py): it keeps to its times, a rearm puts the next
tick a whole interval after now, and pause, resume and stop do what they say. The loop's
own clock is driven by hand, so each test knows to the tick what must have happened."""

from __future__ import annotations

import asyncio

import pytest

from floortui.screens._ticker import Ticker


class ClockLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock moves only when the test moves it."""

    def __init__(self) -> None:
        super().__init__()
        self.at = 1000.0

    def time(self) -> float:
        return self.at


def _run(test) -> None:
    loop = ClockLoop()
    try:
        loop.run_until_complete(test(loop))
    finally:
        loop.close()


async def _move(loop: ClockLoop, seconds: float, step: float = 0.1) -> None:
    """Move the clock on by `seconds` in steps, letting the loop run what is due."""
    end = loop.at + seconds
    while loop.at < end - 1e-9:
        loop.at = min(end, loop.at + step)
        for _ in range(3):
            await asyncio.sleep(0)


def test_ticks_keep_to_their_times_and_a_rearm_puts_the_next_a_second_after_now():
    async def test(loop: ClockLoop) -> None:
        ticks: list[float] = []
        ticker = Ticker(1.0, lambda: ticks.append(loop.at), on_error=pytest.fail)
        ticker.start()
        await _move(loop, 3.05)
        assert ticks == pytest.approx([1001.0, 1002.0, 1003.0])
        await _move(loop, 0.45)  # 1003.5: a draw puts the next tick back
        ticker.rearm()
        await _move(loop, 0.9)
        assert len(ticks) == 3, "no tick at 1004: it was put back to 1004.5"
        await _move(loop, 1.2)  # to 1005.6
        assert ticks[3:] == pytest.approx([1004.5, 1005.5])

    _run(test)


def test_a_busy_loop_skips_the_ticks_it_missed_and_goes_on_from_now():
    async def test(loop: ClockLoop) -> None:
        ticks: list[float] = []
        ticker = Ticker(1.0, lambda: ticks.append(loop.at), on_error=pytest.fail)
        ticker.start()
        await _move(loop, 1.0)
        assert ticks == pytest.approx([1001.0])
        loop.at += 3.5  # the loop was busy for 3.5 s: one tick then, none made up
        await _move(loop, 0.05)
        assert ticks[1:] == pytest.approx([1004.55])
        await _move(loop, 1.0)
        assert ticks[2:] == pytest.approx([1005.55])

    _run(test)


def test_pause_resume_and_stop():
    async def test(loop: ClockLoop) -> None:
        ticks: list[float] = []
        ticker = Ticker(1.0, lambda: ticks.append(loop.at), on_error=pytest.fail)
        ticker.start()
        await _move(loop, 1.0)
        ticker.pause()
        ticker.rearm()  # a draw while paused does not start it again
        await _move(loop, 3.0)
        assert ticks == pytest.approx([1001.0]) and ticker.paused
        ticker.resume()  # at 1004: the next a second on
        await _move(loop, 1.0)
        assert ticks[1:] == pytest.approx([1005.0])
        ticker.stop()
        ticker.rearm()
        ticker.resume()
        await _move(loop, 3.0)
        assert len(ticks) == 2 and not ticker.running

    _run(test)


def test_an_error_in_a_tick_goes_to_the_handler_and_the_ticks_go_on():
    async def test(loop: ClockLoop) -> None:
        errors: list[Exception] = []
        calls = [0]

        def tick() -> None:
            calls[0] += 1
            if calls[0] == 2:
                raise ValueError("a broken tick")

        ticker = Ticker(1.0, tick, on_error=errors.append)
        ticker.start()
        await _move(loop, 3.05)
        assert calls[0] == 3
        assert [str(e) for e in errors] == ["a broken tick"]

    _run(test)


def test_a_tick_that_rearms_itself_is_not_called_twice():
    """The floor's draw from a tick puts the next tick back: one handle, not two."""

    async def test(loop: ClockLoop) -> None:
        ticks: list[float] = []
        ticker = Ticker(1.0, lambda: (ticks.append(loop.at), ticker.rearm()), pytest.fail)
        ticker.start()
        await _move(loop, 3.05)
        assert ticks == pytest.approx([1001.0, 1002.0, 1003.0])

    _run(test)
