"""The simulated floor's callers: arrivals, queueing, rings, answers, transfers, exits.

One half of :class:`floortui.demo.simulate._Floor` (the other is
:mod:`floortui.demo.sim_members`).
"""

from __future__ import annotations

import math
import uuid

from floortui.demo.calls import Call, Offer, QueueVisit, Transfer
from floortui.demo.sim_base import (
    _AREAS,
    _DIRECT,
    _IDLE,
    _NOTES,
    _P_BUSY,
    _P_NOANSWER,
    _RETRY,
    _RING,
    _RING_TIMEOUT,
    _TALK,
    _WRAP,
    _WRAPUP,
    FloorBase,
    _Leg,
    _Member,
    _new,
    _push,
)


class CallerMoves(FloorBase):
    """What callers do, and what ringing a member leads to."""

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

    def pick(self, q: str, avoid: _Member | None) -> _Member | None:
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

    def ring(self, leg: _Leg, a: _Member) -> None:
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

    def retry_later(self, leg: _Leg, a: _Member) -> None:
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

    def connect(self, leg: _Leg, a: _Member) -> None:
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

    def hangup(self, leg: _Leg, a: _Member) -> None:
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
