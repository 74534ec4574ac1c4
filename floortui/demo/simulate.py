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

Pure Python, no Textual, no SQL; all randomness comes from one seeded
``random.Random`` so a seed always gives the same file.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
import sys
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import NamedTuple, TypeVar

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
class _Agent:
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
    agent: _Agent | None = None  # ringing now
    last: _Agent | None = None  # rang last and missed: goes to the back of the line
    ring_start: int = 0
    ring_uid: str = ""
    token: int = 0  # ring generation: a cancelled ring's ring_end is ignored
    next_try: int = 0  # queues.conf retry after a miss
    outcome: str = ""
    done: bool = False


class _Floor:
    """The event loop and every state change; handlers append to ``self.out``."""

    def __init__(self, members, queues, start, end, rng, cph, on_call) -> None:
        self.queues, self.start, self.end, self.rng, self.cph = queues, start, end, rng, cph
        self.on_call = on_call
        self.agents = [
            _Agent(m, m.name, m.interface, m.queues, m.static, m.interface.startswith("Local/"))
            for m in members
        ]
        self.by_q = {q: [a for a in self.agents if q in a.queues] for q in queues}
        self.waiting: dict[str, list[_Leg]] = {q: [] for q in queues}
        self.idle: dict[str, list[_Agent]] = {q: [] for q in queues}  # see offer()/pick()
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

    # -- the day plan -------------------------------------------------------
    def day(self, d: int) -> None:
        rng, day0 = self.rng, self.start + d * 86400
        self.day0 = day0
        if d and rng.random() < 0.15:
            self.at(day0 + 3 * 3600 + rng.randrange(3600), self.restart)
        if rng.random() < 0.2:
            self.at(day0 + rng.randrange(6 * 3600, 19 * 3600), self.system, "CONFIGRELOAD")
        shifts, seen = [], {}
        for a in self.agents:
            j = seen[a.m.team] = seen.get(a.m.team, -1) + 1
            if rng.random() < 0.04:
                continue  # day off
            s = day0 + int(_SHIFT_STARTS[(j + d) % len(_SHIFT_STARTS)] * 3600)
            e = s + int(_SHIFT_HOURS * 3600)
            shifts.append((a, s, e))
            self.at(s + rng.randrange(-600, 300), self.login, a)
            self.at(e + rng.randrange(0, 420), self.logout, a)
            for off, reason, dur in (
                (115, "Break", 15),
                (rng.choice((225, 240, 255)), "Lunch", rng.choice((30, 30, 45))),
                (385, "Break", 15),
            ):
                t = s + (off + rng.randrange(-12, 12)) * 60
                self.at(t, self.pause_break, a, reason, (dur + rng.randrange(-2, 3)) * 60)
            if rng.random() < 0.6:
                t = s + rng.randrange(30, 470) * 60
                self.at(t, self.pause_break, a, "Toilet", rng.randrange(180, 480))
            if rng.random() < 0.35:
                t = s + rng.randrange(30, 480) * 60
                self.at(t, self.walk_away, a, rng.randrange(120, 600))
            if rng.random() < 0.1:
                t = s + rng.randrange(60, 300) * 60
                self.at(t, self.pause_break, a, "Training", rng.randrange(45, 61) * 60)
        if shifts:  # a daily huddle: part of one team leaves the phones together
            team = rng.choice(shifts)[0].m.team
            t = day0 + 14 * 3600 + rng.randrange(-1800, 1800)
            for a, _, _ in shifts:
                if a.m.team == team and rng.random() < 0.4:
                    self.at(t + rng.randrange(120), self.pause_break, a, "Meeting", 1800)
        for _ in range(rng.randrange(1, 4) if shifts else 0):  # a supervisor re-skills
            a, s, e = rng.choice(shifts)
            q, penalty = rng.choice(a.queues), rng.choice((0, 1, 2))
            self.at(rng.randrange(s + 3600, e - 3600), self.set_penalty, a, q, penalty)
        self.plan_arrivals(day0, shifts)
        if self.endless or day0 + 86400 < self.end:
            self.at(day0 + 86400, self.day, d + 1)

    def plan_arrivals(self, day0: int, shifts: list) -> None:
        """Arrivals follow the staffing plan, as a forecast-driven roster would.

        Talk times are then scaled so the floor runs near the target occupancy, which
        keeps waits, service level and abandons plausible for any members/calls_per_hour.
        """
        rng, queues, nb = self.rng, self.queues, 86400 // _BUCKET
        cap = {q: [0.0] * nb for q in queues}
        for a, s, e in shifts:
            b0, b1 = (s - day0) // _BUCKET, min(nb, (e - day0 + _BUCKET - 1) // _BUCKET)
            for q in a.queues:
                w, arr = 1.0 / len(a.queues) / self.mult[q], cap[q]
                for b in range(b0, b1):
                    arr[b] += w
        staffed = [b for b in range(nb) if any(cap[q][b] for q in queues)]
        self.rates = {}
        if not staffed or self.cph <= 0:
            return
        total = sum(sum(c) for c in cap.values())
        k = self.cph * len(staffed) / total  # calls per hour per unit of capacity
        handle = _OCCUPANCY * (1 - _SHRINKAGE) * 3600 / k
        talk = min(1200.0, max(30.0, handle - _WRAPUP - 4))
        self.talk = {q: talk * self.mult[q] for q in queues}
        edge = 0.03 * self.cph / len(queues) / 3600  # a trickle before/after staffing
        for q in queues:
            wobble = [rng.uniform(0.85, 1.15) for _ in range(24)]
            r = [cap[q][b] * k * wobble[b * _BUCKET // 3600] / 3600 for b in range(nb)]
            for b in (staffed[0] - 1, staffed[-1] + 1):
                if 0 <= b < nb:
                    r[b] = edge
            self.rates[q] = r
        if rng.random() < 0.7:  # an incident: one queue gets a surge for ~30 min
            r, b = self.rates[rng.choice(queues)], rng.randrange(40, 60)
            r[b] *= 2.5
            r[b + 1] *= 2.5
        for q in queues:
            t = self.next_arrival(q, float(day0))
            if t is not None:
                self.at(int(t), self.arrive, q, t)

    def next_arrival(self, q: str, t: float) -> float | None:
        rates, day0, rng = self.rates[q], self.day0, self.rng
        b = int(t - day0) // _BUCKET
        while b < len(rates):
            edge = day0 + (b + 1) * _BUCKET
            if rates[b] > 0:
                t2 = t + rng.expovariate(rates[b])
                if t2 < edge:
                    return t2
            t, b = float(edge), b + 1
        return None

    def system(self, event: str) -> None:
        self.emit("NONE", "NONE", "NONE", event)

    def restart(self) -> None:
        """A night-time Asterisk restart, only when nothing is open (no crash modelled)."""
        if self.live or any(a.on for a in self.agents):
            return
        self.system("QUEUESTART")
        for a in self.agents:  # static members come back from queues.conf unpaused
            a.paused.clear()

    # -- members ------------------------------------------------------------
    def login(self, a: _Agent) -> None:
        if a.on:
            return
        a.on, a.leaving, a.brk = True, False, None
        if a.static:  # no ADDMEMBER: the phone just registers; yesterday's pause lingers
            for q in list(a.paused):
                self.emit("NONE", q, a.name, "UNPAUSE", "")
            a.paused.clear()
        else:
            rng = self.rng
            paused = rng.random() < 0.2
            r = rng.random()
            via = "MANAGER" if paused or r < 0.3 else "CLI" if r < 0.33 else self.uid()
            for q in a.queues:
                self.emit(via, q, a.iface, "ADDMEMBER", "PAUSED" if paused else "")
                if paused:
                    a.paused[q] = ""
            if paused:
                a.btok += 1
                self.at(self.now + self.ri(20, 240), self.login_unpause, a, a.btok)
        self.offer(a)

    def login_unpause(self, a: _Agent, tok: int) -> None:
        if a.on and a.btok == tok and a.brk is None:
            self.unpause_all(a, "")

    def logout(self, a: _Agent) -> None:
        """Shift over: nobody logs off mid-call or mid-break, they finish it first."""
        if a.on:
            a.leaving = True
            if a.state == _IDLE and a.brk is None:
                self.do_logout(a)

    def do_logout(self, a: _Agent) -> None:
        a.on = a.leaving = False
        a.brk, a.btok = None, a.btok + 1
        if not a.static:
            a.paused.clear()
            via = "MANAGER" if self.rng.random() < 0.3 else self.uid()
            for q in a.queues:
                self.emit(via, q, a.iface, "REMOVEMEMBER")
        self.check_empty(a.queues)

    def pause_all(self, a: _Agent, reason: str) -> None:
        """PAUSEALL as app_queue logs it: name, no reason, then PAUSE per queue."""
        if self.rng.random() < 0.7:
            self.emit("NONE", "NONE", a.name, "PAUSEALL")
        for q in a.queues:
            self.emit("NONE", q, a.name, "PAUSE", reason)
            a.paused[q] = reason
        a.ptoks.clear()
        self.check_empty(a.queues)

    def unpause_all(self, a: _Agent, reason: str) -> None:
        if self.rng.random() < 0.7:
            self.emit("NONE", "NONE", a.name, "UNPAUSEALL")
        for q in a.queues:
            self.emit("NONE", q, a.name, "UNPAUSE", reason)
        a.paused.clear()
        a.ptoks.clear()
        self.offer(a)

    def pause_break(self, a: _Agent, reason: str, dur: int) -> None:
        if not a.on or a.leaving or a.brk is not None:
            return
        a.brk, a.btok = reason, a.btok + 1
        self.pause_all(a, reason)
        self.at(self.now + dur, self.end_break, a, a.btok)

    def end_break(self, a: _Agent, tok: int) -> None:
        if a.on and a.btok == tok:
            reason, a.brk = a.brk or "", None
            self.unpause_all(a, reason)
            if a.leaving and a.state == _IDLE:
                self.do_logout(a)

    def auto_pause_over(self, a: _Agent, q: str, tok: int) -> None:
        """The member notices the Auto-Pause: unpause, or turn it into a break."""
        if not a.on or a.brk is not None or a.ptoks.get(q) != tok:
            return
        if self.rng.random() < 0.3:
            self.pause_break(a, "Break", self.ri(300, 720))
        else:
            del a.paused[q], a.ptoks[q]
            self.emit("NONE", q, a.name, "UNPAUSE", "")
            self.offer(a)

    def walk_away(self, a: _Agent, dur: int) -> None:
        a.away_until = self.now + dur

    def set_penalty(self, a: _Agent, q: str, p: int) -> None:
        if a.on:
            a.penalty[q] = p
            self.emit("NONE", q, a.iface, "PENALTY", str(p))

    def direct_done(self, a: _Agent) -> None:
        a.state = _IDLE
        self.free(a)

    def wrapped(self, a: _Agent) -> None:
        a.state = _IDLE
        self.free(a)

    def free(self, a: _Agent) -> None:
        if a.leaving and a.brk is None:
            self.do_logout(a)
        else:
            self.offer(a)

    def offer(self, a: _Agent) -> None:
        """A member may have become available: list them as a candidate in each of their
        queues, then let those queues try, oldest caller first."""
        for q in a.queues:
            if q not in a.listed:
                a.listed.add(q)
                self.idle[q].append(a)
        qs = [q for q in a.queues if self.waiting[q]]
        if len(qs) > 1:
            qs.sort(key=lambda q: self.waiting[q][0].visit.enter)
        for q in qs:
            self.dispatch(q)

    def usable(self, q: str) -> bool:
        return any(a.on and not a.leaving and q not in a.paused for a in self.by_q[q])

    def check_empty(self, qs: list[str]) -> None:
        for q in qs:
            if self.waiting[q] and not self.usable(q):
                self.at(self.now + self.ri(1, 6), self.leave_empty, q)

    def leave_empty(self, q: str) -> None:
        if not self.usable(q):
            for leg in [x for x in self.waiting[q] if x.agent is None]:
                self.exit(leg, "EXITEMPTY")

    # -- callers ------------------------------------------------------------
    def caller(self) -> str:
        r = self.rand()
        if r < 0.004:
            return "anonymous"
        if r < 0.01:
            return ""
        if r < 0.12 and self.recent:
            return self.pick_one(self.recent)  # calling back
        num = f"{self.pick_one(_AREAS)}555{self.ri(0, 10000):04d}"
        self.recent.append(num)
        return num

    def arrive(self, q: str, tf: float) -> None:
        if self.now >= self.end:
            return
        self.live += 1
        # The channel was created before the IVR, so its uniqueid's epoch is earlier
        # than ENTERQUEUE's; the counter is taken now (one event per caller, not two).
        created = self.now - self.ri(2, 25)
        self.uid_n += 1
        call = Call(f"{created}.{self.uid_n - 1}", self.caller(), created)
        self.enter(call, q)
        t = self.next_arrival(q, tf)
        if t is not None:
            self.at(int(t), self.arrive, q, t)

    def enter(self, call: Call, q: str) -> None:
        rng, now, waiting = self.rng, self.now, self.waiting[q]
        visit = QueueVisit(q, now, len(waiting) + 1)
        call.visits.append(visit)
        leg = _Leg(call, visit, q)
        waiting.append(leg)
        self.emit(call.uniqueid, q, "NONE", "ENTERQUEUE", "", call.caller, str(visit.position))
        if rng.random() < 0.02:
            self.emit(call.uniqueid, q, "NONE", "INFO", "IVR", str(self.ri(1, 4)))
        patience = rng.uniform(4, 30) if rng.random() < 0.07 else rng.expovariate(1 / 420)
        quit_at, kind = int(patience) + 1, "ABANDON"
        if self.timeout[q] < quit_at:
            quit_at, kind = self.timeout[q], "EXITWITHTIMEOUT"
        if rng.random() < 0.1:
            key_at = 25 + int(rng.expovariate(1 / 90))
            if key_at < quit_at:
                quit_at, kind = key_at, "EXITWITHKEY"
        _push(self.heap, (now + quit_at, next(self.seq), self.give_up, (leg, kind)))
        self.dispatch(q)
        if leg.agent is None and not leg.done and not self.usable(q):
            self.check_empty([q])

    def dispatch(self, q: str) -> None:
        now = self.now
        for leg in self.waiting[q]:
            if leg.agent is not None or leg.next_try > now:
                continue
            a = self.pick(q, leg.last)
            if a is None:
                return
            self.ring(leg, a)

    def pick(self, q: str, avoid: _Agent | None) -> _Agent | None:
        """strategy=leastrecent with penalties; the member who just missed it goes last."""
        best, best_key, keep = None, None, []
        for a in self.idle[q]:  # candidates; the stale ones are dropped here
            if a.state != _IDLE or not a.on or a.leaving or q in a.paused:
                a.listed.discard(q)
                continue
            keep.append(a)
            key = (a is avoid, a.penalty.get(q, 0), a.last_end)
            if best_key is None or key < best_key:
                best, best_key = a, key
        self.idle[q] = keep
        return best

    def ring(self, leg: _Leg, a: _Agent) -> None:
        rng, now = self.rng, self.now
        leg.agent, leg.ring_start, leg.token = a, now, leg.token + 1
        leg.ring_uid = self.uid()
        if a.local:  # Local/...;1 is the member channel; ;2 and the phone it dials follow
            self.uid_n += 2
        a.state = _RING
        r = rng.random()
        if r < _P_BUSY:  # on a direct call: the device says busy at once
            self.emit(leg.call.uniqueid, leg.q, a.name, "RINGNOANSWER", "0")
            leg.visit.offers.append(_new(Offer, (a.m, leg.ring_uid, now, now, "busy")))
            a.state = _DIRECT
            self.at(now + self.ri(40, 240), self.direct_done, a)
            self.retry_later(leg, a)
        elif r < _P_BUSY + _P_NOANSWER or a.away_until > now:
            _push(
                self.heap,
                (now + _RING_TIMEOUT, next(self.seq), self.ring_end, (leg, leg.token, False)),
            )
        else:
            secs = min(_RING_TIMEOUT - 1, 1 + int(rng.expovariate(1 / 3.5)))
            _push(self.heap, (now + secs, next(self.seq), self.ring_end, (leg, leg.token, True)))

    def retry_later(self, leg: _Leg, a: _Agent) -> None:
        leg.agent, leg.last, leg.next_try = None, a, self.now + _RETRY
        self.at(leg.next_try, self.dispatch, leg.q)

    def ring_end(self, leg: _Leg, tok: int, answered: bool) -> None:
        a, q = leg.agent, leg.q
        if leg.token != tok or a is None:
            return
        if answered:
            self.connect(leg, a)
            return
        ms = _RING_TIMEOUT * 1000 + self.ri(0, 60)
        self.emit(leg.call.uniqueid, q, a.name, "RINGNOANSWER", str(ms))
        leg.visit.offers.append(
            _new(Offer, (a.m, leg.ring_uid, leg.ring_start, self.now, "noanswer"))
        )
        self.retry_later(leg, a)
        a.state = _IDLE
        if self.autopause[q]:
            self.emit("NONE", q, a.name, "PAUSE", "Auto-Pause")
            a.paused[q], a.ptoks[q] = "Auto-Pause", next(self.seq)
            self.at(self.now + self.ri(10, 150), self.auto_pause_over, a, q, a.ptoks[q])
            self.check_empty([q])
        self.free(a)

    def connect(self, leg: _Leg, a: _Agent) -> None:
        rng, now, v = self.rng, self.now, leg.visit
        v.answer, v.member, v.member_uniqueid = now, a.m, leg.ring_uid
        v.ringtime = now - leg.ring_start
        v.offers.append(_new(Offer, (a.m, leg.ring_uid, leg.ring_start, now, "answered")))
        self.waiting[leg.q].remove(leg)
        leg.done = True
        hold, ring = str(now - v.enter), str(v.ringtime)
        self.emit(leg.call.uniqueid, leg.q, a.name, "CONNECT", hold, leg.ring_uid, ring)
        a.state = _TALK
        mean = self.talk[leg.q]
        talk = max(8, int(rng.lognormvariate(math.log(mean) - 0.245, 0.7)))
        r = rng.random()
        if r < 0.05:
            leg.outcome = "BLINDTRANSFER"
        elif r < 0.095:
            leg.outcome = "ATTENDEDTRANSFER"
            talk += self.ri(20, 150)  # the consultation counts in calltime
        else:
            leg.outcome = "COMPLETECALLER" if r < 0.55 else "COMPLETEAGENT"
        _push(self.heap, (now + talk, next(self.seq), self.hangup, (leg, a)))

    def hangup(self, leg: _Leg, a: _Agent) -> None:
        rng, now, v, call, q = self.rng, self.now, leg.visit, leg.call, leg.q
        tail = (str(v.answer - v.enter), str(now - v.answer), str(v.position))
        kind, to_q = leg.outcome, None
        if kind == "BLINDTRANSFER":
            others, r = self.other_queues(call, q), rng.random()
            if r < 0.45 and others:
                to_q = self.pick_one(others)
                ext, ctx = self.ext[to_q], "queues"
            elif r < 0.8:
                ext, ctx = str(self.ri(2001, 2100)), "from-internal"
            else:
                ext, ctx = "s", "ivr-survey"
            v.transfer = Transfer("blind", ext, ctx, to_q)
            self.emit(call.uniqueid, q, a.name, kind, ext, ctx, *tail)
        elif kind == "ATTENDEDTRANSFER":
            others = self.other_queues(call, q)
            if rng.random() < 0.25:
                app = "Queue" if others and rng.random() < 0.7 else "VoiceMail"
                to_q = self.pick_one(others) if app == "Queue" else None
                head = ("APP", app)
            else:
                head = ("BRIDGE", str(uuid.UUID(int=rng.getrandbits(128), version=4)))
            v.transfer = Transfer("attended-" + head[0].lower(), head[1], "", to_q)
            self.emit(call.uniqueid, q, a.name, kind, *head, *tail)
        else:
            self.emit(call.uniqueid, q, a.name, kind, *tail)
            if rng.random() < 0.04:  # QueueLog() from the agent's wrap-up form
                note = (call.uniqueid, q, a.name, "WRAPUPNOTE", self.pick_one(_NOTES))
                self.at(now + self.ri(2, _WRAPUP), self.emit, *note)
        v.end, v.outcome = now, kind
        a.state, a.last_end = _WRAP, now
        _push(self.heap, (now + _WRAPUP, next(self.seq), self.wrapped, (a,)))
        if to_q is not None:
            self.at(now + self.ri(0, 3), self.enter, call, to_q)
        else:
            self.call_done(call)

    def other_queues(self, call: Call, q: str) -> list[str]:
        """Where a transfer may send the caller; no ping-pong past three queue stays."""
        return [x for x in self.queues if x != q] if len(call.visits) < 3 else []

    def give_up(self, leg: _Leg, kind: str) -> None:
        """The caller's own exit: hang up, Queue() timeout or a key, maybe mid-ring."""
        if leg.done:
            return
        a = leg.agent
        if a is not None:
            elapsed = self.now - leg.ring_start
            ms = elapsed * 1000 - self.ri(0, 1000) if elapsed else self.ri(80, 999)
            event = "RINGNOANSWER" if kind == "EXITWITHTIMEOUT" else "RINGCANCELED"
            self.emit(leg.call.uniqueid, leg.q, a.name, event, str(max(1, ms)))
            result = "noanswer" if event == "RINGNOANSWER" else "canceled"
            offer = (a.m, leg.ring_uid, leg.ring_start, self.now, result)
            leg.visit.offers.append(_new(Offer, offer))
            leg.agent, leg.token, a.state = None, leg.token + 1, _IDLE
        self.exit(leg, kind)
        if a is not None:
            self.free(a)

    def exit(self, leg: _Leg, kind: str) -> None:
        waiting, v = self.waiting[leg.q], leg.visit
        pos = waiting.index(leg) + 1
        del waiting[pos - 1]
        leg.done = True
        v.end, v.outcome = self.now, kind
        tail = (str(pos), str(v.position), str(self.now - v.enter))
        if kind == "EXITWITHKEY":
            tail = (self.pick_one("1112"), *tail)
        self.emit(leg.call.uniqueid, leg.q, "NONE", kind, *tail)
        to_q = self.overflow[leg.q] if kind == "EXITWITHTIMEOUT" else None
        if to_q is not None and len(leg.call.visits) < 3:
            self.enter(leg.call, to_q)  # the dialplan's next line: Queue(<overflow>)
        else:
            self.call_done(leg.call)

    def call_done(self, call: Call) -> None:
        self.live -= 1
        if self.on_call is not None:
            self.on_call(call)


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
) -> Iterator[QueueEvent]:
    """Run the floor and yield queue_log events in time order.

    ``start_epoch`` is midnight (floor time) of the first day; the floor opens
    ~07:20 and closes ~20:45 each day.  ``calls_per_hour`` is the average over
    staffed hours.  Calls still open when ``hours`` run out are played to the end,
    so every ENTERQUEUE gets its terminal event.  ``on_call`` receives each
    :class:`Call` when it is over, for renderers that need whole calls (CDR).
    ``endless`` ignores ``hours`` and keeps adding days.
    """
    if not members:
        raise ValueError("a floor needs at least one member")
    queues = list(queues)
    unknown = sorted({q for m in members for q in m.queues} - set(queues))
    if unknown:
        raise ValueError(f"members use queues not in the queue list: {unknown}")
    end = sys.maxsize if endless else start_epoch + int(hours * 3600)
    floor = _Floor(members, queues, start_epoch, end, random.Random(seed), calls_per_hour, on_call)
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
