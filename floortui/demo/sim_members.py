"""The simulated floor's day plan and its members: shifts, sign-ins, breaks, pauses.

One half of :class:`floortui.demo.simulate._Floor` (the other is
:mod:`floortui.demo.sim_callers`); the handlers run in time order from the
event heap and append queue_log events with ``emit``.
"""

from __future__ import annotations

from floortui.demo.sim_base import (
    _BUCKET,
    _IDLE,
    _OCCUPANCY,
    _SHIFT_HOURS,
    _SHIFT_STARTS,
    _SHRINKAGE,
    _WRAPUP,
    FloorBase,
    _Member,
)


class MemberMoves(FloorBase):
    """What members and the day plan do: the handlers the event heap calls for them."""

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
            if self.on_shift is not None:  # the roster: the shift as planned, not as worked
                self.on_shift(a.m.name, s, e)
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
    def login(self, a: _Member) -> None:
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

    def login_unpause(self, a: _Member, tok: int) -> None:
        if a.on and a.btok == tok and a.brk is None:
            self.unpause_all(a, "")

    def logout(self, a: _Member) -> None:
        """Shift over: nobody logs off mid-call or mid-break, they finish it first."""
        if a.on:
            a.leaving = True
            if a.state == _IDLE and a.brk is None:
                self.do_logout(a)

    def do_logout(self, a: _Member) -> None:
        a.on = a.leaving = False
        a.brk, a.btok = None, a.btok + 1
        if not a.static:
            a.paused.clear()
            via = "MANAGER" if self.rng.random() < 0.3 else self.uid()
            for q in a.queues:
                self.emit(via, q, a.iface, "REMOVEMEMBER")
        self.check_empty(a.queues)

    def pause_all(self, a: _Member, reason: str) -> None:
        """PAUSEALL as app_queue logs it: name, no reason, then PAUSE per queue."""
        if self.rng.random() < 0.7:
            self.emit("NONE", "NONE", a.name, "PAUSEALL")
        for q in a.queues:
            self.emit("NONE", q, a.name, "PAUSE", reason)
            a.paused[q] = reason
        a.ptoks.clear()
        self.check_empty(a.queues)

    def unpause_all(self, a: _Member, reason: str) -> None:
        if self.rng.random() < 0.7:
            self.emit("NONE", "NONE", a.name, "UNPAUSEALL")
        for q in a.queues:
            self.emit("NONE", q, a.name, "UNPAUSE", reason)
        a.paused.clear()
        a.ptoks.clear()
        self.offer(a)

    def pause_break(self, a: _Member, reason: str, dur: int) -> None:
        if not a.on or a.leaving or a.brk is not None:
            return
        a.brk, a.btok = reason, a.btok + 1
        self.pause_all(a, reason)
        self.at(self.now + dur, self.end_break, a, a.btok)

    def end_break(self, a: _Member, tok: int) -> None:
        if a.on and a.btok == tok:
            reason, a.brk = a.brk or "", None
            self.unpause_all(a, reason)
            if a.leaving and a.state == _IDLE:
                self.do_logout(a)

    def auto_pause_over(self, a: _Member, q: str, tok: int) -> None:
        """The member notices the Auto-Pause: unpause, or turn it into a break."""
        if not a.on or a.brk is not None or a.ptoks.get(q) != tok:
            return
        if self.rng.random() < 0.3:
            self.pause_break(a, "Break", self.ri(300, 720))
        else:
            del a.paused[q], a.ptoks[q]
            self.emit("NONE", q, a.name, "UNPAUSE", "")
            self.offer(a)

    def walk_away(self, a: _Member, dur: int) -> None:
        a.away_until = self.now + dur

    def set_penalty(self, a: _Member, q: str, p: int) -> None:
        if a.on:
            a.penalty[q] = p
            self.emit("NONE", q, a.iface, "PENALTY", str(p))

    def direct_done(self, a: _Member) -> None:
        a.state = _IDLE
        self.free(a)

    def wrapped(self, a: _Member) -> None:
        a.state = _IDLE
        self.free(a)

    def free(self, a: _Member) -> None:
        if a.leaving and a.brk is None:
            self.do_logout(a)
        else:
            self.offer(a)

    def offer(self, a: _Member) -> None:
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
