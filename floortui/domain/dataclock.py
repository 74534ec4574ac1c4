"""The data's "now": what time it is on the floor the store describes.

A store of yesterday's log, or the demo replaying a day at 10×, is not at the
wall clock's time. The header clock, a waiting caller's running wait and
"today" on the Calls screen all read this clock instead:

- an injected source, when there is one (the demo's replay clock, a test's);
- while a live log is followed and its latest line is from the last day, the
  wall clock: the PBX is writing now;
- otherwise the latest event time the store holds, advanced by wall time ×
  `speed` since it was learnt (1 while following a log that is behind, 0 for
  a store that does not grow).

It never runs backwards.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: A followed log whose latest line is this close to the wall clock is live.
LIVE_WITHIN_S = 86_400


class DataClock:
    def __init__(self, source: Callable[[], float] | None = None, speed: float = 0.0,
                 monotonic: Callable[[], float] = time.monotonic,
                 epoch: Callable[[], float] = time.time) -> None:  # fmt: skip
        self._source = source
        self._speed = speed
        self._monotonic = monotonic
        self._epoch = epoch
        self._latest: int | None = None
        self._learnt_at = monotonic()
        self._shown = 0.0

    def saw(self, latest_event_at: int | None) -> None:
        """The store's latest event time, as just read; an older one changes nothing."""
        if latest_event_at is not None and (self._latest is None or latest_event_at > self._latest):
            self._latest = latest_event_at
            self._learnt_at = self._monotonic()

    def now(self) -> int | None:
        """Epoch seconds on the data's clock; None while nothing is known."""
        if self._source is not None:
            value = float(self._source())
        elif self._latest is None:
            return None
        else:
            value = self._latest + (self._monotonic() - self._learnt_at) * self._speed
            wall = self._epoch()
            if self._speed and abs(wall - self._latest) <= LIVE_WITHIN_S:
                value = max(value, wall)
        self._shown = max(self._shown, value)
        return int(self._shown)
