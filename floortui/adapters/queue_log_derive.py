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

import json
from collections.abc import Callable, Iterable

from floortui.store.rows import CallRow, Changes, PauseRow, SessionRow

#: Events after which a caller has left the queue, one per queue entry.
TERMINAL_EVENTS = frozenset(
    {
        "COMPLETEAGENT", "COMPLETECALLER", "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY",
        "EXITWITHKEY", "BLINDTRANSFER", "ATTENDEDTRANSFER", "TRANSFER",
    }
)  # fmt: skip
#: Outcome given to a call whose end was never logged before the next QUEUESTART.
CUT_BY_RESTART = "QUEUESTART"
#: Outcome given to a call whose caller entered the same queue again before it ended.
SUPERSEDED = "REENTERED"


def _int(value: str | None) -> int | None:
    """A numeric data field, or None where the writer left it empty or odd."""
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        try:
            return int(float(value))
        except ValueError:
            return None


#: Where data1 sits in an event list: [time, callid, queue, agent, event, data1..data5, extra, ...]
_DATA = 5


def _field(event: list, index: int) -> str | None:
    """data<index+1> of a stored event list (always present, None when the line had fewer)."""
    return event[_DATA + index]


class QueueLogDeriver:
    """Applies queue_log events to the open calls, pauses and sessions.

    `interfaces` maps an interface (`PJSIP/2001`) to its member name, so that
    ADDMEMBER/REMOVEMEMBER (interface) and PAUSE/CONNECT (name) meet.
    """

    def __init__(
        self,
        interfaces: dict[str, str],
        known_members: Iterable[str] = (),
        open_calls: Iterable[CallRow] = (),
        open_pauses: Iterable[PauseRow] = (),
        open_sessions: Iterable[SessionRow] = (),
        next_ids: tuple[int, int, int] = (1, 1, 1),
    ) -> None:
        self.interfaces = interfaces
        self.known_members = set(known_members)
        self.open_calls = {(c.callid, c.queue): c for c in open_calls}
        self.open_pauses = {(p.member, p.queue): p for p in open_pauses}
        self.open_sessions = {(s.member, s.queue): s for s in open_sessions}
        self.next_call_id, self.next_pause_id, self.next_session_id = next_ids
        self.changes = Changes()
        self.source_id: int | None = None
        self._handlers: dict[str, Callable[[int, int, str, str, str, list[str]], None]] = {
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

    def take_changes(self) -> Changes:
        """Hand over what changed since the last call, and forget closed rows."""
        changes, self.changes = self.changes, Changes()
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

    def _new_call(self, event_id: int, callid: str, queue: str, entered_at: int | None) -> CallRow:
        call = CallRow.__new__(CallRow)
        call.id = self.next_call_id
        self.next_call_id += 1
        call.callid = callid
        call.queue = queue
        call.entered_at = entered_at
        call.answered_at = call.ended_at = call.wait_s = call.talk_s = call.ring_s = None
        call.outcome = call.member = call.caller_number = None
        call.position = call.original_position = None
        call.exit_key = call.member_uniqueid = call.transferred_to = None
        call.entered_logged = 0
        call.source_id = self.source_id
        call.first_event_id = call.last_event_id = event_id
        return call

    def _call(self, event_id: int, callid: str, queue: str) -> CallRow | None:
        call = self.open_calls.get((callid, queue))
        if call is not None:
            call.last_event_id = event_id
            self.changes.calls[call.id] = call
        return call

    def _call_seen_late(self, event_id: int, time: int, callid: str, queue: str) -> CallRow:
        """A call whose ENTERQUEUE is not in the log (it started before the log did)."""
        call = self._call(event_id, callid, queue)
        if call is None:
            call = self._new_call(event_id, callid, queue, None)
            self.open_calls[(callid, queue)] = call
            self.changes.calls[call.id] = call
        return call

    def _end_call(self, call: CallRow, time: int, outcome: str) -> None:
        call.ended_at = time
        call.outcome = outcome
        del self.open_calls[(call.callid, call.queue)]
        if call.entered_at is None:
            call.entered_at = time - (call.talk_s or 0) - (call.wait_s or 0)

    def _enterqueue(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        earlier = self._call(eid, callid, queue)
        if earlier is not None:
            self._end_call(earlier, t, SUPERSEDED)
        call = self._new_call(eid, callid, queue, t)
        call.entered_logged = 1
        call.caller_number = _field(d, 1) or None
        call.position = call.original_position = _int(_field(d, 2))
        self.open_calls[(callid, queue)] = call
        self.changes.calls[call.id] = call

    def _connect(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        call = self._call_seen_late(eid, t, callid, queue)
        call.answered_at = t
        call.wait_s = _int(_field(d, 0))
        call.member_uniqueid = _field(d, 1) or None
        call.ring_s = _int(_field(d, 2))
        call.member = self.member(agent)
        if call.entered_at is None and call.wait_s is not None:
            call.entered_at = t - call.wait_s

    def _answered_end(self, call: CallRow, t: int, agent: str, hold: str | None, talk: str | None):
        if call.wait_s is None:
            call.wait_s = _int(hold)
        call.talk_s = _int(talk)
        if call.member is None and agent and agent != "NONE":
            call.member = self.member(agent)
        if call.answered_at is None and call.talk_s is not None:
            call.answered_at = t - call.talk_s

    def _complete(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        call = self._call_seen_late(eid, t, callid, queue)
        self._answered_end(call, t, agent, _field(d, 0), _field(d, 1))
        self._end_call(call, t, self._current_event)

    def _left_queue(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        call = self._call_seen_late(eid, t, callid, queue)
        call.position = _int(_field(d, 0))
        call.original_position = _int(_field(d, 1)) or call.original_position
        call.wait_s = _int(_field(d, 2))
        self._end_call(call, t, self._current_event)

    def _exit_with_key(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        call = self._call_seen_late(eid, t, callid, queue)
        call.exit_key = _field(d, 0) or None
        call.position = _int(_field(d, 1))
        call.original_position = _int(_field(d, 2)) or call.original_position
        call.wait_s = _int(_field(d, 3))
        self._end_call(call, t, "EXITWITHKEY")

    def _transfer(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        call = self._call_seen_late(eid, t, callid, queue)
        extension, context = _field(d, 0), _field(d, 1)
        call.transferred_to = f"{extension}@{context}" if context else extension
        self._answered_end(call, t, agent, _field(d, 2), _field(d, 3))
        self._end_call(call, t, self._current_event)

    def _attended_transfer(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        call = self._call_seen_late(eid, t, callid, queue)
        kind = _field(d, 0) or ""
        # BRIDGE|bridge-id and APP|app take two fields; LINK|chan|chan takes three.
        skip = 3 if kind == "LINK" else 2
        call.transferred_to = "|".join(x for x in d[_DATA : _DATA + skip] if x) or None
        self._answered_end(call, t, agent, _field(d, skip), _field(d, skip + 1))
        self._end_call(call, t, "ATTENDEDTRANSFER")

    def _ring(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        call = self._call(eid, callid, queue)
        self.changes.rings.append(
            (
                call.id if call is not None else None,
                callid,
                queue,
                self.member(agent),
                t,
                self._current_event,
                _int(_field(d, 0)),
            )
        )

    # -- pauses and sessions --------------------------------------------------

    def _open_pause(self, member: str, queue: str, t: int, reason: str | None, by: str) -> None:
        pause = PauseRow.__new__(PauseRow)
        pause.id = self.next_pause_id
        self.next_pause_id += 1
        pause.member, pause.queue, pause.started_at, pause.ended_at = member, queue, t, None
        pause.reason = reason
        pause.reason_history = json.dumps([[t, reason]])
        pause.started_by, pause.ended_by, pause.source_id = by, None, self.source_id
        self.open_pauses[(member, queue)] = pause
        self.changes.pauses[pause.id] = pause

    def _close_pause(self, member: str, queue: str, t: int, by: str) -> None:
        pause = self.open_pauses.pop((member, queue), None)
        if pause is not None:
            pause.ended_at, pause.ended_by = t, by
            self.changes.pauses[pause.id] = pause

    def _pause(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        if queue == "NONE":  # a PAUSEALL-style line; the per-queue lines that follow count
            return
        member = self.member(agent)
        reason = _field(d, 0) or None
        pause = self.open_pauses.get((member, queue))
        if pause is None:
            self._open_pause(member, queue, t, reason, "PAUSE")
            return
        # A second PAUSE (Auto-Pause, then Break) continues the pause with a new reason.
        history = json.loads(pause.reason_history or "[]")
        history.append([t, reason])
        pause.reason, pause.reason_history = reason, json.dumps(history)
        self.changes.pauses[pause.id] = pause

    def _unpause(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        if queue != "NONE":
            self._close_pause(self.member(agent), queue, t, "UNPAUSE")

    def _open_session(self, member: str, interface: str | None, queue: str | None, t: int,
                      paused: bool, by: str) -> None:  # fmt: skip
        self._close_session(member, queue, t, by)
        session = SessionRow.__new__(SessionRow)
        session.id = self.next_session_id
        self.next_session_id += 1
        session.member, session.interface, session.queue = member, interface, queue
        session.added_at, session.removed_at, session.added_paused = t, None, int(paused)
        session.added_by, session.ended_by, session.source_id = by, None, self.source_id
        self.open_sessions[(member, queue)] = session
        self.changes.sessions[session.id] = session

    def _close_session(self, member: str, queue: str | None, t: int, by: str) -> None:
        session = self.open_sessions.pop((member, queue), None)
        if session is not None:
            session.removed_at, session.ended_by = t, by
            self.changes.sessions[session.id] = session

    def _addmember(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        member = self.member(agent)
        paused = (_field(d, 0) or "").upper() == "PAUSED"
        interface = agent if agent != member or "/" in agent else None
        self._open_session(member, interface, queue, t, paused, "ADDMEMBER")
        if paused and (member, queue) not in self.open_pauses:
            self._open_pause(member, queue, t, None, "ADDMEMBER")

    def _removemember(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        member = self.member(agent)
        self._close_pause(member, queue, t, "REMOVEMEMBER")
        self._close_session(member, queue, t, "REMOVEMEMBER")

    def _agent_login(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        member = self.member(agent)
        queue_name = None if queue == "NONE" else queue
        self._open_session(member, _field(d, 0) or None, queue_name, t, False, self._current_event)

    def _agent_logoff(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        self._close_session(self.member(agent), None if queue == "NONE" else queue, t,
                            self._current_event)  # fmt: skip

    def _queuestart(self, eid: int, t: int, callid: str, queue: str, agent: str, d: list):
        """After a restart nobody's state is known: close every open call, pause and session."""
        for call in list(self.open_calls.values()):
            call.last_event_id = eid
            self.changes.calls[call.id] = call
            self._end_call(call, t, CUT_BY_RESTART)
        for member, q in list(self.open_pauses):
            self._close_pause(member, q, t, "QUEUESTART")
        for member, q in list(self.open_sessions):
            self._close_session(member, q, t, "QUEUESTART")

    _current_event = ""

    def feed(self, event_id: int, event: list) -> None:
        """Apply one stored event list (the importer's hot path)."""
        handle = self._handlers.get(event[4])
        if handle is not None:
            self._current_event = event[4]
            handle(event_id, event[0], event[1], event[2], event[3], event)
