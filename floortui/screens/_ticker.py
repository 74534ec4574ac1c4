"""The floor's 1 Hz tick: a call on the event loop's clock that a draw puts back a second.

A floor that comes every second is drawn as it comes, and the tick then waits a whole
second from that draw (screens/floor.py: FloorScreen._rearm), or the seats would be drawn
twice a second. Textual's timers cannot be put back: a reset one still wakes when it was
due, and a new one each draw is a task made and a task cancelled every second, each a
wake-up of its own (bench/bench_floor.py). This is one timer handle on the loop: putting
it back cancels that handle and sets another, and a tick that comes sets the next one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen


class Ticker:
    """Calls `callback` every `interval` seconds on the running loop, from `start()` until
    `stop()`; `rearm()` makes the next call `interval` after now. An error in the callback
    goes to `on_error` (the app's handler, as a Textual timer's does) and the ticks go on.

    The calls keep to their times: each is due `interval` after the one before, not
    after the last one ran, so a clock that shows whole seconds never skips one for a
    tick that came late; ticks missed while the loop was busy are skipped, not made up.
    """

    def __init__(self, interval: float, callback: Callable[[], object],
                 on_error: Callable[[Exception], object]) -> None:  # fmt: skip
        self.interval = interval
        self.callback = callback
        self.on_error = on_error
        self._loop: asyncio.AbstractEventLoop | None = None
        self._handle: asyncio.TimerHandle | None = None
        self._due = 0.0
        self._running = False
        self._paused = False

    @property
    def running(self) -> bool:
        """True from `start()` until `stop()`, paused or not."""
        return self._running

    @property
    def paused(self) -> bool:
        return self._paused

    def start(self) -> None:
        """Tick from `interval` after now (from inside the running loop)."""
        self._loop = asyncio.get_running_loop()
        self._running, self._paused = True, False
        self._set(self._loop.time() + self.interval)

    def rearm(self) -> None:
        """The next tick `interval` after now (nothing while stopped or paused)."""
        if self._running and not self._paused and self._loop is not None:
            self._set(self._loop.time() + self.interval)

    def pause(self) -> None:
        """No ticks until `resume()`."""
        self._paused = True
        self._cancel()

    def resume(self) -> None:
        """Tick again, from `interval` after now."""
        if self._running and self._paused:
            self._paused = False
            self.rearm()

    def stop(self) -> None:
        """No more ticks."""
        self._running = False
        self._cancel()

    def _set(self, due: float) -> None:
        self._cancel()
        self._due = due
        assert self._loop is not None
        self._handle = self._loop.call_at(due, self._tick)

    def _cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _tick(self) -> None:
        assert self._loop is not None
        self._handle = None
        now, due = self._loop.time(), self._due + self.interval
        if due <= now:  # the loop was busy past a whole tick: from now, none made up
            due = now + self.interval
        self._set(due)
        try:
            self.callback()
        except Exception as error:  # the app shows it; the clock keeps going
            self.on_error(error)


def screen_ticker(screen: Screen, interval: float, callback: Callable[[], object]) -> Ticker:
    """A Ticker for `screen`: none of its calls while the app or the screen is closing (as
    a Textual timer's: the screen's widgets are being taken down, and a tick would look
    for them), and an error in one goes to the app, which shows it."""
    app = screen.app

    def tick() -> None:
        if not (app._exit or screen._pruning or screen._closing or screen._closed):
            callback()

    return Ticker(interval, tick, app._handle_exception)
