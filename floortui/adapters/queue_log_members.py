"""What queue_log says about members: pauses and queue sessions (ADDMEMBER, AGENTLOGIN...).

A mixin of QueueLogDeriver: a few events per member a day, so pauses and
sessions are objects (PauseRow, SessionRow) rather than the lists calls are.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from floortui.store.rows import Changes, PauseRow, SessionRow

#: Positions in an event: [time, callid, queue, agent, event, data].
TIME, CALLID, QUEUE, AGENT, EVENT, DATA = range(6)
_MISSING = [None] * 6


def _data(event: list) -> list:
    """The event's data fields, padded with None so any of data1..data6 can be read."""
    data = event[DATA]
    if not data:
        return _MISSING
    fields = data.split("|")
    fields += _MISSING
    return fields


class MemberEvents:
    """PAUSE/UNPAUSE, ADDMEMBER/REMOVEMEMBER and AGENTLOGIN/LOGOFF, applied to open state."""

    open_pauses: dict[tuple[str, str], PauseRow]
    open_sessions: dict[tuple[str, str | None], SessionRow]
    next_pause_id: int
    next_session_id: int
    changes: Changes
    source_id: int | None
    member: Callable[[str], str]  # the deriver's: a name or interface → the member's name

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

    def _pause(self, eid: int, ev: list) -> None:
        d = _data(ev)
        t, queue, agent = int(ev[TIME]), ev[QUEUE], ev[AGENT]
        if queue == "NONE":  # a PAUSEALL-style line; the per-queue lines that follow count
            return
        member = self.member(agent)
        reason = d[0] or None
        pause = self.open_pauses.get((member, queue))
        if pause is None:
            self._open_pause(member, queue, t, reason, "PAUSE")
            return
        # A second PAUSE (Auto-Pause, then Break) continues the pause with a new reason.
        history = json.loads(pause.reason_history or "[]")
        history.append([t, reason])
        pause.reason, pause.reason_history = reason, json.dumps(history)
        self.changes.pauses[pause.id] = pause

    def _unpause(self, eid: int, ev: list) -> None:
        if ev[QUEUE] != "NONE":
            self._close_pause(self.member(ev[AGENT]), ev[QUEUE], int(ev[TIME]), "UNPAUSE")

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

    def _addmember(self, eid: int, ev: list) -> None:
        d = _data(ev)
        t, queue, agent = int(ev[TIME]), ev[QUEUE], ev[AGENT]
        member = self.member(agent)
        paused = (d[0] or "").upper() == "PAUSED"
        interface = agent if agent != member or "/" in agent else None
        self._open_session(member, interface, queue, t, paused, "ADDMEMBER")
        if paused and (member, queue) not in self.open_pauses:
            self._open_pause(member, queue, t, None, "ADDMEMBER")

    def _removemember(self, eid: int, ev: list) -> None:
        member = self.member(ev[AGENT])
        t = int(ev[TIME])
        self._close_pause(member, ev[QUEUE], t, "REMOVEMEMBER")
        self._close_session(member, ev[QUEUE], t, "REMOVEMEMBER")

    def _agent_login(self, eid: int, ev: list) -> None:
        d = _data(ev)
        member = self.member(ev[AGENT])
        queue = None if ev[QUEUE] == "NONE" else ev[QUEUE]
        self._open_session(member, d[0] or None, queue, int(ev[TIME]), False, ev[EVENT])

    def _agent_logoff(self, eid: int, ev: list) -> None:
        queue = None if ev[QUEUE] == "NONE" else ev[QUEUE]
        self._close_session(self.member(ev[AGENT]), queue, int(ev[TIME]), ev[EVENT])
