"""The garbage collector's pace for floortui: from its start-up to the end of the shift.

A floor of 1,000 seats keeps about 100,000 long-lived objects (every member's
state, the store's rows, Textual's styles), and each 1 Hz tick makes a few
thousand short-lived ones (the seats' cells, the lines drawn). At Python's
default pace (a young collection every 700 allocations, and a full one every
hundred of those) the collector walks the long-lived heap again and again: a
full collection was a 70 ms stall on the floor every 20 s or so, and collecting
in all took about a quarter of the floor's CPU (bench/bench_floor.py); while
floortui starts, its imports alone were collected 117 times (35 ms of a start
the supervisor waits for, bench/bench_start.py). Collecting the young
generation every 20,000 allocations sweeps the same short-lived objects in
fewer passes, and the full collections come minutes apart instead of seconds.
Only the pace changes: nothing is kept that would otherwise be freed, and
objects without cycles are freed at once as always.
"""

from __future__ import annotations

import gc

#: Allocations between two collections of the youngest generation (Python's is 700).
YOUNG_THRESHOLD = 20_000


def set_shift_pace(young: int = YOUNG_THRESHOLD) -> None:
    """Collect the young generation every `young` allocations, unless a slower pace is
    set already (by whoever runs floortui); the older generations keep theirs."""
    current, middle, old = gc.get_threshold()
    if current != 0 and current < young:  # 0: collection is off; leave it so
        gc.set_threshold(young, middle, old)
