"""Turn queue_log events, in file order, into calls, rings, member pauses and sessions.

This is the one place that knows what each app_queue event means and which data
field holds what (see the format notes). It is pure Python: the importer feeds it
parsed events and persists the rows it marks as changed, so the same rules serve
a one-off import, a followed live log and a rebuild from the raw events.

State that outlives a batch (calls still waiting or talking, pauses and
sessions still open) is kept in memory and written with every batch, so a
restarted importer picks it up again from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from floortui.adapters.plausible import MAX_DURATION_S, implausible_duration
from floortui.adapters.queue_log_members import (
    _MISSING,
    AGENT,
    CALLID,
    DATA,
    EVENT,
    QUEUE,
    TIME,
    MemberEvents,
    _data,
)
from floortui.store.rows import (
    C_ANSWERED_AT,
    C_CALLER_NUMBER,
    C_CALLID,
    C_ENDED_AT,
    C_ENTERED_AT,
    C_ENTERED_LOGGED,
    C_EXIT_KEY,
    C_ID,
    C_LAST_EVENT_ID,
    C_MEMBER,
    C_MEMBER_UNIQUEID,
    C_ORIGINAL_POSITION,
    C_OUTCOME,
    C_POSITION,
    C_QUEUE,
    C_RING_S,
    C_TALK_S,
    C_TRANSFERRED_TO,
    C_WAIT_S,
    Changes,
    PauseRow,
    SessionRow,
)  # fmt: skip

#: Outcome given to a call whose end was never logged before the next QUEUESTART.
CUT_BY_RESTART = "QUEUESTART"
#: Outcome given to a call whose caller entered the same queue again before it ended.
SUPERSEDED = "REENTERED"
DAY = MAX_DURATION_S
DAY_MS = MAX_DURATION_S * 1000


def _int(value: str | None) -> int | None:
    """A numeric data field, or None where the writer left it empty or odd."""
    if not value:
        return None
    if value.isdigit():
        return int(value)
    try:
        return int(float(value))
    except (ValueError, OverflowError):  # "inf" is a float, but no number of seconds
        return None


#: Positions in an event: [time, callid, queue, agent, event, data], data as written (a|b|c).
#: The time may still be the epoch's digits as text: the store's INTEGER columns take either,
#: and the few sums below convert it.
#: A new call's columns from answered_at to entered_logged: all unknown yet, logged = 0.
_EMPTY_MIDDLE = (None,) * 13 + (0,)


class QueueLogDeriver(MemberEvents):
    """Applies queue_log events to the open calls, pauses and sessions.

    `interfaces` maps an interface (`PJSIP/2001`) to its member name, so that
    ADDMEMBER/REMOVEMEMBER (interface) and PAUSE/CONNECT (name) meet. Calls
    are lists in the calls table's column order (they are the hot path);
    pauses and sessions, a few per member a day, are objects.
    """

    def __init__(
        self,
        interfaces: dict[str, str],
        known_members: Iterable[str] = (),
        open_calls: Iterable[list] = (),
        open_pauses: Iterable[PauseRow] = (),
        open_sessions: Iterable[SessionRow] = (),
        next_ids: tuple[int, int, int] = (1, 1, 1),
    ) -> None:
        self.interfaces = interfaces
        self.known_members = set(known_members)
        self.open_calls = {(c[C_CALLID], c[C_QUEUE]): list(c) for c in open_calls}
        self.open_pauses = {(p.member, p.queue): p for p in open_pauses}
        self.open_sessions = {(s.member, s.queue): s for s in open_sessions}
        self.next_call_id, self.next_pause_id, self.next_session_id = next_ids
        self.changes = Changes()
        self._dirty_calls = self.changes.calls
        self.source_id: int | None = None
        #: (event id it would have had, reason) for events refused since the last take
        self.rejected: list[tuple[int, str]] = []
        self._handlers: dict[str, Callable[[int, list], bool | None]] = {
            "ENTERQUEUE": self._enterqueue,
            "CONNECT": self._connect,
            "COMPLETEAGENT": self._complete,
            "COMPLETECALLER": self._complete,
            "ABANDON": self._left_queue,
            "EXITWITHTIMEOUT": self._left_queue,
            "EXITEMPTY": self._left_queue,
            "EXITWITHKEY": self._exit_with_key,
            "BLINDTRANSFER": self._transfer,
            "TRANSFER": self._transfer,
            "ATTENDEDTRANSFER": self._attended_transfer,
            "RINGNOANSWER": self._ring,
            "RINGCANCELED": self._ring,
            "PAUSE": self._pause,
            "UNPAUSE": self._unpause,
            "ADDMEMBER": self._addmember,
            "REMOVEMEMBER": self._removemember,
            "QUEUESTART": self._queuestart,
            "AGENTLOGIN": self._agent_login,
            "AGENTCALLBACKLOGIN": self._agent_login,
            "AGENTLOGOFF": self._agent_logoff,
            "AGENTCALLBACKLOGOFF": self._agent_logoff,
        }

    def feed_all(self, first_id: int, events: list[list]) -> None:
        """Apply a batch of events, in file order, numbered from `first_id` (the hot path).

        An event whose durations cannot be (see floortui.adapters.plausible) is
        refused before it changes anything and listed in `rejected`; the next
        event takes its id, so the ids match the events that are stored.
        """
        get = self._handlers.get
        event_id = first_id - 1
        for event in events:
            event_id += 1
            handle = get(event[EVENT])
            if handle is not None and handle(event_id, event):
                event_id -= 1

    def _reject(self, event_id: int, name: str, raw: str, value: int, unit: str = "s") -> bool:
        self.rejected.append((event_id, implausible_duration(name, raw, value, unit=unit)))
        return True

    def take_changes(self) -> Changes:
        """Hand over what changed since the last call, as snapshots the next batch cannot alter."""
        changes, self.changes = self.changes, Changes()
        self._dirty_calls = self.changes.calls
        # A call still open may change again in the next batch: hand over a copy of it.
        # An ended call is out of open_calls and never touched again: it goes as it is.
        changes.calls = [
            call if call[C_ENDED_AT] is not None else tuple(call) for call in changes.calls.values()
        ]
        changes.pauses = [pause.as_tuple() for pause in changes.pauses.values()]
        changes.sessions = [session.as_tuple() for session in changes.sessions.values()]
        return changes

    # -- members --------------------------------------------------------------

    def member(self, agent: str) -> str:
        """The member name for an agent field, which is a name or an interface."""
        name = self.interfaces.get(agent, agent)
        if name not in self.known_members:
            self.known_members.add(name)
            self.changes.new_members.append(name)
        return name

    # -- calls ----------------------------------------------------------------

    def _new_call(self, event_id: int, callid: str, queue: str, entered_at: int | None) -> list:
        call_id = self.next_call_id
        self.next_call_id = call_id + 1
        call = [call_id, callid, queue, entered_at, *_EMPTY_MIDDLE, self.source_id, event_id,
                event_id]  # fmt: skip
        self.open_calls[(callid, queue)] = call
        self._dirty_calls[call_id] = call
        return call

    def _call(self, event_id: int, event: list) -> list | None:
        call = self.open_calls.get((event[CALLID], event[QUEUE]))
        if call is not None:
            call[C_LAST_EVENT_ID] = event_id
            self._dirty_calls[call[C_ID]] = call
        return call

    def _call_seen_late(self, event_id: int, event: list) -> list:
        """The open call for this event, or one whose ENTERQUEUE came before the log began."""
        call = self.open_calls.get((event[CALLID], event[QUEUE]))
        if call is None:
            return self._new_call(event_id, event[CALLID], event[QUEUE], None)
        call[C_LAST_EVENT_ID] = event_id
        self._dirty_calls[call[C_ID]] = call
        return call

    def _end_call(self, call: list, time: int, outcome: str) -> None:
        call[C_ENDED_AT] = time
        call[C_OUTCOME] = outcome
        del self.open_calls[(call[C_CALLID], call[C_QUEUE])]
        if call[C_ENTERED_AT] is None:
            call[C_ENTERED_AT] = int(time) - (call[C_TALK_S] or 0) - (call[C_WAIT_S] or 0)

    def _enterqueue(self, eid: int, ev: list) -> None:
        data = ev[DATA]
        d = data.split("|") if data else _MISSING
        if len(d) < 3:
            d += _MISSING
        callid, queue = ev[CALLID], ev[QUEUE]
        earlier = self.open_calls.get((callid, queue))
        if earlier is not None:
            self._call(eid, ev)
            self._end_call(earlier, ev[TIME], SUPERSEDED)
        call = self._new_call(eid, callid, queue, ev[TIME])
        call[C_ENTERED_LOGGED] = 1
        call[C_CALLER_NUMBER] = d[1] or None
        position = d[2]
        call[C_POSITION] = call[C_ORIGINAL_POSITION] = (
            int(position) if position and position.isdigit() else _int(position)
        )

    def _connect(self, eid: int, ev: list) -> bool | None:
        # The hot path: fields split and the open call found inline, not through helpers.
        data = ev[DATA]
        d = data.split("|") if data else _MISSING
        if len(d) < 3:
            d += _MISSING
        hold, ring_text = d[0], d[2]
        wait = int(hold) if hold and hold.isdigit() else _int(hold)
        ring = int(ring_text) if ring_text and ring_text.isdigit() else _int(ring_text)
        if wait is not None and (wait < 0 or wait > DAY):
            return self._reject(eid, "hold time", hold, wait)
        if ring is not None and (ring < 0 or ring > DAY):
            return self._reject(eid, "ring time", ring_text, ring)
        call = self.open_calls.get((ev[CALLID], ev[QUEUE]))
        if call is None:
            call = self._new_call(eid, ev[CALLID], ev[QUEUE], None)
        else:
            call[C_LAST_EVENT_ID] = eid
            self._dirty_calls[call[C_ID]] = call
        t = ev[TIME]
        call[C_ANSWERED_AT] = t
        call[C_WAIT_S] = wait
        call[C_MEMBER_UNIQUEID] = d[1] or None
        call[C_RING_S] = ring
        agent = ev[AGENT]
        name = self.interfaces.get(agent, agent)
        call[C_MEMBER] = name if name in self.known_members else self.member(agent)
        if call[C_ENTERED_AT] is None and wait is not None:
            call[C_ENTERED_AT] = int(t) - wait

    def _held_talked(self, eid: int, hold: str | None, talk: str | None) -> int | bool | None:
        """Talk seconds of an answered call's end, or False (refused) if hold or talk cannot be.

        The hold time is read again only when the call has none (CONNECT gave
        it); here it is checked with a look at its digits, the common case.
        """
        talk_s = int(talk) if talk and talk.isdigit() else _int(talk)
        if talk_s is not None and (talk_s < 0 or talk_s > DAY):
            self._reject(eid, "talk time", talk, talk_s)
            return False
        if hold and not (len(hold) < 5 and hold.isdigit()):
            hold_s = _int(hold)
            if hold_s is not None and (hold_s < 0 or hold_s > DAY):
                self._reject(eid, "hold time", hold, hold_s)
                return False
        return talk_s

    def _answered_end(self, call: list, ev: list, hold: str | None, talk_s: int | None) -> None:
        if call[C_WAIT_S] is None:
            call[C_WAIT_S] = _int(hold)
        call[C_TALK_S] = talk_s
        agent = ev[AGENT]
        if call[C_MEMBER] is None and agent and agent != "NONE":
            call[C_MEMBER] = self.member(agent)
        if call[C_ANSWERED_AT] is None and talk_s is not None:
            call[C_ANSWERED_AT] = int(ev[TIME]) - talk_s

    def _complete(self, eid: int, ev: list) -> bool | None:
        data = ev[DATA]
        d = data.split("|") if data else _MISSING
        if len(d) < 2:
            d += _MISSING
        hold, talk = d[0], d[1]
        if (
            talk
            and talk.isdigit()
            and len(talk) < 5
            and (not hold or (len(hold) < 5 and hold.isdigit()))
        ):
            talk_s = int(talk)  # the common case: both plainly under a day
        else:
            talk_s = self._held_talked(eid, hold, talk)
            if talk_s is False:
                return True
        call = self.open_calls.get((ev[CALLID], ev[QUEUE]))
        if call is None:
            call = self._new_call(eid, ev[CALLID], ev[QUEUE], None)
        else:
            call[C_LAST_EVENT_ID] = eid
            self._dirty_calls[call[C_ID]] = call
        self._answered_end(call, ev, hold, talk_s)
        self._end_call(call, ev[TIME], ev[EVENT])
        return None

    def _left_queue(self, eid: int, ev: list) -> bool | None:
        d = _data(ev)
        wait = _int(d[2])
        if wait is not None and (wait < 0 or wait > DAY):
            return self._reject(eid, "wait time", d[2], wait)
        call = self._call_seen_late(eid, ev)
        call[C_POSITION] = _int(d[0])
        call[C_ORIGINAL_POSITION] = _int(d[1]) or call[C_ORIGINAL_POSITION]
        call[C_WAIT_S] = wait
        self._end_call(call, ev[TIME], ev[EVENT])
        return None

    def _exit_with_key(self, eid: int, ev: list) -> bool | None:
        d = _data(ev)
        wait = _int(d[3])
        if wait is not None and (wait < 0 or wait > DAY):
            return self._reject(eid, "wait time", d[3], wait)
        call = self._call_seen_late(eid, ev)
        call[C_EXIT_KEY] = d[0] or None
        call[C_POSITION] = _int(d[1])
        call[C_ORIGINAL_POSITION] = _int(d[2]) or call[C_ORIGINAL_POSITION]
        call[C_WAIT_S] = wait
        self._end_call(call, ev[TIME], "EXITWITHKEY")
        return None

    def _transfer(self, eid: int, ev: list) -> bool | None:
        d = _data(ev)
        talk_s = self._held_talked(eid, d[2], d[3])
        if talk_s is False:
            return True
        call = self._call_seen_late(eid, ev)
        extension, context = d[0], d[1]
        call[C_TRANSFERRED_TO] = f"{extension}@{context}" if context else extension
        self._answered_end(call, ev, d[2], talk_s)
        self._end_call(call, ev[TIME], ev[EVENT])
        return None

    def _attended_transfer(self, eid: int, ev: list) -> bool | None:
        d = _data(ev)
        # BRIDGE|bridge-id and APP|app take two fields; LINK|chan|chan takes three.
        skip = 3 if d[0] == "LINK" else 2
        talk_s = self._held_talked(eid, d[skip], d[skip + 1])
        if talk_s is False:
            return True
        call = self._call_seen_late(eid, ev)
        call[C_TRANSFERRED_TO] = "|".join(x for x in d[:skip] if x) or None
        self._answered_end(call, ev, d[skip], talk_s)
        self._end_call(call, ev[TIME], "ATTENDEDTRANSFER")
        return None

    def _ring(self, eid: int, ev: list) -> bool | None:
        d = _data(ev)
        ring_ms = _int(d[0])
        if ring_ms is not None and (ring_ms < 0 or ring_ms > DAY_MS):
            return self._reject(eid, "ring time", d[0], ring_ms, unit="ms")
        call = self._call(eid, ev)
        self.changes.rings.append(
            (
                call[C_ID] if call is not None else None,
                ev[CALLID],
                ev[QUEUE],
                self.member(ev[AGENT]),
                ev[TIME],
                ev[EVENT],
                ring_ms,
            )
        )
        return None

    def _queuestart(self, eid: int, ev: list) -> None:
        """After a restart nobody's state is known: close every open call, pause and session."""
        t = int(ev[TIME])
        for call in list(self.open_calls.values()):
            call[C_LAST_EVENT_ID] = eid
            self.changes.calls[call[C_ID]] = call
            self._end_call(call, t, CUT_BY_RESTART)
        for member, q in list(self.open_pauses):
            self._close_pause(member, q, t, "QUEUESTART")
        for member, q in list(self.open_sessions):
            self._close_session(member, q, t, "QUEUESTART")
