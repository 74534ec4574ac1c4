"""The floor's frames: drawn as soon as something changed, with no wake-up after each.

Textual draws a screen's changes from a 60 Hz timer that is paused while nothing changes.
After each frame that timer sleeps to its next 1/60 s before it looks whether it has been
paused, so each of the floor's frames (one a second) costs the app a second wake-up, 20 ms
after it, for nothing; on this kind of machine each wake-up costs the process CPU time of
its own (bench/bench_floor.py). FrameTimer waits to be resumed first, and sleeps only
when a frame is asked for sooner than 1/60 s after the last, as Textual's never draws
more often than that either.
"""

from __future__ import annotations

from textual import _time
from textual.screen import UPDATE_PERIOD
from textual.timer import EventTargetGone, Timer

from floortui.screens._changed_only import ChangedOnlyCompositor


class FrameTimer(Timer):
    """A repeating timer for a screen's updates that its callback pauses each time."""

    async def _run(self) -> None:
        last: float | None = None
        while True:
            await self._active.wait()
            if last is not None:
                early = self._interval - (_time.get_time() - last)
                if early > 0:
                    await _time.sleep(early)
                    await self._active.wait()
            last = _time.get_time()
            try:
                await self._tick(next_timer=last, count=0)
            except EventTargetGone:
                break


class PromptFrames:
    """For a Screen subclass (this before it in the bases): its updates come from a
    FrameTimer, made as Textual makes its own."""

    _frame_timer: FrameTimer | None = None
    #: Its widgets' repaints resume the FrameTimer themselves (widgets/at_once.py).
    FRAMES_ON_DEMAND = True

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        # Each frame draws only the widgets under what changed (screens/_changed_only.py).
        self._compositor = ChangedOnlyCompositor()

    @property
    def _update_timer(self) -> Timer:
        timer = self._frame_timer
        if timer is None:
            screen = self  # a Screen (see the class's docstring)
            timer = self._frame_timer = FrameTimer(
                screen, UPDATE_PERIOD, name="screen_update",  # type: ignore[arg-type]
                callback=screen._on_timer_update, pause=True,  # type: ignore[attr-defined]
            )  # fmt: skip
            timer._start()
            screen._timers.add(timer)  # type: ignore[attr-defined]  # stopped with the screen
        return timer
