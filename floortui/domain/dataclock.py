"""The data's "now": what time it is on the floor the store describes.

A store replayed from yesterday's log, or the demo replaying a day at 10×, is
not at the wall clock's time. The header clock, a waiting caller's running
wait and "today" on the Calls screen all read this clock instead: the latest
event time the store holds, advanced by wall time × `speed` since it was
learnt (1 while a live log is followed, 0 for a store that does not grow), or
an injected source such as the demo's replay clock. It never runs backwards.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class DataClock:
    def __init__(self, source: Callable[[], float] | None = None, speed: float = 0.0,
                 wall: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self._source = source
        self._speed = speed
        self._wall = wall
        self._latest: int | None = None
        self._learnt_at = wall()
        self._shown = 0.0

    def saw(self, latest_event_at: int | None) -> None:
        """The store's latest event time, as just read; an older one changes nothing."""
        if latest_event_at is not None and (self._latest is None or latest_event_at > self._latest):
            self._latest = latest_event_at
            self._learnt_at = self._wall()

    def now(self) -> int | None:
        """Epoch seconds on the data's clock; None while nothing is known."""
        if self._source is not None:
            value = float(self._source())
        elif self._latest is None:
            return None
        else:
            value = self._latest + (self._wall() - self._learnt_at) * self._speed
        self._shown = max(self._shown, value)
        return int(self._shown)
