"""Every member's live state, kept in memory and moved on by each queue_log event.

The floor screen ticks every second for up to 1,000 seats; asking SQL each
second who is paused where would cost a core (STYLE.md: SQL is for start-up,
replay and reports). So the follower feeds each event it imports to a
`FloorState`, and after each poll hands the screen `snapshot(now)`, an
immutable `FloorSnapshot` (floortui.domain.floor_snapshot).

The events are read the way floortui.adapters.queue_log_derive reads them,
with every quirk of floortui's format notes: a pause is per queue; PAUSEALL's
`NONE` line is skipped because one PAUSE per queue follows it; a second PAUSE
continues the pause with a new reason; `ADDMEMBER|PAUSED` pauses with no PAUSE
line and no reason; an UNPAUSE for a pause never logged is harmless; QUEUESTART
forgets everyone; static members (no ADDMEMBER) are in a queue from the first
PAUSE, UNPAUSE, CONNECT or ring there. queue_log never says when a ring
*starts*: a ring is seen when it ends (RINGNOANSWER, RINGCANCELED, CONNECT), so
live the ringing state comes only from `ring()` (a source that sees rings
begin, or a replay that looks ahead); RINGNOANSWER and RINGCANCELED end it.

It also keeps each queue's waiting callers, so "callers waiting now" and "the
longest wait now" tick from the snapshot with no SQL: ENTERQUEUE opens a wait;
CONNECT, ABANDON, EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY, COMPLETE* and the
transfers in the same queue close it; a caller entering again (the same
callid, transferred back into a queue) supersedes their earlier wait;
QUEUESTART closes them all.

Pure Python: no SQL, no Textual. `dump()`/`load()` turn the state into JSON
and back, so the store can keep checkpoints of it (floortui.store.floor).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from types import MappingProxyType

from floortui.domain.floor_seat import Seat, member_state
from floortui.domain.floor_snapshot import FloorSnapshot, MemberState
from floortui.domain.floor_waiting import WAIT_ENDS, WaitingCallers

#: Positions in an event: [time, callid, queue, agent, event, data], data as written (a|b|c).
TIME, CALLID, QUEUE, AGENT, EVENT, DATA = range(6)
#: The version of `dump()`'s layout; `load()` refuses another.
DUMP_VERSION = 3  # 2: waiting callers; 3: a static member signs in when first ready
#: Events that end a ring: which data field holds its length, and per how many of a second.
_RING_ENDS = {"RINGNOANSWER": (0, 1000), "RINGCANCELED": (0, 1000), "CONNECT": (2, 1)}


def _reason(event: Sequence) -> str | None:
    """The first data field (a pause reason), or None where it was left empty."""
    data = event[DATA]
    if not data:
        return None
    return data.split("|", 1)[0] or None


class FloorState:
    """Each member's queues, pauses, current call and wrap-up, from queue_log events in order.

    `interfaces` maps an interface (`PJSIP/2001`) to its member name, so that
    ADDMEMBER/REMOVEMEMBER (interface) and PAUSE/CONNECT (name) meet on one
    member; `wrapup_s` is each queue's `wrapuptime` in seconds (queues.conf),
    `default_wrapup_s` the one for a queue not listed.

    Not thread-safe, and need not be: the follower applies each poll's events
    and takes the snapshot in its own thread, then hands the (immutable)
    snapshot to the screen.
    """

    def __init__(
        self,
        interfaces: Mapping[str, str] | None = None,
        wrapup_s: Mapping[str, int] | None = None,
        default_wrapup_s: int = 0,
    ) -> None:
        self.interfaces: MutableMapping[str, str] = dict(interfaces or {})
        self.wrapup_s: dict[str, int] = dict(wrapup_s or {})
        self.default_wrapup_s = default_wrapup_s
        self.seats: dict[str, Seat] = {}
        #: The newest event time applied (events are nearly, not strictly, in time order).
        self.last_time: int | None = None
        self._cache: dict[str, tuple[MemberState, float, float]] = {}
        #: The callers waiting in each queue now (floortui.domain.floor_waiting).
        self.callers = WaitingCallers()
        self._handlers = {
            "PAUSE": self._pause,
            "UNPAUSE": self._unpause,
            "ADDMEMBER": self._addmember,
            "REMOVEMEMBER": self._removemember,
            "CONNECT": self._connect,
            "COMPLETEAGENT": self._call_over,
            "COMPLETECALLER": self._call_over,
            "BLINDTRANSFER": self._call_over,
            "ATTENDEDTRANSFER": self._call_over,
            "TRANSFER": self._call_over,
            "RINGNOANSWER": self._ring_over,
            "RINGCANCELED": self._ring_over,
            "AGENTLOGIN": self._agent_login,
            "AGENTCALLBACKLOGIN": self._agent_login,
            "AGENTLOGOFF": self._agent_logoff,
            "AGENTCALLBACKLOGOFF": self._agent_logoff,
        }

    # -- feeding ---------------------------------------------------------------

    def apply(self, event: Sequence) -> None:
        """Apply one event ([time, callid, queue, agent, event, data]); time may be digits."""
        self.apply_all((event,))

    def apply_all(self, events: Iterable[Sequence]) -> None:
        """Apply events in file order (the hot path: a million take about a second)."""
        get = self._handlers.get
        callers = self.callers
        waiting = callers.calls
        ends = WAIT_ENDS
        last = self.last_time
        for event in events:
            t = event[0]
            if t.__class__ is not int:
                t = int(t)
            if last is None or t > last:
                last = t
            kind = event[4]
            handle = get(kind)
            if handle is not None:
                if kind in ends:  # CONNECT, COMPLETE*, transfers: a wait there is over
                    wait = waiting.get(event[1])
                    if wait is not None and wait[0] == event[2]:
                        del waiting[event[1]]
                        callers.changed = True
                agent = event[3]
                if agent and agent != "NONE":
                    handle(t, event, self._seat(agent, t))
            elif kind == "ENTERQUEUE":  # entering again supersedes the callid's last wait
                waiting.pop(event[1], None)
                waiting[event[1]] = [event[2], t, event[5]]
                callers.changed = True
            elif kind in ends:  # ABANDON, EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY
                wait = waiting.get(event[1])
                if wait is not None and wait[0] == event[2]:
                    del waiting[event[1]]
                    callers.changed = True
            elif kind == "QUEUESTART":
                self._queuestart(t)
            else:  # PENALTY, WRAPUPNOTE...: a sign of life from a member already known
                agent = event[3]
                seat = self.seats.get(self.interfaces.get(agent, agent)) if agent else None
                if seat is not None:
                    seat.last_event_at = t
                    self._cache.pop(seat.name, None)
        self.last_time = last

    def know(self, members: Iterable[str]) -> None:
        """Members the floor shows before any event names them (config's `agents:`)."""
        for name in members:
            if name not in self.seats:
                self.seats[name] = Seat(name)

    def learn_interface(self, interface: str, member: str) -> None:
        """A link learnt late (from a CDR): what was kept under the interface joins the member."""
        self.interfaces[interface] = member
        old = self.seats.pop(interface, None)
        if old is None or interface == member:
            if old is not None:
                self.seats[interface] = old
            return
        seat = self.seats.setdefault(member, Seat(member))
        for q, since in old.queues.items():
            seat.queues[q] = min(since, seat.queues.get(q, since))
        for q, pause in old.pauses.items():
            seat.pauses.setdefault(q, pause)
        seat.call = seat.call or old.call
        seat.agent_login = seat.agent_login or old.agent_login
        if (old.wrap_until or 0) > (seat.wrap_until or 0):
            seat.wrap_since, seat.wrap_until = old.wrap_since, old.wrap_until
        seat.free_at = max(seat.free_at or 0, old.free_at or 0) or None
        signed_in = [t for t in (seat.signed_in_at, old.signed_in_at) if t is not None]
        seat.signed_in_at = min(signed_in) if signed_in else None
        seat.last_event_at = max(seat.last_event_at or 0, old.last_event_at or 0) or None
        self._settle(seat, max(seat.last_event_at or 0, seat.idle_since or 0))
        self._cache.pop(interface, None)
        self._cache.pop(member, None)

    def ring(self, agent: str, callid: str, queue: str, since: int) -> None:
        """A member starts ringing for a caller (from a source that sees rings begin)."""
        seat = self._seat(agent, since)
        if seat.call is None or seat.call[3] is None:
            self._join(seat, queue, since)
            seat.call = [callid, queue, since, None]

    def rings_seen_later(self, events: Iterable[Sequence], at: int) -> int:
        """Mark who was ringing at `at`, from the events after it that end those rings.

        queue_log only logs a ring when it ends: a RINGNOANSWER or RINGCANCELED
        (ring time in ms) or a CONNECT (ring time in s, third field) after `at`
        whose ring began at or before `at` means that member rang at `at`. For
        a replayed moment, not a live one; returns how many rings were marked.
        """
        marked = 0
        for event in events:
            t = int(event[0])
            kind = event[4]
            if t <= at or kind not in _RING_ENDS:
                continue
            fields = (event[DATA] or "").split("|")
            index, scale = _RING_ENDS[kind]
            ring = fields[index] if len(fields) > index else ""
            if not ring.isdigit() or ring == "0":
                continue
            started = t - int(ring) // scale
            agent = event[AGENT]
            seat = self.seats.get(self.interfaces.get(agent, agent))
            if started <= at and seat is not None and seat.call is None:
                seen = seat.last_event_at  # the ring's end is not an event at `at`
                self.ring(agent, event[CALLID], event[QUEUE], started)
                seat.last_event_at = seen
                marked += 1
        return marked

    # -- reading ---------------------------------------------------------------

    def snapshot(self, now: int) -> FloorSnapshot:
        """Every member as they stand at `now`; members unchanged since the last one are reused."""
        cache = self._cache
        for name, seat in self.seats.items():
            cached = cache.get(name)
            if cached is None or not cached[1] <= now < cached[2]:
                cache[name] = member_state(seat, now)
        members = {name: cache[name][0] for name in self.seats}
        return FloorSnapshot(now, MappingProxyType(members), self.last_time, self.callers.view(now))

    def basis(self) -> str:
        """What else than the events this state depends on: links and wrap-up times, hashed.

        Two states built from the same events on another basis differ, so a
        checkpoint is only used by a state of the same basis.
        """
        settings = [sorted(self.interfaces.items()), sorted(self.wrapup_s.items()),
                    self.default_wrapup_s, DUMP_VERSION]  # fmt: skip
        text = json.dumps(settings, separators=(",", ":"))
        return hashlib.sha1(text.encode()).hexdigest()[:16]

    def dump(self) -> dict:
        """The state as plain JSON-ready data (a checkpoint in the store).

        It shares the state's own lists: serialise it before applying more events.
        """
        return {
            "version": DUMP_VERSION,
            "last_time": self.last_time,
            "members": {name: seat.dump() for name, seat in self.seats.items()},
            "waiting": self.callers.dump(),
        }

    @classmethod
    def load(
        cls,
        data: Mapping,
        interfaces: Mapping[str, str] | None = None,
        wrapup_s: Mapping[str, int] | None = None,
        default_wrapup_s: int = 0,
    ) -> FloorState:
        """A state from `dump()`'s data, to carry on applying events after it."""
        if data.get("version") != DUMP_VERSION:
            raise ValueError(f"floor state dump version {data.get('version')!r} is not "
                             f"{DUMP_VERSION}")  # fmt: skip
        state = cls(interfaces, wrapup_s, default_wrapup_s)
        state.last_time = data["last_time"]
        state.seats = {name: Seat.load(name, row) for name, row in data["members"].items()}
        state.callers.load(data["waiting"])
        return state

    # -- one member ---------------------------------------------------------------

    def _seat(self, agent: str, t: int) -> Seat:
        name = self.interfaces.get(agent, agent)
        seat = self.seats.get(name)
        if seat is None:
            seat = self.seats[name] = Seat(name)
        seat.last_event_at = t
        self._cache.pop(name, None)
        return seat

    def _settle(self, seat: Seat, t: int) -> None:
        """After an event: the member's state when not on a call, and since when."""
        if seat.queues:
            pauses = seat.pauses
            idle = "paused" if all(q in pauses for q in seat.queues) else "ready"
        else:
            idle = "ready" if seat.agent_login is not None else "logged_off"
        if idle != seat.idle:
            seat.idle, seat.idle_since = idle, t
            if idle == "logged_off":
                seat.signed_in_at = None
        # Signing in is what floortui.domain.sign_in says: ADDMEMBER (paused or not, see
        # _addmember) or AGENTLOGIN; a static member, at the end of their first pause or
        # their first activity: the first moment they are ready (or on a call).
        if idle == "ready" and seat.signed_in_at is None:
            seat.signed_in_at = t

    def _join(self, seat: Seat, queue: str, t: int, settle: bool = True) -> None:
        if queue not in seat.queues and queue != "NONE":
            seat.queues[queue] = t
            if settle:
                self._settle(seat, t)

    def _pause(self, t: int, ev: Sequence, seat: Seat) -> None:
        queue = ev[QUEUE]
        if queue == "NONE":  # PAUSEALL-style: one PAUSE line per queue follows
            return
        self._join(seat, queue, t, settle=False)  # joined paused: never ready in between
        reason = _reason(ev)
        pause = seat.pauses.get(queue)
        if pause is None:
            seat.pauses[queue] = [t, reason, t]
        elif pause[1] != reason:  # a second PAUSE: the pause goes on with a new reason
            pause[1], pause[2] = reason, t
        self._settle(seat, t)

    def _unpause(self, t: int, ev: Sequence, seat: Seat) -> None:
        queue = ev[QUEUE]
        if queue == "NONE":
            return
        self._join(seat, queue, t)
        seat.pauses.pop(queue, None)
        self._settle(seat, t)

    def _addmember(self, t: int, ev: Sequence, seat: Seat) -> None:
        queue = ev[QUEUE]
        seat.queues.setdefault(queue, t)  # a repeated ADDMEMBER: the session goes on
        if (ev[DATA] or "").split("|", 1)[0].upper() == "PAUSED" and queue not in seat.pauses:
            seat.pauses[queue] = [t, None, t]
        if seat.signed_in_at is None:  # added paused is signed in too
            seat.signed_in_at = t
        self._settle(seat, t)

    def _removemember(self, t: int, ev: Sequence, seat: Seat) -> None:
        queue = ev[QUEUE]
        seat.queues.pop(queue, None)
        seat.pauses.pop(queue, None)
        self._settle(seat, t)

    def _agent_login(self, t: int, ev: Sequence, seat: Seat) -> None:
        if ev[QUEUE] == "NONE":
            seat.agent_login = t
            self._settle(seat, t)
        else:
            self._join(seat, ev[QUEUE], t)

    def _agent_logoff(self, t: int, ev: Sequence, seat: Seat) -> None:
        seat.agent_login = None
        if ev[QUEUE] == "NONE":
            seat.queues.clear()
            seat.pauses.clear()
        else:
            seat.queues.pop(ev[QUEUE], None)
            seat.pauses.pop(ev[QUEUE], None)
        self._settle(seat, t)

    def _connect(self, t: int, ev: Sequence, seat: Seat) -> None:
        self._join(seat, ev[QUEUE], t)
        seat.call = [ev[CALLID], ev[QUEUE], t, t]
        seat.wrap_since = seat.wrap_until = None

    def _call_over(self, t: int, ev: Sequence, seat: Seat) -> None:
        call = seat.call
        if call is not None and call[0] != ev[CALLID]:
            return  # the end of another call than the one under way (a missed CONNECT)
        queue = ev[QUEUE]
        seat.call = None
        seat.wrap_since = t
        seat.wrap_until = seat.free_at = t + self.wrapup_s.get(queue, self.default_wrapup_s)

    def _ring_over(self, t: int, ev: Sequence, seat: Seat) -> None:
        self._join(seat, ev[QUEUE], t)
        call = seat.call
        if call is None or (call[3] is None and call[0] == ev[CALLID]):
            seat.call = None
            if (ev[DATA] or "0") != "0":  # it rang until now (a busy `0` never rang)
                seat.free_at = t

    def _queuestart(self, t: int) -> None:
        """Asterisk restarted: nobody's queues, pauses, calls or waits are known any more."""
        self.callers.clear()
        for seat in self.seats.values():
            seat.queues.clear()
            seat.pauses.clear()
            seat.agent_login = seat.call = seat.wrap_since = seat.wrap_until = None
            seat.free_at = None
            self._settle(seat, t)
        self._cache.clear()
