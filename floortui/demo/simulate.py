"""A deterministic call-centre floor that writes the queue_log Asterisk would.

The demo floor and the import benchmark need logs that look like a real
``app_queue`` wrote them, quirks included, without shipping anyone's call data.
So this module runs a small discrete-event simulation (callers wait for a free,
logged-in, unpaused member; members take breaks, miss calls, get auto-paused,
transfer callers) and keeps every call as data (:class:`Call`,
:class:`QueueVisit`, defined with the other data types in
:mod:`floortui.demo.calls`).  The queue_log is only one rendering of the
:class:`QueueEvent` stream; :mod:`floortui.demo.cdr` renders the same run's
calls as CDR rows (see ``on_call`` in :func:`simulate_events`).

The floor itself is split in three: its state and plumbing
(:mod:`floortui.demo.sim_base`), the day plan and members
(:mod:`floortui.demo.sim_members`) and callers (:mod:`floortui.demo.sim_callers`).
Pure Python, no Textual, no SQL; all randomness comes from one seeded
``random.Random`` so a seed always gives the same file.
"""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Callable, Iterable, Iterator
from os import PathLike

# Re-exported: cdr.py, the fixtures, the benchmark and the tests import them from here.
from floortui.demo.calls import (
    TERMINAL_EVENTS,
    Call,
    Member,
    Offer,
    QueueEvent,
    QueueVisit,
    Transfer,
    demo_members,
    render_queue_log,
)
from floortui.demo.sim_base import QueuePlan, queue_plan
from floortui.demo.sim_callers import CallerMoves
from floortui.demo.sim_members import MemberMoves

__all__ = [
    "TERMINAL_EVENTS",
    "Call",
    "Member",
    "Offer",
    "QueueEvent",
    "QueuePlan",
    "QueueVisit",
    "Transfer",
    "demo_members",
    "queue_plan",
    "render_queue_log",
    "simulate",
    "simulate_events",
    "write_queue_log",
]


class _Floor(MemberMoves, CallerMoves):
    """The event loop and every state change; handlers append to ``self.out``."""


def simulate_events(
    members: list[Member],
    queues: list[str],
    start_epoch: int,
    hours: float,
    *,
    seed: int = 1,
    calls_per_hour: float = 400,
    on_call: Callable[[Call], None] | None = None,
    endless: bool = False,
    on_shift: Callable[[str, int, int], None] | None = None,
) -> Iterator[QueueEvent]:
    """Run the floor and yield queue_log events in time order.

    ``start_epoch`` is midnight (floor time) of the first day; the floor opens
    ~07:20 and closes ~20:45 each day.  ``calls_per_hour`` is the average over
    staffed hours.  Calls still open when ``hours`` run out are played to the end,
    so every ENTERQUEUE gets its terminal event.  ``on_call`` receives each
    :class:`Call` when it is over, for renderers that need whole calls (CDR);
    ``on_shift`` each member's planned shift of a day (name, start, end), for a roster.
    ``endless`` ignores ``hours`` and keeps adding days.
    """
    if not members:
        raise ValueError("a floor needs at least one member")
    queues = list(queues)
    unknown = sorted({q for m in members for q in m.queues} - set(queues))
    if unknown:
        raise ValueError(f"members use queues not in the queue list: {unknown}")
    end = sys.maxsize if endless else start_epoch + int(hours * 3600)
    floor = _Floor(members, queues, start_epoch, end, random.Random(seed), calls_per_hour, on_call,
                   on_shift)  # fmt: skip
    return floor.run(endless)


def simulate(
    members: list[Member],
    queues: list[str],
    start_epoch: int,
    hours: float,
    *,
    seed: int = 1,
    calls_per_hour: float = 400,
    max_lines: int | None = None,
) -> Iterator[str]:
    """Yield queue_log lines (no newline) in time order.

    With ``max_lines`` exactly that many lines come out, simulating more days than
    ``hours`` if needed, so a benchmark can ask for a size rather than a duration.
    """
    events = simulate_events(
        members,
        queues,
        start_epoch,
        hours,
        seed=seed,
        calls_per_hour=calls_per_hour,
        endless=max_lines is not None,
    )
    lines = map(render_queue_log, events)
    return lines if max_lines is None else itertools.islice(lines, max_lines)


def write_queue_log(path: str | PathLike[str], lines: Iterable[str]) -> int:
    """Write lines with ``\\n`` endings (UTF-8, names may have accents); return the count."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        batch: list[str] = []
        for line in lines:
            batch.append(line)
            if len(batch) == 8192:
                f.write("\n".join(batch) + "\n")
                n += len(batch)
                batch.clear()
        if batch:
            f.write("\n".join(batch) + "\n")
            n += len(batch)
    return n
