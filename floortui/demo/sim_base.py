"""The simulated floor's moving parts: its settings, members' and callers' live state, plumbing.

Internals of :mod:`floortui.demo.simulate`, split out so each part of the
floor (the day plan and members in :mod:`floortui.demo.sim_members`, callers
in :mod:`floortui.demo.sim_callers`) stays a module a person can read whole.
The constants are the floor's queues.conf and staffing assumptions.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from floortui.demo.calls import Call, Member, QueueEvent, QueueVisit

# Floor-local day plan, in hours after start_epoch's midnight: staggered shifts.
_SHIFT_STARTS = (7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 10.5, 11.0, 11.5, 12.0)
_SHIFT_HOURS = 8.5
_BUCKET = 900  # arrival rates are piecewise constant over 15 minutes
_RING_TIMEOUT = 15  # queues.conf timeout: seconds a member rings
_RETRY = 5  # queues.conf retry: pause before ringing again
_WRAPUP = 10  # queues.conf wrapuptime
_OCCUPANCY = 0.8  # planners staff for ~80% occupancy...
_SHRINKAGE = 0.22  # ...after breaks, lunch, huddles and missed calls
_P_BUSY, _P_NOANSWER = 0.01, 0.035  # per ring: member busy elsewhere / lets it ring out
# Per-queue character, cycled over the queue list: talk-time multiplier,
# Queue() timeout in seconds, autopause=yes, and whether the dialplan sends a
# timed-out caller on to the next queue (same channel, so the same callid).
_PROFILES = ((1.0, 180, True, False), (1.35, 300, True, False), (0.8, 75, False, True))

_IDLE, _RING, _TALK, _WRAP, _DIRECT = range(5)
T = TypeVar("T")
_new = tuple.__new__
_push = heapq.heappush

_AREAS = ("212", "312", "415", "617", "702", "305", "206", "512", "404", "720")
_NOTES = ("Callback requested", "Refund approved", "Address updated", "Escalated to tier 2")


class QueuePlan(NamedTuple):
    """How the dialplan and queues.conf treat one queue of the simulated floor."""

    extension: str  # the DID extension that runs Queue()
    timeout: int  # Queue()'s timeout argument, seconds
    autopause: bool
    overflow: str | None  # where a timed-out caller goes next (same channel)
    talk_factor: float  # talk-time multiplier


def queue_plan(queues: Sequence[str]) -> dict[str, QueuePlan]:
    """Each queue's settings: the simulator's, and what a CDR renderer writes (dst, lastdata)."""
    queues = list(queues)
    plans = {}
    for i, q in enumerate(queues):
        mult, timeout, autopause, overflows = _PROFILES[i % len(_PROFILES)]
        nxt = queues[(i + 1) % len(queues)] if overflows and len(queues) > 1 else None
        plans[q] = QueuePlan(f"80{i + 1:02d}", timeout, autopause, nxt, mult)
    return plans


@dataclass(slots=True, eq=False)
class _Member:
    """A member's live state on the floor (the Member is what stays on paper)."""

    m: Member
    name: str  # copied from m: read on every line written
    iface: str
    queues: list[str]
    static: bool
    local: bool = False  # a Local/ interface: each ring creates three channels
    on: bool = False  # logged in (dynamic) or at the desk (static)
    leaving: bool = False  # shift over: logs out when the current call is done
    state: int = _IDLE
    last_end: int = 0  # for strategy=leastrecent
    paused: dict[str, str] = field(default_factory=dict)  # queue -> reason last logged
    ptoks: dict[str, int] = field(default_factory=dict)  # queue -> auto-pause generation
    penalty: dict[str, int] = field(default_factory=dict)
    brk: str | None = None  # the break under way
    btok: int = 0  # break generation: stale end_break/login_unpause events are ignored
    away_until: int = 0  # away from the desk without pausing: rings go unanswered
    listed: set[str] = field(default_factory=set)  # queues whose candidate list has us


@dataclass(slots=True, eq=False)
class _Leg:
    """A caller waiting in one queue: the live side of a QueueVisit."""

    call: Call
    visit: QueueVisit
    q: str
    agent: _Member | None = None  # ringing now
    last: _Member | None = None  # rang last and missed: goes to the back of the line
    ring_start: int = 0
    ring_uid: str = ""
    token: int = 0  # ring generation: a cancelled ring's ring_end is ignored
    next_try: int = 0  # queues.conf retry after a miss
    outcome: str = ""
    done: bool = False


class FloorBase:
    """The event loop's state and plumbing; the handlers are in the two mixins."""

    def __init__(self, members, queues, start, end, rng, cph, on_call, on_shift=None) -> None:
        self.queues, self.start, self.end, self.rng, self.cph = queues, start, end, rng, cph
        self.on_call = on_call
        self.on_shift = on_shift
        self.agents = [
            _Member(m, m.name, m.interface, m.queues, m.static, m.interface.startswith("Local/"))
            for m in members
        ]
        self.by_q = {q: [a for a in self.agents if q in a.queues] for q in queues}
        self.waiting: dict[str, list[_Leg]] = {q: [] for q in queues}
        self.idle: dict[str, list[_Member]] = {q: [] for q in queues}  # see offer()/pick()
        plan = queue_plan(queues)
        self.mult = {q: p.talk_factor for q, p in plan.items()}
        self.timeout = {q: p.timeout for q, p in plan.items()}
        self.autopause = {q: p.autopause for q, p in plan.items()}
        self.overflow = {q: p.overflow for q, p in plan.items()}
        self.ext = {q: p.extension for q, p in plan.items()}
        self.talk = dict.fromkeys(queues, 180.0)
        self.rates: dict[str, list[float]] = {}
        self.day0 = start
        self.heap: list = []
        self.seq = itertools.count()
        self.uid_n = 0
        self.live = 0  # calls created and not finished
        self.now = start
        self.out: list[QueueEvent] = []
        self.recent: deque[str] = deque(maxlen=300)
        self.rand = rng.random

    # -- plumbing -----------------------------------------------------------
    def at(self, t: int, fn: Callable, *args) -> None:
        _push(self.heap, (t, next(self.seq), fn, args))

    def emit(self, callid: str, queue: str, agent: str, event: str, *data: str) -> None:
        # tuple.__new__ skips NamedTuple's argument handling: this runs once per line.
        self.out.append(_new(QueueEvent, (self.now, callid, queue, agent, event, data or ("",))))

    def ri(self, lo: int, hi: int) -> int:
        """randrange(lo, hi) without its overhead: this runs a few times per call."""
        return lo + int(self.rand() * (hi - lo))

    def pick_one(self, seq: Sequence[T]) -> T:
        return seq[int(self.rand() * len(seq))]

    def uid(self) -> str:
        """A new channel uniqueid: creation epoch + a counter that only grows."""
        self.uid_n += 1
        return f"{self.now}.{self.uid_n - 1}"

    def run(self, endless: bool) -> Iterator[QueueEvent]:
        self.endless = endless
        self.system("QUEUESTART")
        self.at(self.start, self.day, 0)
        heap, out, pop, end = self.heap, self.out, heapq.heappop, self.end
        while heap:
            t, _, fn, args = pop(heap)
            if t >= end and not self.live:
                break
            self.now = t
            fn(*args)
            if out:
                yield from out
                out.clear()
        yield from out
