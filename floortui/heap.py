"""The garbage collector's pace for a whole shift on the floor.

A floor of 1,000 seats keeps about 100,000 long-lived objects (every member's
state, the store's rows, Textual's styles), and each 1 Hz tick makes a few
thousand short-lived ones (the seats' cells, the lines drawn). At Python's
default pace (a young collection every 700 allocations, and a full one every
hundred of those) the collector walks the long-lived heap again and again: a
full collection was a 70 ms stall on the floor every 20 s or so, and collecting
in all took about a quarter of the floor's CPU (bench/bench_floor.py). Collecting
the young generation every 20,000 allocations sweeps the same short-lived objects
in fewer passes, and the full collections come minutes apart instead of seconds.
Only the pace changes: nothing is kept that would otherwise be freed, and objects
without cycles are freed at once as always.
"""

from __future__ import annotations

import gc

#: Allocations between two collections of the youngest generation (Python's is 700).
YOUNG_THRESHOLD = 20_000


class ShiftPace:
    """Sets the pace while the app runs and puts back the one it found."""

    def __init__(self, young: int = YOUNG_THRESHOLD) -> None:
        self.young = young
        self._before: tuple[int, int, int] | None = None

    def start(self) -> None:
        if self._before is None:
            self._before = gc.get_threshold()
            _, middle, old = self._before
            gc.set_threshold(max(self.young, self._before[0]), middle, old)

    def stop(self) -> None:
        if self._before is not None:
            gc.set_threshold(*self._before)
            self._before = None
